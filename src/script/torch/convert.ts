/**
 * Conversions between Python values and autograd/'s TypeScript values: nested lists for
 * `torch.tensor`, sizes, dtypes, and `tolist()` results back into Python lists.
 */
import type {DType} from '../../../autograd/dtype.js';
import type {NestedList} from '../../../autograd/ops/convert.js';
import type {NestedData} from '../../../autograd/ops/factories.js';
import type {Int} from '../../../autograd/shape.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PyList, PyRange, PyTuple, TorchDtype} from '../values.js';
import {fitsInt64} from './args.js';

/** The data of `torch.tensor(data)`: nested lists and tuples of numbers (or one-element tensors). */
export function toNestedData(v: unknown): NestedData | Tensor {
  if (v instanceof Tensor) return v;
  const walk = (x: unknown): NestedData => {
    if (typeof x === 'bigint' && !fitsInt64(x))
      throw pyError('RuntimeError', 'Overflow when unpacking long');
    if (typeof x === 'bigint' || typeof x === 'number' || typeof x === 'boolean') return x;
    if (x instanceof PyList || x instanceof PyTuple) return x.items.map(walk);
    // A range is a sequence like any other (`torch.tensor(range(4))`, d2l's `y_hat[range(n), y]`).
    if (x instanceof PyRange) return rangeItems(x);
    if (x instanceof Tensor) {
      if (x.numel() !== 1) {
        throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
      }
      return x.item();
    }
    if (x === null) throw pyError('RuntimeError', 'Could not infer dtype of NoneType');
    throw pyError('TypeError', `new(): invalid data type '${typeName(x)}'`);
  };
  return walk(v);
}

/** The items of a range, as Python ints. */
export function rangeItems(r: PyRange): bigint[] {
  const out: bigint[] = [];
  for (let i = 0n; i < r.length; i++) out.push(r.at(i));
  return out;
}

/** A torch dtype object's name as autograd/'s DType. */
export function toDType(v: unknown): DType | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof TorchDtype) return v.name as DType;
  throw pyError('TypeError', `dtype must be torch.dtype, not ${typeName(v)}`);
}

/** A size argument (an int, or a list/tuple/torch.Size of ints) as autograd/'s Int list. */
export function toSize(v: unknown): Int[] {
  if (typeof v === 'bigint' || typeof v === 'boolean' || v instanceof Tensor) return [toInt(v)];
  // Each item as an int: a float or a list in a size is a TypeError, not a NaN size (found by fuzz).
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(toInt);
  throw pyError('TypeError', `expected a tuple of ints, not ${typeName(v)}`);
}

/** An int argument as autograd/'s Int. */
export function toInt(v: unknown): Int {
  // Beyond int64 PyTorch cannot unpack it; as a JS number it became an Infinity size (found by fuzz).
  if (typeof v === 'bigint' && !fitsInt64(v))
    throw pyError('RuntimeError', 'Overflow when unpacking long');
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Tensor) {
    const x = v.item();
    if (typeof x === 'bigint') return x;
    if (!Number.isInteger(Number(x))) {
      throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
    }
    return BigInt(Number(x));
  }
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** `dim=` that may be one int or a list of ints (or None). */
export function toDims(v: unknown): Int | Int[] | null {
  if (v === null || v === undefined) return null;
  if (v instanceof PyList || v instanceof PyTuple) return toSize(v);
  return toInt(v);
}

/** `tolist()`'s nested arrays as Python lists. */
export function fromNestedList(v: NestedList): unknown {
  return Array.isArray(v) ? new PyList(v.map(fromNestedList)) : v;
}

/** The Python dtype object for an autograd/ DType. */
export function dtypeObject(d: DType): TorchDtype {
  return TorchDtype.of(d);
}
