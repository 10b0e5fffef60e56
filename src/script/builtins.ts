/**
 * Python's builtins namespace: here print, type, isinstance, range, len, repr, abs, round and the
 * conversions (int, float, str, bool, list, tuple, reversed, slice); the iterating ones (map,
 * sorted, min, …) in builtins-functional.ts and the object ones (dict, set, hash, getattr, …) in
 * builtins-objects.ts. CPython 3.11's argument checks and messages throughout.
 */
import {late} from './late.js';
import {Tensor} from '../../autograd/tensor.js';
import {isParameter} from './torch/parameter.js';
import {functionalBuiltins} from './builtins-functional.js';
import {objectBuiltins} from './builtins-objects.js';
import {PyDict, PyDictView, PyRecord, PySet} from './containers.js';
import {hasSpecial, instanceLen, special} from './dunders.js';
import {formatValue} from './format.js';
import {pyError} from './errors.js';
import {objectClass, PyClass, PyInstance} from './objects.js';
import {floatToInt, roundFloat, roundHalfEven} from './numbers.js';
import {iterate, truthy, unaryOp} from './operators.js';
import {pyInt, pyIntBase} from './int.js';
import {pyRepr, pyStr, typeName} from './repr.js';
import {torchModules} from './torch/modules.js';
import {tensorIndex, tensorLen, tensorToFloat, tensorRound} from './torch/operators.js';
import {
  PyCallable,
  PyContextManager,
  PyIterator,
  PyList,
  PyNamedTuple,
  PyOpaque,
  PyRange,
  PySlice,
  PyTuple,
  TorchSize,
  type CallSite,
  type Kwargs,
} from './values.js';

/** Where print() writes: the runner collects the text and tells its hooks. */
export type PrintSink = (text: string, site: CallSite) => void;

function noKeywords(name: string, kwargs: Kwargs): void {
  if (kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
}

function exactlyOne(name: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  noKeywords(name, kwargs);
  if (args.length !== 1) {
    throw pyError('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
  }
  return args[0];
}

function atMostOne(name: string, args: readonly unknown[], kwargs: Kwargs): void {
  noKeywords(name, kwargs);
  if (args.length > 1) {
    throw pyError('TypeError', `${name} expected at most 1 argument, got ${args.length}`);
  }
}

/** Python's `operator.index`: an int (or bool) as a bigint, else CPython's TypeError. */
export function toIndex(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Tensor) return tensorIndex(v);
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** `float(x)`. */
export function pyFloat(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const n = Number(typeof x === 'boolean' ? (x ? 1 : 0) : x);
    if (!Number.isFinite(n)) throw pyError('OverflowError', 'int too large to convert to float');
    return n;
  }
  if (typeof x === 'string') {
    const text = x.trim();
    const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
    if (special) {
      const v = (special[2] ?? '').toLowerCase() === 'nan' ? NaN : Infinity;
      return special[1] === '-' ? -v : v;
    }
    const digits = '\\d(?:_?\\d)*';
    const re = new RegExp(
      `^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`,
    );
    if (!re.test(text)) {
      throw pyError('ValueError', `could not convert string to float: ${pyRepr(x)}`);
    }
    return Number(text.replace(/_/g, ''));
  }
  if (x instanceof Tensor) return tensorToFloat(x);
  throw pyError(
    'TypeError',
    `float() argument must be a string or a real number, not '${typeName(x)}'`,
  );
}

function pyRound(args: readonly unknown[], kwargs: Kwargs): unknown {
  const all = [...args];
  for (const [k, v] of kwargs) {
    if (k === 'number' && all.length === 0) all[0] = v;
    else if (k === 'ndigits' && all.length <= 1) all[1] = v;
    else throw pyError('TypeError', `'${k}' is an invalid keyword argument for round()`);
  }
  if (all.length === 0)
    throw pyError('TypeError', "round() missing required argument 'number' (pos 1)");
  if (all.length > 2) {
    throw pyError('TypeError', `round() takes at most 2 arguments (${all.length} given)`);
  }
  const [x, nd = null] = all;
  const ndigits = nd === null ? null : toIndex(nd);
  if (typeof x === 'number') {
    if (ndigits === null) return floatToInt(roundHalfEven(x));
    return roundFloat(x, ndigits);
  }
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const n = typeof x === 'boolean' ? (x ? 1n : 0n) : x;
    if (ndigits === null || ndigits >= 0n) return n;
    const unit = 10n ** -ndigits;
    const q = n / unit - (n % unit < 0n ? 1n : 0n);
    const r = n - q * unit;
    const up = r * 2n > unit || (r * 2n === unit && q % 2n !== 0n);
    return (up ? q + 1n : q) * unit;
  }
  if (x instanceof Tensor) return tensorRound(x, ndigits);
  throw pyError('TypeError', `type ${typeName(x)} doesn't define __round__ method`);
}

