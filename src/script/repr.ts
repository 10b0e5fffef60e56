/**
 * Python's printed forms: `repr()` and `str()` of every value, float repr exactly as CPython
 * (shortest round-trip digits, exponent when the decimal point is below -4 or above 16), string
 * quoting, and the type names that error messages use.
 */
import {Tensor} from '../../autograd/tensor.js';
import {isParameter} from './torch/parameter.js';
import {Node} from '../../autograd/node.js';
import {
  PyCounter,
  PyDefaultDict,
  PyDeque,
  PyDict,
  PyDictView,
  PyOrderedDict,
  PyRecord,
  PySet,
} from './containers.js';
import {late} from './late.js';
import {pyError} from './errors.js';
import {
  PyBoundMethod,
  PyClass,
  PyClassMethod,
  PyFunction,
  PyInstance,
  PyMethodDescriptor,
  PyNotImplementedType,
  PyEllipsisType,
  PyProperty,
  PyStaticMethod,
  PySuper,
} from './objects.js';
import {
  addressOf,
  PyCallable,
  PyContextManager,
  PyIterator,
  PyList,
  PyModule,
  PyNamedTuple,
  PyNamespace,
  PyOpaque,
  PyRange,
  PySlice,
  PyTuple,
  TorchDtype,
  TorchSize,
} from './values.js';

/** CPython 3.11's limit on the digits of an int converted to or from a decimal string. */
export const maxIntDigits = 4300;

