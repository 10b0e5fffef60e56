/**
 * Indexing: `x[i]`, `x[a:b:c]` and `x[i] = v` on lists, tuples, strings, ranges and torch.Size,
 * with Python's index wrapping, slice clipping and messages. Tensors go to the torch binding.
 */
import {instanceDelItem, instanceGetItem, instanceSetItem} from './dunders.js';
import {callValue} from './call.js';
import {PyBoundMethod, PyClass, PyClassMethod, PyInstance} from './objects.js';
import {Tensor} from '../../autograd/tensor.js';
import {PyCounter, PyDefaultDict, PyDict} from './containers.js';
import {keyError, pyError} from './errors.js';
import {late} from './late.js';
import {iterate} from './operators.js';
import {pyRepr, typeName} from './repr.js';
import {tensorGetItem, tensorSetItem} from './torch/indexing.js';
import {tensorIndex} from './torch/operators.js';
import {PyCallable, PyList, PyRange, PySlice, PyTuple, TorchSize} from './values.js';

/** The builtin types that take `[...]` (PEP 585 generics such as `list[int]`). */
const genericBuiltins: ReadonlySet<string> = new Set([
  'list',
  'dict',
  'tuple',
  'set',
  'frozenset',
  'type',
]);

function sliceBound(v: unknown): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Tensor) return tensorIndex(v);
  throw pyError('TypeError', 'slice indices must be integers or None or have an __index__ method');
}

/** CPython's PySlice_GetIndicesEx: start, stop, step and count for a sequence of `length`. */
export function sliceIndices(s: PySlice, length: bigint): [bigint, bigint, bigint, bigint] {
  const step = sliceBound(s.step) ?? 1n;
  if (step === 0n) throw pyError('ValueError', 'slice step cannot be zero');
  const lower = step < 0n ? -1n : 0n;
  const upper = step < 0n ? length - 1n : length;
  const clip = (v: bigint | null, dflt: bigint) => {
    if (v === null) return dflt;
    if (v < 0n) {
      const w = v + length;
      return w < lower ? lower : w;
    }
    return v > upper ? upper : v;
  };
  const start = clip(sliceBound(s.start), step < 0n ? upper : lower);
  const stop = clip(sliceBound(s.stop), step < 0n ? lower : upper);
  let count = 0n;
  if (step < 0n) {
    if (stop < start) count = (start - stop - 1n) / -step + 1n;
  } else if (start < stop) {
    count = (stop - start - 1n) / step + 1n;
  }
  return [start, stop, step, count];
}

function pick<T>(items: readonly T[], s: PySlice): T[] {
  const [start, , step, count] = sliceIndices(s, BigInt(items.length));
  const out: T[] = [];
  for (let i = 0n, j = start; i < count; i++, j += step) out.push(items[Number(j)] as T);
  return out;
}

function intIndex(index: unknown, what: string): bigint | null {
  if (typeof index === 'bigint') return index;
  if (typeof index === 'boolean') return index ? 1n : 0n;
  if (index instanceof PySlice) return null;
  // A tensor has __index__: `classes[pred.argmax()]` works for one-element integer tensors.
  if (index instanceof Tensor) return tensorIndex(index);
  if (what === 'string') {
    throw pyError('TypeError', `string indices must be integers, not '${typeName(index)}'`);
  }
  throw pyError('TypeError', `${what} indices must be integers or slices, not ${typeName(index)}`);
}

function wrap(i: bigint, length: number, message: string): number {
  const j = i < 0n ? i + BigInt(length) : i;
  if (j < 0n || j >= BigInt(length)) throw pyError('IndexError', message);
  return Number(j);
}

/** `d[key]` of a dict: KeyError when absent, unless a defaultdict or Counter supplies it. */
function dictItem(d: PyDict, key: unknown): unknown {
  const v = d.get(key);
  if (v !== undefined) return v;
  if (d instanceof PyCounter) return 0n;
  if (d instanceof PyDefaultDict && d.factory !== null) {
    const made = callValue(d.factory, []);
    d.set(key, made);
    return made;
  }
  throw keyError(key, pyRepr(key));
}