function pyLen(x: unknown): bigint {
  if (x instanceof PyInstance) return instanceLen(x);
  if (x instanceof PyList || x instanceof PyTuple) return BigInt(x.items.length);
  if (x instanceof PyDict || x instanceof PySet) return BigInt(x.size);
  if (x instanceof PyDictView) return BigInt(x.dict.size);
  if (typeof x === 'string') return BigInt(Array.from(x).length);
  if (x instanceof PyRange) {
    const n = x.length;
    if (n > 2n ** 63n - 1n)
      throw pyError('OverflowError', 'Python int too large to convert to C ssize_t');
    return n;
  }
  if (x instanceof Tensor) return tensorLen(x);
  throw pyError('TypeError', `object of type '${typeName(x)}' has no len()`);
}

function pyPrint(sink: PrintSink, args: readonly unknown[], kwargs: Kwargs, site: CallSite): null {
  let sep = ' ';
  let end = '\n';
  for (const [k, v] of kwargs) {
    if (k === 'sep' || k === 'end') {
      if (v !== null && typeof v !== 'string') {
        throw pyError('TypeError', `${k} must be None or a string, not ${typeName(v)}`);
      }
      if (typeof v === 'string') {
        if (k === 'sep') sep = v;
        else end = v;
      }
    } else if (k === 'file') {
      if (v !== null) {
        throw pyError(
          'NotImplementedError',
          "print(file=...) is not supported by grad-graph's Python subset",
        );
      }
    } else if (k !== 'flush') {
      throw pyError('TypeError', `'${k}' is an invalid keyword argument for print()`);
    }
  }
  sink(args.map(pyStr).join(sep) + end, site);
  return null;
}

function builtin(
  name: string,
  fn: (args: readonly unknown[], kwargs: Kwargs, site: CallSite) => unknown,
  isType = false,
): [string, PyCallable] {
  return [name, new PyCallable(name, fn, isType ? {kind: 'type'} : {kind: 'builtin'})];
}

const builtinTypeNames = [
  'int',
  'float',
  'bool',
  'str',
  'list',
  'tuple',
  'range',
  'slice',
  'dict',
  'set',
  'frozenset',
  'map',
  'filter',
  'zip',
  'enumerate',
  'reversed',
];
const classes = new Map<string, PyCallable>();

/** A class object for a type that is not a builtin of the subset (`<class 'NoneType'>`). */
function classObject(qualname: string): PyCallable {
  let c = classes.get(qualname);
  if (!c) {
    const name = qualname.split('.').pop() ?? qualname;
    c = new PyCallable(
      name,
      () => {
        throw pyError('TypeError', `cannot create '${qualname}' instances`);
      },
      {kind: 'class', qualname},
    );
    classes.set(qualname, c);
  }
  return c;
}

