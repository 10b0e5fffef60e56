/**
 * float64 exp, expm1, log, log1p, log2, log10, tanh, sinh, cosh, sigmoid, sin, cos, tan, atan,
 * asin, acos, erf, erfc and exp2 against PyTorch 1.13 bit for bit (test/golden/autograd/
 * sleef_double.json and sleef_double_special.json, written by the generators of those names):
 * one long tensor per sweep (SLEEF's u10 functions on the vector body, the grouped reductions of
 * sin, cos and tan, sigmoid's and sinh's glibc tails, exp2's glibc) and tensors of lengths 1..9
 * (the tails alone), each op's gradient, softmax, log_softmax, logsumexp, pow (SLEEF's pow, glibc's
 * on the tails) and the activations (SLEEF on blocks of 8, glibc on the rest) with their
 * gradients, and the value and gradient of a float64 chain through them.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {F, torch} from '../../autograd/index.js';
import type {Tensor} from '../../autograd/index.js';
import * as sleef64 from '../../autograd/kernels/sleef-double.js';
import * as act from '../../autograd/ops/activation.js';
import {softsign} from '../../autograd/ops/activation-functional.js';
import * as nn from '../../autograd/ops/nn.js';
import * as stats from '../../autograd/ops/stats.js';

interface Case {
  readonly op: string;
  readonly x: string[];
  readonly y: string[];
}
interface Chain {
  readonly x: string[];
  readonly y: string[];
  readonly grad: string[];
}
interface Grad {
  readonly op: string;
  readonly x: string[];
  readonly g: string[];
  readonly grad: string[];
}
interface Functional {
  readonly name: string;
  readonly shape: number[];
  readonly x: string[];
  readonly g: string[];
  readonly y: string[];
  readonly grad: string[];
}
interface Golden {
  readonly cases: Case[];
  readonly grads: Grad[];
  readonly functional: Functional[];
  readonly chain: Chain[];
}
const read = (name: string): Golden =>
  JSON.parse(
    readFileSync(new URL(`../golden/autograd/${name}.json`, import.meta.url), 'utf8'),
  ) as Golden;
const files = [read('sleef_double'), read('sleef_double_special')];
const golden: Golden = {
  cases: files.flatMap((f) => f.cases),
  grads: files.flatMap((f) => f.grads),
  functional: files.flatMap((f) => f.functional),
  chain: files.flatMap((f) => f.chain),
};

const view = new DataView(new ArrayBuffer(8));
/** The double with these 16 hex digits of IEEE bits. */
function fromBits(hex: string): number {
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}
/** The 16 hex digits of a double's bits (NaN payloads aside). */
function toBits(v: number): string {
  if (v !== v) return 'nan';
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
const bitsOf = (hex: string): string => toBits(fromBits(hex));

/** The differences between got and want, as readable lines. */
function misses(x: number[], got: number[], want: string[]): string[] {
  const out: string[] = [];
  want.forEach((w, i) => {
    if (toBits(got[i] ?? NaN) !== bitsOf(w)) {
      out.push(`x=${x[i]}: got ${got[i]}, PyTorch ${fromBits(w)}`);
    }
  });
  return out;
}

const float64 = (xs: number[], requiresGrad = false): Tensor =>
  torch.tensor(xs, {dtype: 'float64', requiresGrad});

/** torch.<op>(t). */
function run(op: string, t: Tensor): Tensor {
  const fn = (torch as unknown as Record<string, ((t: Tensor) => Tensor) | undefined>)[op];
  if (fn === undefined) throw new Error(`no torch.${op}`);
  return fn(t);
}

describe('float64 elementwise functions match PyTorch 1.13 bit for bit', () => {
  const byOp = new Map<string, Case[]>();
  for (const c of golden.cases) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);
  for (const [op, cases] of byOp) {
    const count = cases.reduce((n, c) => n + c.x.length, 0);
    it(`${op} on ${count} values in ${cases.length} tensors`, () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const x = c.x.map(fromBits);
        const y = run(op, float64(x)).tolist() as number[];
        wrong.push(...misses(x, y, c.y));
      }
      expect(wrong.length, wrong.slice(0, 5).join('\n')).toBe(0);
    });
  }
});

