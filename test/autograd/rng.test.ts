/**
 * Random numbers as PyTorch draws them: after `manual_seed`, rand, randn (both its one-at-a-time
 * and its 16-wide vector path), randint and the `_like` forms give PyTorch 1.13's values bit for
 * bit (test/golden/autograd/rng.json, written by rng.py), and randn's cached second sample
 * carries from one call to the next as PyTorch's does.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/index.js';
import type {DType, Tensor} from '../../autograd/index.js';

interface Case {
  seed: number;
  fn: 'rand' | 'randn' | 'randint' | 'rand_like' | 'randn_like';
  args: number[];
  kwargs: {dtype?: DType};
  values: number[];
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/autograd/rng.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  cases: Case[];
  sequence: {fn: 'rand' | 'randn'; n: number; values: number[]}[];
  initial_seed: number;
};

function draw(c: Case): Tensor {
  const options = c.kwargs.dtype ? {dtype: c.kwargs.dtype} : {};
  switch (c.fn) {
    case 'randint': {
      const [low = 0, high = 1, n = 0] = c.args;
      return torch.randint(low, high, [n], options);
    }
    case 'rand_like':
      return torch.randLike(torch.zeros(c.args[0] ?? 0), options);
    case 'randn_like':
      return torch.randnLike(torch.zeros(c.args[0] ?? 0), options);
    default:
      return torch[c.fn](...c.args, options);
  }
}

describe(`random numbers match PyTorch ${golden.torch} after manual_seed`, () => {
  for (const c of golden.cases) {
    const what = `${c.fn}(${c.args.join(', ')}${c.kwargs.dtype ? `, dtype=${c.kwargs.dtype}` : ''})`;
    it(`seed ${c.seed}: ${what}`, () => {
      torch.manualSeed(BigInt(c.seed));
      const got = (draw(c).reshape(-1).tolist() as (number | bigint)[]).map(Number);
      // float64 normals go through glibc's log, sin and cos (autograd/kernels/libm.ts)
      expect(got).toEqual(c.values);
    });
  }

  it('carries randn’s second Box–Muller sample from one call to the next', () => {
    torch.manualSeed(7);
    for (const step of golden.sequence) {
      expect(torch[step.fn](step.n).tolist(), `${step.fn}(${step.n})`).toEqual(step.values);
    }
  });

  it('initial_seed() is the last manual seed', () => {
    torch.manualSeed(99);
    expect(torch.initialSeed()).toBe(BigInt(golden.initial_seed));
  });

  it('refuses what PyTorch refuses', () => {
    expect(() => torch.rand(2, {dtype: 'int64'})).toThrow(
      `"check_uniform_bounds" not implemented for 'Long'`,
    );
    expect(() => torch.randn(2, {dtype: 'int64'})).toThrow(
      `"normal_kernel_cpu" not implemented for 'Long'`,
    );
    expect(() => torch.randint(5, 5, [2])).toThrow(
      "random_ expects 'from' to be less than 'to', but got from=5 >= to=5",
    );
    expect(() => torch.randint(0, 3, [2], {requiresGrad: true})).toThrow(
      'Only Tensors of floating point and complex dtype can require gradients',
    );
  });
});
