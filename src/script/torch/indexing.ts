/**
 * Tensor indexing from Python: `x[0]`, `x[1, 0]`, `x[:, 0]`, `x[0:2]`, `x[None]` become autograd/'s
 * `index(...items)` (select and slice views), with PyTorch's messages for invalid indices.
 */
import type {IndexItem} from '../../../autograd/ops/views.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PySlice, PyTuple} from '../values.js';
import {fitsInt64} from './args.js';
import {isScalar} from './operators.js';
import {legacyTypeName} from '../../../autograd/dtype.js';

function sliceBound(v: unknown): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Tensor && v.dtype === 'int64' && v.numel() === 1) {
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
  if (v instanceof PySlice) {
    return {start: sliceBound(v.start), stop: sliceBound(v.stop), step: sliceBound(v.step)};
  }
  if (typeof v === 'string') throw pyError('TypeError', "new(): invalid data type 'str'");
  if (v instanceof Tensor && v.dtype === 'int64' && v.dim() === 0) {
    const x = v.item();
    return typeof x === 'bigint' ? x : BigInt(Number(x));
  }
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

function items(index: unknown): IndexItem[] {
  if (index instanceof PyTuple) return index.items.map(toItem);
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