describe('their float64 gradients match PyTorch 1.13 bit for bit', () => {
  for (const c of golden.grads) {
    it(`${c.op}: x.grad after y.backward(g), ${c.x.length} elements`, () => {
      const xs = c.x.map(fromBits);
      const x = float64(xs, true);
      run(c.op, x).backward(float64(c.g.map(fromBits)));
      expect(misses(xs, (x.grad?.tolist() ?? []) as number[], c.grad)).toEqual([]);
    });
  }
});

/** The generator's FUNCTIONAL table, in our API. */
const FUNCTIONAL: Readonly<Record<string, (t: Tensor) => Tensor>> = {
  softmax: (t) => F.softmax(t, -1),
  softmax0: (t) => F.softmax(t, 0),
  log_softmax: (t) => nn.logSoftmax(t, -1),
  log_softmax0: (t) => nn.logSoftmax(t, 0),
  logsumexp: (t) => stats.logsumexp(t, -1),
  pow_2_5: (t) => t.abs().pow(2.5),
  pow_neg_1_7: (t) => t.abs().pow(-1.7),
  pow_3: (t) => t.pow(3),
  pow_tensor: (t) => t.abs().pow(t.mul(0.5)),
  rpow: (t) => torch.pow(1.7, t),
  elu: (t) => act.elu(t, 1),
  elu_alpha: (t) => act.elu(t, 0.7),
  gelu: (t) => act.gelu(t, 'none'),
  gelu_tanh: (t) => act.gelu(t, 'tanh'),
  softplus: (t) => act.softplus(t, 1, 20),
  softplus_beta: (t) => act.softplus(t, 2, 5),
  silu: (t) => act.silu(t),
  mish: (t) => act.mish(t),
  logsigmoid: (t) => act.logSigmoid(t),
  leaky_relu: (t) => act.leakyRelu(t, 0.03),
  softsign: (t) => softsign(t),
  atan2: (t) => torch.atan2(t, t.flip([-1])),
};

describe('float64 functions built on them match PyTorch 1.13 bit for bit', () => {
  for (const c of golden.functional) {
    it(`${c.name} of [${c.shape.join(', ')}]: value and gradient`, () => {
      const fn = FUNCTIONAL[c.name];
      if (fn === undefined) throw new Error(`no function ${c.name}`);
      const xs = c.x.map(fromBits);
      const x = float64(xs).reshape(c.shape).requiresGrad_();
      const y = fn(x);
      y.backward(float64(c.g.map(fromBits)).reshape(y.shape));
      expect(misses(xs, y.detach().flatten().tolist() as number[], c.y)).toEqual([]);
      expect(misses(xs, (x.grad?.flatten().tolist() ?? []) as number[], c.grad)).toEqual([]);
    });
  }
});

describe('a float64 chain through them matches PyTorch 1.13 bit for bit', () => {
  golden.chain.forEach((chain, k) => {
    it(`values and gradients, ${chain.x.length} elements (chain ${k})`, () => {
      const xs = chain.x.map(fromBits);
      const x = float64(xs, true);
      const y = torch
        .sigmoid(torch.tanh(torch.exp(x).mul(0.5)).mul(3))
        .add(torch.log1p(torch.exp(x)));
      const z = torch
        .sin(x)
        .mul(torch.cos(x.mul(0.7)))
        .add(torch.expm1(x.mul(0.25)))
        .add(torch.log(x.mul(x).add(1)));
      const out = y.mul(z);
      out.sum().backward();
      expect(misses(xs, out.detach().tolist() as number[], chain.y)).toEqual([]);
      expect(misses(xs, (x.grad?.tolist() ?? []) as number[], chain.grad)).toEqual([]);
    });
  });
});

describe('float64 kernels at the ends of their ranges', () => {
  it('follow C for special values', () => {
    expect(sleef64.exp(710)).toBe(Infinity);
    expect(sleef64.exp(-1001)).toBe(0);
    expect(sleef64.log(0)).toBe(-Infinity);
    expect(sleef64.log(-1)).toBeNaN();
    expect(Object.is(sleef64.expm1(-0), -0)).toBe(true);
    expect(Object.is(sleef64.log1p(-0), -0)).toBe(true);
    expect(Object.is(sleef64.tanh(-0), -0)).toBe(true);
    expect(sleef64.tanh(-Infinity)).toBe(-1);
  });
});
