/**
 * int64 storage (a Float64Array) never holds -0: PyTorch integers have no negative zero, and
 * the trace's int64 elements must be plain integers (found by the robustness fuzzer).
 */
import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/index.js';
import type {Tensor} from '../../autograd/index.js';

function hasNegativeZero(t: Tensor): boolean {
  return Array.from(t.contiguous().data).some((v) => Object.is(v, -0));
}

describe('int64 tensors hold no -0', () => {
  const zeros = () => torch.tensor([0n, 3n]);
  const cases: [string, () => Tensor][] = [
    ['tensor(-0.0, dtype=long)', () => torch.tensor(-0, {dtype: 'int64'})],
    ['tensor([-0.0, -0.5], dtype=long)', () => torch.tensor([-0, -0.5], {dtype: 'int64'})],
    ['full(-0.0, dtype=long)', () => torch.full([2], -0, {dtype: 'int64'})],
    ['-x', () => zeros().neg()],
    ['x * -1', () => zeros().mul(-1n)],
    ['x.abs() of -x', () => zeros().neg().abs()],
    ['float -0.0 cast to long', () => torch.tensor([-0, 1]).long()],
    ['fill_(-0.0)', () => zeros().fill_(-0)],
    ['x.mul_(-1)', () => zeros().mul_(-1n)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      expect(hasNegativeZero(make())).toBe(false);
    });
  }
});