/** `repr(x)` of a float, exactly as CPython prints it. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // JS gives the same shortest round-trip digits as Python; only the layout differs.
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expText);
  const sign = x < 0 ? '-' : '';
  const decpt = exp + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const m = digits.length > 1 ? `${digits.charAt(0)}.${digits.slice(1)}` : digits;
  const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${m}e${e}`;
}

/** `str(n)` of an int, refusing more than 4300 digits as CPython 3.11 does. */
export function intRepr(n: bigint): string {
  const text = n.toString();
  if (text.length - (n < 0n ? 1 : 0) > maxIntDigits) {
    throw pyError(
      'ValueError',
      `Exceeds the limit (${maxIntDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return text;
}

/** `repr(s)` of a str: single quotes unless the text has `'` and no `"`, with escapes. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && !isPrintable(ch)) {
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python's `str.isprintable` for one character: not a control, format, separator (but space). */
function isPrintable(ch: string): boolean {
  return ch === ' ' || !/[\p{C}\p{Z}]/u.test(ch);
}

/** The Python type name of a value, as error messages spell it (`int`, `Tensor`, `NoneType`). */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    default:
      break;
  }
  if (value instanceof Tensor) return isParameter(value) ? 'Parameter' : 'Tensor';
  if (value instanceof PyInstance) return value.cls.name;
  if (value instanceof PyClass) return 'type';
  if (value instanceof PyFunction) return 'function';
  if (value instanceof PyBoundMethod) {
    return value.func instanceof PyMethodDescriptor ? 'builtin_function_or_method' : 'method';
  }
  if (value instanceof PyMethodDescriptor)
    return value.slot ? 'wrapper_descriptor' : 'method_descriptor';
  if (value instanceof PyStaticMethod) return 'staticmethod';
  if (value instanceof PyClassMethod) return 'classmethod';
  if (value instanceof PyProperty) return 'property';
  if (value instanceof PySuper) return 'super';
  if (value instanceof PyNotImplementedType) return 'NotImplementedType';
  if (value instanceof PyEllipsisType) return 'ellipsis';
  if (value instanceof TorchSize) return 'Size';
  if (value instanceof PyNamedTuple) return value.qualname.split('.').pop() ?? 'tuple';
  if (value instanceof PyDeque) return 'deque';
  if (value instanceof PyList) return 'list';
  if (value instanceof PyDict) return dictTypeName(value);
  if (value instanceof PySet) return value.frozen ? 'frozenset' : 'set';
  if (value instanceof PyDictView) return `${viewPrefix(value)}_${value.kind}`;
  if (value instanceof PyTuple) return 'tuple';
  if (value instanceof PyRange) return 'range';
  if (value instanceof PySlice) return 'slice';
  if (value instanceof TorchDtype) return 'dtype';
  if (value instanceof PyModule) return 'module';
  if (value instanceof PyIterator) return value.typeName;
  if (value instanceof PyNamespace) return value.typeName;
  if (value instanceof PyOpaque) return value.typeName;
  if (value instanceof PyContextManager) return value.qualname.split('.').pop() ?? 'object';
  if (value instanceof Node) return value.className();
  if (value instanceof PyCallable) {
    if (value.kind.kind === 'type') return 'type';
    return value.kind.kind === 'method' && value.kind.wrapper
      ? 'method-wrapper'
      : 'builtin_function_or_method';
  }
  return 'object';
}

/** `repr(value)`. */
export function pyRepr(value: unknown, seen: Set<object> = new Set()): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'bigint':
      return intRepr(value);
    case 'number':
      return floatRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'string':
      return stringRepr(value);
    default:
      break;
  }
  if (value instanceof Tensor) {
    return isParameter(value) ? `Parameter containing:\n${value.toString()}` : value.toString();
  }
  if (value instanceof PyInstance) return late.instanceRepr(value);
  if (value instanceof PyClass) {
    const prefix = value.module === 'builtins' ? '' : `${value.module}.`;
    return `<class '${prefix}${value.qualname}'>`;
  }
  if (value instanceof PyFunction) return `<function ${value.qualname} at ${addressOf(value)}>`;
  if (value instanceof PyBoundMethod) return boundMethodRepr(value, seen);
  if (value instanceof PyMethodDescriptor) {
    const kind = value.slot ? 'slot wrapper' : 'method';
    return `<${kind} '${value.name}' of '${value.owner}' objects>`;
  }
  if (value instanceof PyStaticMethod || value instanceof PyClassMethod) {
    const kind = value instanceof PyStaticMethod ? 'staticmethod' : 'classmethod';
    return `<${kind}(${pyRepr(value.func, seen)})>`;
  }
  if (value instanceof PyProperty) return `<property object at ${addressOf(value)}>`;
  if (value instanceof PySuper) {
    return `<super: ${pyRepr(value.cls, seen)}, ${value.self instanceof PyInstance ? `<${value.self.cls.name} object>` : pyRepr(value.self, seen)}>`;
  }
  if (value instanceof PyNotImplementedType) return 'NotImplemented';
  if (value instanceof PyEllipsisType) return 'Ellipsis';
  if (value instanceof TorchSize) return `torch.Size([${value.dims.join(', ')}])`;
  if (value instanceof PyRecord) {
    const custom = value.customRepr?.() ?? null;
    if (custom !== null) return custom;
    const fields = value.fields.map((f, i) => `${f}=${pyRepr(value.items[i], seen)}`);
    return `${value.qualname}(${fields.join(', ')})`;
  }
  if (value instanceof PyDeque) {
    const inner = pyRepr(new PyList(value.items), seen);
    return value.maxlen === null ? `deque(${inner})` : `deque(${inner}, maxlen=${value.maxlen})`;
  }
  if (value instanceof PyNamedTuple) {
    const fields = value.fields.map((f, i) => `${f}=${pyRepr(value.items[i], seen)}`);
    return `${value.qualname}(\n${fields.join(',\n')})`;
  }
  if (value instanceof PyList || value instanceof PyTuple) {
    if (seen.has(value)) return value instanceof PyList ? '[...]' : '(...)';
    seen.add(value);
    try {
      const inner = value.items.map((v) => pyRepr(v, seen)).join(', ');
      if (value instanceof PyList) return `[${inner}]`;
      return value.items.length === 1 ? `(${inner},)` : `(${inner})`;
    } finally {
      seen.delete(value);
    }
  }
  if (value instanceof PyDict) return dictRepr(value, seen);
  if (value instanceof PySet) {
    const name = value.frozen ? 'frozenset' : 'set';
    if (value.size === 0) return `${name}()`;
    if (seen.has(value)) return `${name}(...)`;
    seen.add(value);
    try {
      const inner = value.values().map((v) => pyRepr(v, seen));
      return value.frozen ? `frozenset({${inner.join(', ')}})` : `{${inner.join(', ')}}`;
    } finally {
      seen.delete(value);
    }
  }
  if (value instanceof PyDictView) {
    return `${viewPrefix(value)}_${value.kind}(${pyRepr(new PyList(value.items()), seen)})`;
  }
  if (value instanceof PyRange) {
    const step = value.step === 1n ? '' : `, ${value.step}`;
    return `range(${value.start}, ${value.stop}${step})`;
  }
  if (value instanceof PySlice) {
    return `slice(${pyRepr(value.start, seen)}, ${pyRepr(value.stop, seen)}, ${pyRepr(value.step, seen)})`;
  }
  if (value instanceof TorchDtype) return `torch.${value.name}`;
  if (value instanceof PyModule) return `<module '${value.name}' from '${value.file}'>`;
  if (value instanceof PyIterator) {
    const fn = value.qualname === null ? '' : ` ${value.qualname}`;
    return `<${value.typeName} object${fn} at ${addressOf(value)}>`;
  }
  if (value instanceof PyContextManager) return `<${value.qualname} object at ${addressOf(value)}>`;
  if (value instanceof PyOpaque) return `<${value.qualname} object at ${addressOf(value)}>`;
  if (value instanceof PyNamespace) return namespaceRepr(value, seen);
  if (value instanceof Node) return value.toString();
  if (value instanceof PyCallable) return callableRepr(value);
  return `<object at ${addressOf(value)}>`;
}

