/**
 * Tensor indexing from Python: `x[0]`, `x[1, 0]`, `x[:, 0]`, `x[0:2]`, `x[None]`, `x[..., -1]`,
 * `x[idx]`, `x[mask]`, `x[[0, 1], [1, 2]]` become autograd/'s `index(...items)` (views, then
 * `at::index` for tensor indices), with PyTorch's messages for invalid indices. Lists become
 * index tensors as PyTorch's `indexing_tensor_from_data` makes them (bool, else int64); a `range`
 * is a sequence like a list (`y_hat[range(len(y_hat)), y]`).
 */
import type {IndexItem} from '../../../autograd/ops/views.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PyList, PyRange, PySlice, PyTuple} from '../values.js';
import {ellipsis} from '../objects.js';
import {muteObserver} from '../../../autograd/report.js';
import {castData} from '../../../autograd/ops/convert.js';
import {tensor as torchTensor} from '../../../autograd/ops/factories.js';
import {toNestedData} from './convert.js';
import {fitsInt64} from './args.js';
import {isScalar} from './operators.js';
import {isIntegral, legacyTypeName} from '../../../autograd/dtype.js';

function sliceBound(v: unknown): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Tensor && isIntegral(v.dtype) && v.numel() === 1) {
    const x = v.item();
    return typeof x === 'bigint' ? x : BigInt(Number(x));
  }
  throw pyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

function toItem(v: unknown): IndexItem {
  if (typeof v === 'bigint') {
    if (!fitsInt64(v)) throw pyError('RuntimeError', 'Overflow when unpacking long');
    return v;
  }
  if (v === null) return null;
  if (v === ellipsis) return '...';
  if (typeof v === 'boolean') return v;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof PyRange) return indexTensor(v);
  if (v instanceof PySlice) {
    return {start: sliceBound(v.start), stop: sliceBound(v.stop), step: sliceBound(v.step)};
  }
  if (typeof v === 'string') throw pyError('TypeError', "new(): invalid data type 'str'");
  // A 0-dim integer tensor is an integer index (uint8, a byte mask in 1.13, is not).
  if (v instanceof Tensor && isIntegral(v.dtype) && v.dtype !== 'uint8' && v.dim() === 0) {
    const x = v.item();
    return typeof x === 'bigint' ? x : BigInt(Number(x));
  }
  if (v instanceof Tensor) return v;
  if (typeof v === 'number') {
    throw pyError(
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)',
    );
  }
  throw pyError(
    'NotImplementedError',
    `indexing a tensor with a ${typeName(v)} is not supported by grad-graph yet`,
  );
}

/** A list used as an index: a bool tensor if its items are bools, else int64 (floats truncated). */
function indexTensor(v: PyList | PyTuple | PyRange): Tensor {
  const data = toNestedData(v);
  return muteObserver(() => {
    const t = torchTensor(data);
    return t.dtype === 'bool' ? t : castData(t, 'int64');
  });
}

/**
 * PyTorch's `treatSequenceAsTuple`: a list (not a tuple) index of fewer than 32 items that holds
 * a tensor, a sequence, a slice, `...` or None is a tuple of indices (numpy's old rule);
 * any other list is one index tensor.
 */
function treatAsTuple(v: PyList): boolean {
  return (
    v.items.length < 32 &&
    v.items.some(
      (it) =>
        it instanceof Tensor ||
        it instanceof PyList ||
        it instanceof PyTuple ||
        it instanceof PyRange ||
        it instanceof PySlice ||
        it === ellipsis ||
        it === null,
    )
  );
}

function items(index: unknown): IndexItem[] {
  if (index instanceof PyTuple) return index.items.map(toItem);
  if (index instanceof PyList && treatAsTuple(index)) return index.items.map(toItem);
  return [toItem(index)];
}

/** `t[index]`. */
export function tensorGetItem(t: Tensor, index: unknown): Tensor {
  return t.index(...items(index));
}

/** `t[index] = value`: a Python number or a tensor, broadcast into the indexed region. */
export function tensorSetItem(t: Tensor, index: unknown, value: unknown): void {
  // PyTorch converts the value before it looks at the index.
  if (!(value instanceof Tensor) && !isScalar(value)) {
    throw pyError('TypeError', `can't assign a ${typeName(value)} to a ${legacyTypeName(t.dtype)}`);
  }
  t.setItem(items(index), value);
}