/** `type(value)`: the builtin type objects for builtin values, class objects for the rest. */
function typeOf(value: unknown, builtins: ReadonlyMap<string, unknown>): unknown {
  if (value instanceof PyInstance) return value.cls;
  const name = typeName(value);
  if (builtinTypeNames.includes(name)) return builtins.get(name);
  if (value instanceof Tensor) {
    if (isParameter(value)) return torchModules().get('torch.nn')?.attrs.get('Parameter');
    return torchModules().get('torch')?.attrs.get('Tensor');
  }
  if (value instanceof TorchSize) return torchModules().get('torch')?.attrs.get('Size');
  if (value instanceof PyRecord && value.cls !== null) return value.cls;
  // Objects that know their qualified class name: return types, context managers, the Generator.
  if (
    value instanceof PyNamedTuple ||
    value instanceof PyContextManager ||
    value instanceof PyOpaque
  ) {
    return classObject(value.qualname);
  }
  const qualified: Readonly<Record<string, string>> = {
    dtype: 'torch.dtype',
    OrderedDict: 'collections.OrderedDict',
    defaultdict: 'collections.defaultdict',
    Counter: 'collections.Counter',
    deque: 'collections.deque',
  };
  return classObject(qualified[name] ?? name);
}

function isInstance(value: unknown, cls: unknown, builtins: ReadonlyMap<string, unknown>): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstance(value, c, builtins));
  if (cls instanceof PyClass) {
    if (value instanceof PyInstance) return value.cls.isSubclassOf(cls);
    return cls === objectClass;
  }
  if (!(cls instanceof PyCallable) || (cls.kind.kind !== 'type' && cls.kind.kind !== 'class')) {
    throw pyError('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
  }
  if (cls === builtins.get('type')) {
    // Classes are types: script classes, nn.Linear, the builtin types.
    if (value instanceof PyClass) return true;
    if (value instanceof PyCallable)
      return value.kind.kind === 'type' || value.kind.kind === 'class';
  }
  if (cls === builtins.get('int') && typeof value === 'boolean') return true;
  if (cls === builtins.get('tuple') && value instanceof PyTuple) return true;
  if (cls === builtins.get('dict') && value instanceof PyDict) return true;
  // A Parameter is a Tensor (its subclass in PyTorch).
  if (value instanceof Tensor && cls === torchModules().get('torch')?.attrs.get('Tensor'))
    return true;
  return typeOf(value, builtins) === cls;
}

