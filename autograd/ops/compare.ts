/**
 * Comparisons (`>`, `>=`, `<`, `<=`, `==`, `!=`) and argmax: bool or int64 results, never
 * differentiable. Operands are compared in their promoted dtype, as in PyTorch.
 */
import type {Scalar} from '../dtype.js';
import {binary} from '../kernels/elementwise.js';
import {reduceDim} from '../kernels/reduce.js';
import {gather} from '../kernels/strided.js';
import {reportOp} from '../record.js';
import {TorchError} from '../errors.js';
import {numelOf, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {fromKernel, layoutOf, promote, scalarArg, tensorOrNull} from './util.js';

/** The comparison ops by PyTorch name. */
export type Comparison = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne';

/** `torch.gt(input, other)` and friends: elementwise, broadcasting, bool result. */
export function compare(op: Comparison, a: Tensor, b: Tensor | Scalar): Tensor {
  const dtype = promote(a, b);
  const out = fromKernel(binary(op, a, layoutOf(b, dtype), 'bool'), 'bool');
  const bt = tensorOrNull(b);
  reportOp(op, bt ? [a, bt] : [a], {other: scalarArg(b)}, [out]);
  return out;
}

/** `torch.argmax(input, dim=None, keepdim=False)`: index of the first maximum (NaN counts as largest). */
export function argmax(x: Tensor, dim: Int | null = null, keepdim = false): Tensor {
  const src = gather(x, x.dtype === 'float32' ? 'float32' : 'float64');
  if (dim === null) {
    if (x.numel() === 0) {
      throw new TorchError(
        'IndexError',
        'argmax(): Expected reduction dim to be specified for input.numel() == 0.',
      );
    }
    const idx = reduceDim('argmax', src, 1, src.length, 1, 'int64');
    const out = new Tensor(idx, keepdim ? x.shape.map(() => 1) : [], 'int64');
    reportOp('argmax', [x], {dim: null, keepdim}, [out]);
    return out;
  }
  const d = wrapDim(dim, x.shape.length);
  if (x.shape[d] === 0) {
    throw new TorchError(
      'IndexError',
      `argmax(): Expected reduction dim ${d} to have non-zero size.`,
    );
  }
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  const idx = reduceDim('argmax', src, outer, x.shape[d] ?? 1, inner, 'int64');
  const shape = x.shape.flatMap((s, i) => (i === d ? (keepdim ? [1] : []) : [s]));
  const out = new Tensor(idx, shape, 'int64');
  reportOp('argmax', [x], {dim: d, keepdim}, [out]);
  return out;
}