/** `value[index]`. */
export function getItem(value: unknown, index: unknown): unknown {
  if (value instanceof Tensor) return tensorGetItem(value, index);
  if (value instanceof PyDict) return dictItem(value, index);
  if (value instanceof PyInstance) return instanceGetItem(value, index);
  if (value instanceof PyClass) return classGetItem(value, index);
  if (
    value instanceof PyCallable &&
    value.kind.kind === 'type' &&
    genericBuiltins.has(value.name)
  ) {
    return late.genericAlias(value, index);
  }
  if (value instanceof PyList || value instanceof PyTuple) {
    const what = value instanceof PyList ? 'list' : 'tuple';
    const i = intIndex(index, what);
    if (i === null) {
      const items = pick(value.items, index as PySlice);
      if (value instanceof PyList) return new PyList(items);
      if (value instanceof TorchSize) return new TorchSize(items.map((d) => Number(d)));
      return new PyTuple(items);
    }
    return value.items[wrap(i, value.items.length, `${what} index out of range`)];
  }
  if (typeof value === 'string') {
    const chars = Array.from(value);
    const i = intIndex(index, 'string');
    if (i === null) return pick(chars, index as PySlice).join('');
    return chars[wrap(i, chars.length, 'string index out of range')];
  }
  if (value instanceof PyRange) {
    const i = intIndex(index, 'range');
    if (i === null) {
      const [start, stop, step] = sliceIndices(index as PySlice, value.length);
      return new PyRange(value.at(start), value.at(stop), step * value.step);
    }
    const n = value.length;
    const j = i < 0n ? i + n : i;
    if (j < 0n || j >= n) throw pyError('IndexError', 'range object index out of range');
    return value.at(j);
  }
  throw pyError('TypeError', `'${typeName(value)}' object is not subscriptable`);
}

/** `value[index] = item`. */
export function setItem(value: unknown, index: unknown, item: unknown): void {
  if (value instanceof PyInstance) {
    instanceSetItem(value, index, item);
    return;
  }
  if (value instanceof Tensor) {
    tensorSetItem(value, index, item);
    return;
  }
  if (value instanceof PyDict) {
    value.set(index, item);
    return;
  }
  if (value instanceof PyList) {
    const i = intIndex(index, 'list');
    if (i !== null) {
      value.items[wrap(i, value.items.length, 'list assignment index out of range')] = item;
      return;
    }
    const s = index as PySlice;
    const [start, stop, step, count] = sliceIndices(s, BigInt(value.items.length));
    const replacement = iterate(item);
    if (step === 1n) {
      const end = stop < start ? start : stop;
      value.items.splice(Number(start), Number(end - start), ...replacement);
      return;
    }
    if (BigInt(replacement.length) !== count) {
      throw pyError(
        'ValueError',
        `attempt to assign sequence of size ${replacement.length} to extended slice of size ${count}`,
      );
    }
    for (let k = 0n, j = start; k < count; k++, j += step) {
      value.items[Number(j)] = replacement[Number(k)];
    }
    return;
  }
  if (value instanceof PyTuple || typeof value === 'string' || value instanceof PyRange) {
    throw pyError('TypeError', `'${typeName(value)}' object does not support item assignment`);
  }
  throw pyError('TypeError', `'${typeName(value)}' object does not support item assignment`);
}

/** `Class[index]`: `__class_getitem__` (generic aliases such as `list[int]` are not modelled). */
function classGetItem(cls: PyClass, index: unknown): unknown {
  const f = cls.lookup('__class_getitem__');
  if (f === undefined) throw pyError('TypeError', `type '${cls.name}' is not subscriptable`);
  return callValue(f instanceof PyClassMethod ? new PyBoundMethod(f.func, cls) : f, [index]);
}

/** `del obj[index]` for lists, dicts and objects with `__delitem__`. */
export function deleteItem(obj: unknown, index: unknown): void {
  if (obj instanceof PyInstance) {
    instanceDelItem(obj, index);
    return;
  }
  if (obj instanceof PyList) {
    if (index instanceof PySlice) {
      const [start, stop, step] = sliceIndices(index, BigInt(obj.items.length));
      const drop = new Set<number>();
      for (let j = start; step > 0n ? j < stop : j > stop; j += step) drop.add(Number(j));
      obj.items = obj.items.filter((_, k) => !drop.has(k));
      return;
    }
    if (typeof index === 'bigint' || typeof index === 'boolean') {
      const i = typeof index === 'boolean' ? (index ? 1n : 0n) : index;
      const j = i < 0n ? i + BigInt(obj.items.length) : i;
      if (j < 0n || j >= BigInt(obj.items.length)) {
        throw pyError('IndexError', 'list assignment index out of range');
      }
      obj.items.splice(Number(j), 1);
      return;
    }
    throw pyError('TypeError', `list indices must be integers or slices, not ${typeName(index)}`);
  }
  if (obj instanceof PyDict) {
    if (obj.delete(index) === undefined) throw keyError(index, pyRepr(index));
    return;
  }
  if (obj instanceof Tensor) {
    throw pyError('TypeError', "'Tensor' object does not support item deletion");
  }
  throw pyError('TypeError', `'${typeName(obj)}' object doesn't support item deletion`);
}
