/**
 * Python's operators on every value of the subset: arithmetic, comparison, truth, equality,
 * containment, iteration and unpacking, with CPython's TypeError texts. Tensor operands go to the
 * torch binding, which maps them onto autograd/.
 */
import {Tensor} from '../../autograd/tensor.js';
import {PyDict, PyDictView, PySet, setFrom, setOperation, setUpdate} from './containers.js';
import {
  instanceBinary,
  instanceCompare,
  instanceContains,
  instanceInplace,
  instanceIterate,
  instanceTruthy,
  instanceUnary,
} from './dunders.js';
import {pyError} from './errors.js';
import {late} from './late.js';
import {PyInstance} from './objects.js';
import {percentFormat} from './format.js';
import {tensorIndex} from './torch/operators.js';
import {isNumber, numberBinary, numberCompare} from './numbers.js';
import {typeName} from './repr.js';
import {
  tensorBinary,
  tensorCompare,
  tensorContains,
  tensorIterate,
  tensorTruth,
  tensorUnary,
} from './torch/operators.js';
import {PyIterator, PyList, PyRange, PyTuple, TorchDtype, TorchSize} from './values.js';

/** The largest list, tuple or str the runner builds by repetition or concatenation. */
export const maxSequenceLength = 10_000_000;

function checkLength(n: bigint | number): number {
  if (n > maxSequenceLength) {
    throw pyError('MemoryError', `grad-graph: a sequence of more than ${maxSequenceLength} items`);
  }
  return Number(n);
}

function repeat<T>(items: readonly T[], times: bigint | boolean): T[] {
  const n = typeof times === 'boolean' ? (times ? 1n : 0n) : times;
  if (n <= 0n) return [];
  checkLength(BigInt(items.length) * n);
  const out: T[] = [];
  for (let i = 0n; i < n; i++) out.push(...items);
  return out;
}

/** `torch.Size(items)` after `+` or `*` of a Size: PyTorch's TypeError for an item not an int. */
function sizeOf(items: readonly unknown[]): TorchSize {
  const dims = items.map((v, i) => {
    if (typeof v === 'bigint' || typeof v === 'boolean') return Number(v);
    throw pyError(
      'TypeError',
      `torch.Size() takes an iterable of 'int' (item ${i} is '${typeName(v)}')`,
    );
  });
  return new TorchSize(dims);
}