/** `odict` for an OrderedDict's views (`odict_keys([...])`), else `dict`. */
function viewPrefix(v: PyDictView): string {
  return v.dict instanceof PyOrderedDict ? 'odict' : 'dict';
}

function dictTypeName(d: PyDict): string {
  if (d instanceof PyOrderedDict) return 'OrderedDict';
  if (d instanceof PyDefaultDict) return 'defaultdict';
  if (d instanceof PyCounter) return 'Counter';
  return 'dict';
}

function dictRepr(d: PyDict, seen: Set<object>): string {
  const name = dictTypeName(d);
  if (seen.has(d)) return '{...}';
  seen.add(d);
  try {
    if (d instanceof PyOrderedDict) {
      if (d.size === 0) return 'OrderedDict()';
      return `OrderedDict(${pyRepr(new PyList(d.items().map((kv) => new PyTuple(kv))), seen)})`;
    }
    let items = d.items();
    if (d instanceof PyCounter) {
      if (d.size === 0) return 'Counter()';
      // Counter prints most common first (a stable sort on the counts).
      items = mostCommon(d);
    }
    const inner = `{${items.map(([k, v]) => `${pyRepr(k, seen)}: ${pyRepr(v, seen)}`).join(', ')}}`;
    if (d instanceof PyDefaultDict) return `defaultdict(${pyRepr(d.factory, seen)}, ${inner})`;
    return name === 'dict' ? inner : `${name}(${inner})`;
  } finally {
    seen.delete(d);
  }
}

/** A Counter's items, most common first, ties in insertion order (`Counter.most_common()`). */
export function mostCommon(d: PyDict): [unknown, unknown][] {
  const items = d.items();
  const count = (v: unknown): number =>
    typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'boolean' ? +v : 0;
  return items
    .map((kv, i) => ({kv, i}))
    .sort((a, b) => count(b.kv[1]) - count(a.kv[1]) || a.i - b.i)
    .map((e) => e.kv);
}

function namespaceRepr(value: PyNamespace, seen: Set<object>): string {
  const fields = [...value.attrs].map(([k, v]) => `${k}=${pyRepr(v, seen)}`);
  return `${value.typeName}(\n${fields.join(',\n')})`;
}

function callableRepr(f: PyCallable): string {
  const k = f.kind;
  switch (k.kind) {
    case 'builtin':
      return `<built-in function ${f.name}>`;
    case 'type':
      return `<class '${f.name}'>`;
    case 'module-function':
      return `<built-in method ${f.name} of type object at ${addressOf(f)}>`;
    case 'class':
      return `<class '${k.qualname}'>`;
    case 'method': {
      const self = k.self;
      const address = typeof self === 'object' && self !== null ? addressOf(self) : '0x0';
      if (k.wrapper) return `<method-wrapper '${f.name}' of ${k.owner} object at ${address}>`;
      return `<built-in method ${f.name} of ${k.owner} object at ${address}>`;
    }
  }
}

/** `str(value)`: a str as itself, everything else as its repr. */
export function pyStr(value: unknown): string {
  if (value instanceof PyInstance) return late.instanceStr(value);
  return typeof value === 'string' ? value : pyRepr(value);
}

function boundMethodRepr(m: PyBoundMethod, seen: Set<object>): string {
  const f = m.func;
  if (f instanceof PyMethodDescriptor) {
    const self = m.self;
    const owner = self instanceof PyInstance ? self.cls.name : typeName(self);
    const address = typeof self === 'object' && self !== null ? addressOf(self) : '0x0';
    return `<built-in method ${f.name} of ${owner} object at ${address}>`;
  }
  const name = f instanceof PyFunction ? f.qualname : pyRepr(f, seen);
  return `<bound method ${name} of ${pyRepr(m.self, seen)}>`;
}
