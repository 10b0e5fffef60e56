/**
 * Finite-difference gradient checks in float64, shared by the gradcheck test files: the gradient
 * the engine computes for L = Σ w·f(inputs) (fixed pseudo-random weights w) must match central
 * differences (L(x+ε) - L(x-ε)) / 2ε element by element. Needs no PyTorch.
 */
import {describe, expect, it} from 'vitest';
import {Tensor, torch} from '../../autograd/index.js';

/** A small deterministic generator (LCG) so inputs are fixed but not hand-picked. */
export function makeRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export type Maker = (rand: () => number) => number;
export const signed: Maker = (r) => r() * 4 - 2;
export const positive: Maker = (r) => 0.5 + r() * 2;
/** Away from 0 (for abs, relu, norm p=1 whose derivative jumps there). */
export const nonzero: Maker = (r) => (r() < 0.5 ? -1 : 1) * (0.3 + r() * 1.5);

export function input(shape: number[], make: Maker, rand: () => number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({length: n}, () => make(rand));
  const t = torch.zeros(shape, {dtype: 'float64'});
  values.forEach((v, i) => (t.data[i] = v));
  return t.requiresGrad_();
}

/** L = Σ w·out with fixed weights, so every output element matters differently. */
function loss(out: Tensor): Tensor {
  const n = out.numel();
  const w = torch.arange(n, {dtype: 'float64'}).mul(0.37).sin().add(1.1);
  return out.mul(out.shape.length ? w.reshape(out.shape) : w.reshape([])).sum();
}

export function check(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const analytic = (() => {
    inputs.forEach((x) => (x.grad = null));
    loss(fn(...inputs)).backward();
    return inputs.map((x) =>
      x.grad ? (x.grad.contiguous().reshape(-1).tolist() as number[]) : null,
    );
  })();
  const eps = 1e-6;
  const value = () => torch.noGrad(() => loss(fn(...inputs)).item() as number);
  inputs.forEach((x, k) => {
    const got = analytic[k];
    expect(got, `input ${k} has a gradient`).not.toBeNull();
    for (let i = 0; i < x.numel(); i++) {
      const at = x.offset + i;
      const orig = x.data[at] ?? 0;
      x.data[at] = orig + eps;
      const plus = value();
      x.data[at] = orig - eps;
      const minus = value();
      x.data[at] = orig;
      const numeric = (plus - minus) / (2 * eps);
      const a = got?.[i] ?? NaN;
      expect(
        Math.abs(a - numeric),
        `input ${k}[${i}]: analytic ${a}, numeric ${numeric}`,
      ).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(numeric));
    }
  });
}

export interface Case {
  name: string;
  shapes: number[][];
  make?: Maker[];
  fn: (...xs: Tensor[]) => Tensor;
}

export const t = (x: Tensor | undefined): Tensor => {
  if (!x) throw new Error('missing input');
  return x;
};

/** One `it` per case, each with its own fixed inputs. */
export function checkCases(title: string, cases: readonly Case[], seed = 1000): void {
  describe(title, () => {
    cases.forEach((c, idx) => {
      it(c.name, () => {
        const rand = makeRandom(seed + idx);
        const inputs = c.shapes.map((shape, i) => input(shape, c.make?.[i] ?? signed, rand));
        check(c.fn, inputs);
      });
    });
  });
}