function sequenceBinary(op: string, a: unknown, b: unknown): unknown {
  const isInt = (v: unknown): v is bigint | boolean =>
    typeof v === 'bigint' || typeof v === 'boolean';
  if (op === '+') {
    if (typeof a === 'string') {
      if (typeof b === 'string') return checkLength(a.length + b.length) >= 0 ? a + b : '';
      throw pyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    }
    if (a instanceof PyList) {
      if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
      throw pyError('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
    }
    if (a instanceof PyTuple) {
      if (!(b instanceof PyTuple)) {
        throw pyError('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
      }
      const items = [...a.items, ...b.items];
      return a instanceof TorchSize ? sizeOf(items) : new PyTuple(items);
    }
  }
  if (op === '*') {
    const [seq, n] = isInt(b) ? [a, b] : [b, a];
    if (typeof seq === 'string' || seq instanceof PyList || seq instanceof PyTuple) {
      if (!isInt(n)) {
        throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(n)}'`);
      }
      if (typeof seq === 'string') return repeat(Array.from(seq), n).join('');
      if (seq instanceof PyList) return new PyList(repeat(seq.items, n));
      if (seq instanceof TorchSize) return sizeOf(repeat(seq.items, n));
      return new PyTuple(repeat(seq.items, n));
    }
  }
  if (op === '%' && typeof a === 'string') return percentFormat(a, b);
  return undefined;
}

function unsupported(op: string, a: unknown, b: unknown): never {
  const shown = op === '**' ? '** or pow()' : op;
  throw pyError(
    'TypeError',
    `unsupported operand type(s) for ${shown}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** A set, or a dict's keys or items view (the set-like views). */
function isSetLike(v: unknown): boolean {
  return v instanceof PySet || (v instanceof PyDictView && v.kind !== 'values');
}

/** `a op b` for a binary operator. */
export function binaryOp(op: string, a: unknown, b: unknown): unknown {
  // str.__mod__ runs first and formats anything, a tensor included ("%.3f" % loss).
  if (op === '%' && typeof a === 'string' && !(b instanceof PyInstance)) return percentFormat(a, b);
  if (a instanceof PyInstance || b instanceof PyInstance) {
    const r = instanceBinary(op, a, b);
    if (r !== undefined) return r;
    if (op === '%' && typeof a === 'string') return percentFormat(a, b);
    return unsupported(op, a, b);
  }
  if (op === '|') {
    const union = late.typeUnion(a, b);
    if (union !== undefined) return union;
  }
  const seqA = typeof a === 'string' || a instanceof PyList || a instanceof PyTuple;
  const seqB = typeof b === 'string' || b instanceof PyList || b instanceof PyTuple;
  if (op === '*' && ((seqA && b instanceof Tensor) || (seqB && a instanceof Tensor))) {
    // Tensor.__mul__ gives up on a sequence; the sequence repeats by the tensor's __index__.
    return seqA
      ? sequenceBinary('*', a, tensorIndex(b as Tensor))
      : sequenceBinary('*', b, tensorIndex(a));
  }
  if (op === '+' && (a instanceof PyList || a instanceof PyTuple) && b instanceof Tensor) {
    // Tensor.__radd__ gives up on a list or tuple; then the sequence's concatenation fails.
    return sequenceBinary(op, a, b);
  }
  if (a instanceof Tensor || b instanceof Tensor) return tensorBinary(op, a, b, false);
  if (a instanceof PySet && b instanceof PySet && '|&-^'.includes(op) && op.length === 1) {
    return setOperation(op, a, b);
  }
  if (isSetLike(a) && isSetLike(b) && (a instanceof PyDictView || b instanceof PyDictView)) {
    // Keys and items views are set-like: `d.keys() & {'a'}` is a set.
    if (op.length === 1 && '|&-^'.includes(op)) {
      return setOperation(op, setFrom(iterate(a)), setFrom(iterate(b)));
    }
  }
  if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
    const out = new (a.constructor as typeof PyDict)(a.items());
    for (const [k, v] of b.items()) out.set(k, v);
    return out;
  }
  if (isNumber(a) && isNumber(b)) {
    const r = numberBinary(op, a, b);
    if (r !== null) return r;
    return unsupported(op, a, b);
  }
  const r = sequenceBinary(op, a, b);
  if (r !== undefined && r !== null) return r;
  return unsupported(op, a, b);
}

/** `a op= b`: in place for tensors and lists, as Python's `__iadd__` and PyTorch's `add_`. */
export function augmentedOp(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof PyInstance) {
    const r = instanceInplace(op, a, b);
    if (r !== undefined) return r;
    const shown = op === '**' ? '**=' : `${op}=`;
    throw pyError(
      'TypeError',
      `unsupported operand type(s) for ${shown}: '${typeName(a)}' and '${typeName(b)}'`,
    );
  }
  if (a instanceof Tensor) return tensorBinary(op, a, b, true);
  if (a instanceof PyList && op === '+') {
    a.items.push(...iterate(b));
    return a;
  }
  if (a instanceof PySet && !a.frozen && b instanceof PySet && '|&-^'.includes(op)) {
    // In place: the set keeps its identity (`s |= t`).
    setUpdate(op, a, b);
    return a;
  }
  if (a instanceof PyDict && op === '|' && b instanceof PyDict) {
    for (const [k, v] of b.items()) a.set(k, v);
    return a;
  }
  if (a instanceof PyList && op === '*') {
    if (typeof b !== 'bigint' && typeof b !== 'boolean') {
      throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
    }
    a.items = repeat(a.items, b);
    return a;
  }
  try {
    return binaryOp(op, a, b);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith(`unsupported operand type(s) for ${op}`)) {
      throw pyError('TypeError', e.message.replace(`for ${op}:`, `for ${op}=:`));
    }
    throw e;
  }
}

/** `-a`, `+a`, `~a`, `not a`. */
export function unaryOp(op: string, a: unknown): unknown {
  if (op === 'not') return !truthy(a);
  if (a instanceof Tensor) return tensorUnary(op, a);
  if (a instanceof PyInstance) {
    const r = instanceUnary(op, a);
    if (r !== undefined) return r;
  }
  if (typeof a === 'bigint' || typeof a === 'boolean') {
    const n = typeof a === 'boolean' ? (a ? 1n : 0n) : a;
    if (op === '-') return -n;
    if (op === '+') return n;
    return ~n;
  }
  if (typeof a === 'number' && op !== '~') return op === '-' ? -a : a;
  throw pyError('TypeError', `bad operand type for unary ${op}: '${typeName(a)}'`);
}

/** Python's truth value of any value. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    default:
      break;
  }
  if (v instanceof Tensor) return tensorTruth(v);
  if (v instanceof PyInstance) return instanceTruthy(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyRange) return v.length > 0n;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  if (v instanceof PyDictView) return v.dict.size > 0;
  return true;
}

/** `a == b` for non-tensor values. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a instanceof PyInstance || b instanceof PyInstance)
    return truthy(instanceCompare('==', a, b));
  if (isNumber(a) && isNumber(b)) return numberCompare('==', a, b);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return a === b;
  if (a instanceof PyList && b instanceof PyList) return sequenceEquals(a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return sequenceEquals(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.items()) {
      if (!b.has(k)) return false;
      const w = b.get(k);
      if (v !== w && !truthy(compare('==', v, w))) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    return a.size === b.size && a.values().every((v) => b.has(v));
  }
  if (a instanceof PyDictView && b instanceof PyDictView && a.kind !== 'values') {
    return pyEquals(setFrom(a.items()), setFrom(b.items()));
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    const n = a.length;
    return n === b.length && (n === 0n || (a.start === b.start && (n === 1n || a.step === b.step)));
  }
  return a === b;
}

function sequenceEquals(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x instanceof Tensor || y instanceof Tensor) {
      if (!truthy(compare('==', x, y))) return false;
    } else if (!pyEquals(x, y)) return false;
  }
  return true;
}

function orderSequences(op: string, a: readonly unknown[], b: readonly unknown[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!pyEquals(a[i], b[i])) return truthy(compare(op, a[i], b[i]));
  }
  return numberCompare(op, BigInt(a.length), BigInt(b.length));
}

/** `a op b` for one comparison operator (`<`, `==`, `in`, `is`, …). */
export function compare(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case 'is':
      return a === b || (a === null && b === undefined);
    case 'is not':
      return !(a === b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    default:
      break;
  }
  if (a instanceof PyInstance || b instanceof PyInstance) {
    const r = instanceCompare(op, a, b);
    if (r !== undefined) return r;
  } else if (a instanceof Tensor || b instanceof Tensor) return tensorCompare(op, a, b);
  if (op === '==') return pyEquals(a, b);
  if (op === '!=') return !pyEquals(a, b);
  if (isNumber(a) && isNumber(b)) return numberCompare(op, a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    return numberCompare(op, BigInt(a < b ? -1 : a > b ? 1 : 0), 0n);
  }
  if (a instanceof PyList && b instanceof PyList) return orderSequences(op, a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return orderSequences(op, a.items, b.items);
  if (a instanceof PySet && b instanceof PySet) {
    const subset = (x: PySet, y: PySet) => x.values().every((v) => y.has(v));
    if (op === '<=') return subset(a, b);
    if (op === '>=') return subset(b, a);
    if (op === '<') return a.size < b.size && subset(a, b);
    return a.size > b.size && subset(b, a);
  }
  throw pyError(
    'TypeError',
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      throw pyError(
        'TypeError',
        `'in <string>' requires string as left operand, not ${typeName(item)}`,
      );
    }
    return container.includes(item);
  }
  if (container instanceof PyRange && (typeof item === 'bigint' || typeof item === 'boolean')) {
    const n = typeof item === 'boolean' ? (item ? 1n : 0n) : item;
    const {start, step} = container;
    const offset = n - start;
    return offset % step === 0n && offset / step >= 0n && offset / step < container.length;
  }
  if (container instanceof Tensor) return tensorContains(container, item);
  if (container instanceof PyDict || container instanceof PySet) return container.has(item);
  if (container instanceof PyDictView && container.kind === 'keys') return container.dict.has(item);
  if (container instanceof PyInstance) return instanceContains(container, item, pyEquals);
  if (
    container instanceof PyList ||
    container instanceof PyTuple ||
    container instanceof PyRange ||
    container instanceof PyIterator ||
    container instanceof PyDictView
  ) {
    return iterate(container).some((x) => x === item || truthy(compare('==', x, item)));
  }
  throw pyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** The items of an iterable value, as `for` and `list()` see them. */
export function iterate(v: unknown): unknown[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof PyRange) {
    const n = checkLength(v.length);
    const out: unknown[] = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = v.at(BigInt(i));
    return out;
  }
  if (v instanceof PyIterator) {
    if (v.source) return drainSource(v.source);
    const rest = v.items.slice(v.index);
    v.index = v.items.length;
    return rest;
  }
  if (v instanceof Tensor) return tensorIterate(v);
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PySet) return v.values();
  if (v instanceof PyDictView) return v.items();
  if (v instanceof PyInstance) {
    const out: unknown[] = [];
    instanceIterate(v, (item) => {
      out.push(item);
      checkLength(out.length);
      return false;
    });
    return out;
  }
  if (v instanceof TorchDtype) throw pyError('TypeError', "'torch.dtype' object is not iterable");
  throw pyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

/** The most items a lazy iterator yields when all are needed (`list(itertools.count())`). */
const maxLazyItems = 10_000_000;

function drainSource(source: Iterator<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let r = source.next(); r.done !== true; r = source.next()) {
    out.push(r.value);
    if (out.length > maxLazyItems) {
      throw pyError(
        'MemoryError',
        `grad-graph: an iterator of more than ${maxLazyItems} items (is it endless?)`,
      );
    }
  }
  return out;
}

/** Unpacks a value into exactly `n` targets, with Python's messages. */
export function unpack(v: unknown, n: number): unknown[] {
  if (
    !(
      v instanceof PyList ||
      v instanceof PyTuple ||
      v instanceof PyRange ||
      v instanceof PyIterator ||
      v instanceof PyDict ||
      v instanceof PySet ||
      v instanceof PyDictView ||
      v instanceof PyInstance
    ) &&
    typeof v !== 'string' &&
    !(v instanceof Tensor)
  ) {
    throw pyError('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
  }
  const items = iterate(v);
  if (items.length > n) throw pyError('ValueError', `too many values to unpack (expected ${n})`);
  if (items.length < n) {
    throw pyError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
  }
  return items;
}

/**
 * Unpacks a value into `n` targets, one of which (at `star`, or none when null) is a starred
 * target that takes the rest as a list: `a, *rest = xs`.
 */
export function unpackStarred(v: unknown, n: number, star: number | null): unknown[] {
  if (star === null) return unpack(v, n);
  if (
    !(
      v instanceof PyList ||
      v instanceof PyTuple ||
      v instanceof PyRange ||
      v instanceof PyIterator ||
      v instanceof PyInstance
    ) &&
    typeof v !== 'string' &&
    !(v instanceof Tensor)
  ) {
    throw pyError('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
  }
  const items = iterate(v);
  const fixed = n - 1;
  if (items.length < fixed) {
    throw pyError(
      'ValueError',
      `not enough values to unpack (expected at least ${fixed}, got ${items.length})`,
    );
  }
  const after = n - 1 - star;
  const rest = items.slice(star, items.length - after);
  return [...items.slice(0, star), new PyList(rest), ...items.slice(items.length - after)];
}

late.truthy = truthy;
late.iterate = iterate;
