/**
 * float32 unary kernels against PyTorch over a dense grid (golden.json "sweeps"): exp, log,
 * tanh, sin, cos, sigmoid and sqrt bit for bit (ports of PyTorch's SLEEF kernels), and pow with
 * scalar and tensor exponents and a scalar base (SLEEF's powf on whole vectors, C's on the tail).
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/index.js';
import type {Tensor} from '../../autograd/index.js';

const sweeps = (
  JSON.parse(readFileSync(new URL('../golden/autograd/golden.json', import.meta.url), 'utf8')) as {
    sweeps: Record<string, number[]>;
  }
).sweeps;

function ulpDistance(a: number, b: number): number {
  const buf = new Float32Array([a, b]);
  const ints = new Int32Array(buf.buffer);
  return Math.abs((ints[0] ?? 0) - (ints[1] ?? 0));
}

const ops = {exp: 0, sigmoid: 0, sqrt: 0, log: 0, tanh: 0, sin: 0, cos: 0} as const;

describe('float32 unary kernels match PyTorch', () => {
  for (const [op, maxUlps] of Object.entries(ops)) {
    it(`${op} is within ${maxUlps} ulp on ${sweeps.x?.length ?? 0} points`, () => {
      const input = op === 'log' || op === 'sqrt' ? sweeps.pos : sweeps.x;
      const want = sweeps[op] ?? [];
      const got = torch
        .tensor(input ?? [])
        [op as keyof typeof ops]()
        .tolist() as number[];
      const worst = want.reduce((m, w, i) => Math.max(m, ulpDistance(got[i] ?? NaN, w)), 0);
      expect(worst).toBeLessThanOrEqual(maxUlps);
      expect(got.length).toBe(want.length);
    });
  }
});

/** One test per sweep: every value equal to PyTorch's (0 ulp apart), none missing. */
function exactly(cases: readonly [string, () => Tensor][]): void {
  for (const [name, run] of cases) {
    it(name, () => {
      const want = sweeps[name] ?? [];
      const got = run().tolist() as number[];
      const worst = want.reduce((m, w, i) => Math.max(m, ulpDistance(got[i] ?? NaN, w)), 0);
      expect(got.length).toBe(want.length);
      expect(worst).toBe(0);
    });
  }
}

describe('float32 pow matches PyTorch bit for bit', () => {
  const x = () => torch.tensor(sweeps.x ?? []);
  const pos = () => torch.tensor(sweeps.pos ?? []);
  const cases: [string, () => Tensor][] = [
    ['pow_x_4', () => x().pow(4)],
    ['pow_x_5', () => x().pow(5)],
    ['pow_x_m3', () => x().pow(-3)],
    ['pow_pos_2_5', () => pos().pow(2.5)],
    ['pow_pos_m1_5', () => pos().pow(-1.5)],
    ['pow_pos_x', () => pos().pow(x().div(8))],
    ['pow_2_x', () => torch.pow(2, x().div(4))],
  ];
  exactly(cases);
});

describe('more float32 functions match PyTorch bit for bit', () => {
  const x = () => torch.tensor(sweeps.x ?? []);
  const pos = () => torch.tensor(sweeps.pos ?? []);
  const cases: [string, () => Tensor][] = [
    ['tan', () => torch.tan(x())],
    ['atan', () => torch.atan(x())],
    ['asin', () => torch.asin(x().div(20))],
    ['acos', () => torch.acos(x().div(20))],
    ['sinh', () => torch.sinh(x())],
    ['cosh', () => torch.cosh(x())],
    ['log2', () => torch.log2(pos())],
    ['log10', () => torch.log10(pos())],
    ['log1p', () => torch.log1p(pos().sub(0.999))],
    ['expm1', () => torch.expm1(x())],
    ['exp2', () => torch.exp2(x())],
    ['erf', () => torch.erf(x().div(4))],
    ['erfc', () => torch.erfc(x().div(4))],
    ['atan2', () => torch.atan2(x(), x().flip([0]).add(0.5))],
  ];
  exactly(cases);
});
