/**
 * Robustness: thousands of op calls with random operands (every dtype, empty and 0-dim shapes,
 * odd scalars, out-of-range dims) and random backward calls. Every failure must be a TorchError
 * (what PyTorch would raise), never a JavaScript TypeError or RangeError from inside autograd/.
 */
import {describe, expect, it} from 'vitest';
import {F, Tensor, TorchError, torch} from '../../autograd/index.js';
import type {DType, Scalar} from '../../autograd/index.js';

function makeRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const SHAPES = [[], [0], [1], [3], [2, 3], [3, 1], [1, 3], [2, 0], [2, 1, 3]];
const DTYPES: DType[] = ['float32', 'float64', 'int64', 'bool'];
const SCALARS: Scalar[] = [2n, -1n, 0n, 2.5, -0.5, 0, NaN, Infinity, true, false];

type Arg = Tensor | Scalar;
type Op = (args: Arg[], dims: number[]) => unknown;

function asTensor(a: Arg | undefined): Tensor {
  if (a instanceof Tensor) return a;
  throw new TorchError('TypeError', 'not a tensor');
}

const OPS: Record<string, Op> = {
  add: ([a, b]) => asTensor(a).add(b ?? 1),
  sub: ([a, b]) => asTensor(a).sub(b ?? 1),
  mul: ([a, b]) => asTensor(a).mul(b ?? 1),
  div: ([a, b]) => asTensor(a).div(b ?? 1),
  pow: ([a, b]) => asTensor(a).pow(b ?? 2n),
  rsub: ([a, b]) => asTensor(a).rsub(b ?? 1),
  rdiv: ([a]) => asTensor(a).rdiv(2),
  rpow: ([a]) => asTensor(a).rpow(2),
  neg: ([a]) => asTensor(a).neg(),
  exp: ([a]) => asTensor(a).exp(),
  log: ([a]) => asTensor(a).log(),
  sqrt: ([a]) => asTensor(a).sqrt(),
  abs: ([a]) => asTensor(a).abs(),
  tanh: ([a]) => asTensor(a).tanh(),
  sigmoid: ([a]) => asTensor(a).sigmoid(),
  relu: ([a]) => asTensor(a).relu(),
  clamp: ([a, b]) => asTensor(a).clamp({min: b instanceof Tensor ? 0 : (b ?? 0), max: 1}),
  sum: ([a], [d]) => asTensor(a).sum({dim: d}),
  sumAll: ([a]) => asTensor(a).sum(),
  mean: ([a], [d]) => asTensor(a).mean({dim: d, keepdim: true}),
  meanAll: ([a]) => asTensor(a).mean(),
  max: ([a]) => asTensor(a).max(),
  maxDim: ([a], [d]) => asTensor(a).max({dim: d ?? 0})[0],
  norm: ([a], [d]) => asTensor(a).norm({dim: d}),
  matmul: ([a, b]) => asTensor(a).matmul(asTensor(b ?? 0)),
  mm: ([a, b]) => asTensor(a).mm(asTensor(b ?? 0)),
  mv: ([a, b]) => asTensor(a).mv(asTensor(b ?? 0)),
  dot: ([a, b]) => asTensor(a).dot(asTensor(b ?? 0)),
  t: ([a]) => asTensor(a).t(),
  T: ([a]) => asTensor(a).T,
  transpose: ([a], [d0, d1]) => asTensor(a).transpose(d0 ?? 0, d1 ?? 0),
  reshape: ([a], [d0, d1]) => asTensor(a).reshape(d0 ?? -1, d1 ?? 1),
  view: ([a], [d0]) => asTensor(a).view(d0 ?? -1),
  unsqueeze: ([a], [d]) => asTensor(a).unsqueeze(d ?? 0),
  squeeze: ([a], [d]) => asTensor(a).squeeze(d ?? 0),
  select: ([a], [d, i]) => asTensor(a).select(d ?? 0, i ?? 0),
  index: ([a], [i, j]) => asTensor(a).index(BigInt(i ?? 0), {start: BigInt(j ?? 0), stop: null}),
  softmax: ([a], [d]) => asTensor(a).softmax(d ?? 0),
  logSoftmax: ([a], [d]) => asTensor(a).logSoftmax(d ?? 0),
  mse: ([a, b]) => F.mseLoss(asTensor(a), asTensor(b ?? 0)),
  crossEntropy: ([a, b]) => F.crossEntropy(asTensor(a), asTensor(b ?? 0)),
  add_: ([a, b]) => asTensor(a).add_(b ?? 1),
  mul_: ([a, b]) => asTensor(a).mul_(b ?? 1),
  zero_: ([a]) => asTensor(a).zero_(),
  item: ([a]) => asTensor(a).item(),
  tolist: ([a]) => asTensor(a).tolist(),
  repr: ([a]) => asTensor(a).toString(),
  backward: ([a]) => {
    asTensor(a).backward();
  },
  requiresGrad: ([a]) => asTensor(a).requiresGrad_(),
  detach: ([a]) => asTensor(a).detach(),
};

function randomTensor(rand: () => number): Tensor {
  const shape = SHAPES[Math.floor(rand() * SHAPES.length)] ?? [];
  const dtype = DTYPES[Math.floor(rand() * DTYPES.length)] ?? 'float32';
  const n = shape.reduce((a, b) => a * b, 1);
  const t = torch.zeros(shape, {dtype});
  for (let i = 0; i < n; i++)
    t.data[i] = dtype === 'bool' ? (rand() < 0.5 ? 1 : 0) : Math.round((rand() * 6 - 3) * 4) / 4;
  if (dtype.startsWith('float') && rand() < 0.5) t.requiresGrad_();
  return t;
}

describe('autograd/ under random calls', () => {
  it('raises only TorchErrors on 4000 random calls', () => {
    const rand = makeRandom(42);
    const pool: Tensor[] = Array.from({length: 12}, () => randomTensor(rand));
    const names = Object.keys(OPS);
    const internal: string[] = [];
    let errors = 0;
    for (let i = 0; i < 4000; i++) {
      const name = names[Math.floor(rand() * names.length)] ?? 'add';
      const pick = (): Arg =>
        rand() < 0.8
          ? (pool[Math.floor(rand() * pool.length)] ?? 0)
          : (SCALARS[Math.floor(rand() * SCALARS.length)] ?? 0);
      const args = [pick(), pick()];
      if (!(args[0] instanceof Tensor)) args[0] = pool[0] ?? torch.zeros(1);
      const dims = [Math.floor(rand() * 7) - 3, Math.floor(rand() * 7) - 3];
      try {
        const out = (OPS[name] as Op)(args, dims);
        if (out instanceof Tensor) {
          out.toString();
          if (out.numel() < 50) pool[Math.floor(rand() * pool.length)] = out;
        }
      } catch (e) {
        errors++;
        if (!(e instanceof TorchError)) {
          internal.push(
            `${name}(${args.map((a) => (a instanceof Tensor ? `${a.dtype}[${a.shape.join(',')}]` : String(a))).join(', ')}) dims=${dims.join(',')}: ${String(e)}`,
          );
        }
      }
    }
    expect(internal.slice(0, 10)).toEqual([]);
    // The mix exercises both paths: many calls succeed, many are refused.
    expect(errors).toBeGreaterThan(400);
    expect(errors).toBeLessThan(3600);
  });
});