/** The builtins namespace of one run; `print` writes to `sink`. */
export function makeBuiltins(sink: PrintSink): Map<string, unknown> {
  const builtins: Map<string, unknown> = new Map<string, unknown>([
    builtin(
      'type',
      (args, kwargs): unknown => typeOf(exactlyOne('type', args, kwargs), builtins),
      true,
    ),
    builtin('isinstance', (args, kwargs): boolean => {
      noKeywords('isinstance', kwargs);
      if (args.length !== 2) {
        throw pyError('TypeError', `isinstance expected 2 arguments, got ${args.length}`);
      }
      return isInstance(args[0], args[1], builtins);
    }),
    builtin('print', (args, kwargs, site) => pyPrint(sink, args, kwargs, site)),
    builtin(
      'range',
      (args, kwargs) => {
        noKeywords('range', kwargs);
        if (args.length === 0)
          throw pyError('TypeError', 'range expected at least 1 argument, got 0');
        if (args.length > 3) {
          throw pyError('TypeError', `range expected at most 3 arguments, got ${args.length}`);
        }
        const n = args.map(toIndex);
        if (n.length === 1) return new PyRange(0n, n[0] ?? 0n, 1n);
        const step = n[2] ?? 1n;
        if (step === 0n) throw pyError('ValueError', 'range() arg 3 must not be zero');
        return new PyRange(n[0] ?? 0n, n[1] ?? 0n, step);
      },
      true,
    ),
    builtin('len', (args, kwargs) => pyLen(exactlyOne('len', args, kwargs))),
    builtin('repr', (args, kwargs) => pyRepr(exactlyOne('repr', args, kwargs))),
    builtin('format', (args, kwargs) => {
      noKeywords('format', kwargs);
      if (args.length < 1 || args.length > 2) {
        throw pyError(
          'TypeError',
          `format expected at ${args.length < 1 ? 'least 1 argument' : 'most 2 arguments'}, got ${args.length}`,
        );
      }
      const spec = args[1] ?? '';
      if (typeof spec !== 'string') {
        throw pyError('TypeError', `format() argument 2 must be str, not ${typeName(spec)}`);
      }
      return formatValue(args[0], spec);
    }),
    builtin('abs', (args, kwargs) => {
      const x = exactlyOne('abs', args, kwargs);
      if (typeof x === 'bigint' || typeof x === 'boolean') {
        const n = typeof x === 'boolean' ? (x ? 1n : 0n) : x;
        return n < 0n ? -n : n;
      }
      if (typeof x === 'number') return Math.abs(x);
      if (x instanceof Tensor) return unaryOp('abs', x);
      if (hasSpecial(x, '__abs__')) return special(x, '__abs__', []);
      throw pyError('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
    }),
    builtin('round', pyRound),
    builtin(
      'float',
      (args, kwargs) => {
        atMostOne('float', args, kwargs);
        return args.length ? pyFloat(args[0]) : 0;
      },
      true,
    ),
    builtin(
      'int',
      (args, kwargs) => {
        for (const k of kwargs.keys()) {
          throw pyError('TypeError', `'${k}' is an invalid keyword argument for int()`);
        }
        if (args.length > 1) {
          if (args.length > 2) {
            throw pyError('TypeError', `int() takes at most 2 arguments (${args.length} given)`);
          }
          return pyIntBase(args[0], args[1]);
        }
        return args.length ? pyInt(args[0]) : 0n;
      },
      true,
    ),
    builtin(
      'str',
      (args, kwargs) => {
        noKeywords('str', kwargs);
        if (args.length > 1) {
          throw pyError(
            'TypeError',
            `str() argument 'encoding' must be str, not ${typeName(args[1])}`,
          );
        }
        return args.length ? pyStr(args[0]) : '';
      },
      true,
    ),
    builtin(
      'bool',
      (args, kwargs) => {
        atMostOne('bool', args, kwargs);
        return args.length ? truthy(args[0]) : false;
      },
      true,
    ),
    builtin(
      'list',
      (args, kwargs) => {
        atMostOne('list', args, kwargs);
        return new PyList(args.length ? iterate(args[0]) : []);
      },
      true,
    ),
    builtin(
      'tuple',
      (args, kwargs) => {
        atMostOne('tuple', args, kwargs);
        return new PyTuple(args.length ? iterate(args[0]) : []);
      },
      true,
    ),
    builtin(
      'reversed',
      (args, kwargs) => {
        const x = exactlyOne('reversed', args, kwargs);
        if (!(
          x instanceof PyList ||
          x instanceof PyTuple ||
          x instanceof PyRange ||
          x instanceof PyDict ||
          typeof x === 'string'
        )) {
          throw pyError('TypeError', `'${typeName(x)}' object is not reversible`);
        }
        const kind =
          x instanceof PyList
            ? 'list_reverseiterator'
            : x instanceof PyRange
              ? 'range_iterator'
              : x instanceof PyDict
                ? 'dict_reversekeyiterator'
                : 'reversed';
        return new PyIterator(kind, iterate(x).reverse());
      },
      true,
    ),
    builtin(
      'slice',
      (args, kwargs) => {
        noKeywords('slice', kwargs);
        if (args.length === 0)
          throw pyError('TypeError', 'slice expected at least 1 argument, got 0');
        if (args.length > 3) {
          throw pyError('TypeError', `slice expected at most 3 arguments, got ${args.length}`);
        }
        if (args.length === 1) return new PySlice(null, args[0], null);
        return new PySlice(args[0], args[1], args[2] ?? null);
      },
      true,
    ),
    ...functionalBuiltins(),
    ...objectBuiltins(),
  ]);
  return builtins;
}

late.float = pyFloat;
