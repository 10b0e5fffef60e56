/**
 * The activations' float32 values and gradients against PyTorch 1.13 (golden activations.json,
 * written by activations.py) over 4001 points: as one tensor (vectorised blocks of 16 through
 * SLEEF, the tail through glibc) and in pieces of 15 (every element through glibc), bit for bit.
 * gelu's erf form goes through oneDNN's eltwise kernels (their own exp and erf).
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {F, torch} from '../../autograd/index.js';
import type {Tensor} from '../../autograd/index.js';
import {softsign} from '../../autograd/ops/activation-functional.js';
import * as activation from '../../autograd/ops/activation.js';

interface Values {
  y: string;
  grad: string;
  yPieces: string;
  gradPieces: string;
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/autograd/activations.json', import.meta.url), 'utf8'),
) as {x: string; g: string; piece: number} & Record<string, Values>;

function floats(b64: string): number[] {
  const buf = Buffer.from(b64, 'base64');
  return [...new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength))];
}

function ulps(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  const ints = new Int32Array(new Float32Array([a, b]).buffer);
  return Math.abs((ints[0] ?? 0) - (ints[1] ?? 0));
}

const FUNCTIONS: Readonly<Record<string, (t: Tensor) => Tensor>> = {
  leaky_relu: (t) => activation.leakyRelu(t, 0.03),
  elu: (t) => activation.elu(t, 1),
  elu_alpha: (t) => activation.elu(t, 0.7),
  gelu: (t) => activation.gelu(t, 'none'),
  gelu_tanh: (t) => activation.gelu(t, 'tanh'),
  softplus: (t) => activation.softplus(t, 1, 20),
  softplus_beta: (t) => activation.softplus(t, 2, 5),
  silu: (t) => activation.silu(t),
  mish: (t) => activation.mish(t),
  logsigmoid: (t) => activation.logSigmoid(t),
  softsign,
};

/** y and x.grad after y.backward(g), for the whole of x. */
function run(fn: (t: Tensor) => Tensor, x: number[], g: number[]): [number[], number[]] {
  const leaf = torch.tensor(x, {requiresGrad: true});
  const y = fn(leaf);
  y.backward(torch.tensor(g));
  return [y.detach().tolist() as number[], (leaf.grad?.tolist() ?? []) as number[]];
}

function worst(got: number[], want: number[]): number {
  expect(got.length).toBe(want.length);
  return want.reduce((m, w, i) => Math.max(m, ulps(got[i] ?? NaN, w)), 0);
}

describe('float32 activations match PyTorch 1.13 bit for bit', () => {
  const x = floats(golden.x);
  const g = floats(golden.g);
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    const want = golden[name];
    if (want === undefined) throw new Error(`no golden for ${name}`);
    it(`${name}: one tensor (vector blocks and tail)`, () => {
      const [y, grad] = run(fn, x, g);
      expect(worst(y, floats(want.y))).toBe(0);
      expect(worst(grad, floats(want.grad))).toBe(0);
    });
    it(`${name}: pieces of ${golden.piece} (scalar kernel only)`, () => {
      const ys: number[] = [];
      const grads: number[] = [];
      for (let i = 0; i < x.length; i += golden.piece) {
        const [y, grad] = run(fn, x.slice(i, i + golden.piece), g.slice(i, i + golden.piece));
        ys.push(...y);
        grads.push(...grad);
      }
      expect(worst(ys, floats(want.yPieces))).toBe(0);
      expect(worst(grads, floats(want.gradPieces))).toBe(0);
    });
  }
});

describe('activation errors', () => {
  it('gelu names its approximate argument', () => {
    expect(() => F.gelu(torch.ones(2), {approximate: 'x'})).toThrow(
      'approximate argument must be either none or tanh.',
    );
  });
});
