/**
 * Attribute access `x.name` and assignment `x.name = v` on every value of the subset: the methods of
 * str and list, module members, and (through the torch binding) tensors and grad_fn nodes, with
 * CPython 3.11's AttributeError texts and "Did you mean" hints.
 */
import {late} from './late.js';
import {builtinDunder, typeDunder} from './builtin-dunders.js';
import {callValue} from './call.js';
import {Node} from '../../autograd/node.js';
import {Tensor} from '../../autograd/tensor.js';
import {argCount, noKw, type Method} from './check.js';
import {
  PyCounter,
  PyDefaultDict,
  PyDeque,
  PyDict,
  PyOrderedDict,
  PyRecord,
  PySet,
} from './containers.js';
import {listMethods, tupleMethods} from './seq-methods.js';
import {dequeMethods} from './stdlib/collections.js';
import {joinItems, makeTrans, strMethods as stringMethods} from './str-methods.js';
import {PyMethodDescriptor} from './objects.js';
import {generatorAttribute, PyGenerator} from './generators.js';
import {
  counterMethods,
  dictMethods,
  frozensetMethods,
  orderedDictMethods,
  setMethods,
} from './dict-methods.js';
import {isModelValue, modelGetAttr, modelSetAttr} from './classes.js';
import {PyException, pyError} from './errors.js';
import {strFormat} from './format.js';
import {iterate} from './operators.js';
import {pyStr, typeName} from './repr.js';
import {getItem} from './subscript.js';
import {attributeErrorMessage, noteAttributeContext} from './suggest.js';
import {nodeAttribute, tensorAttribute, tensorSetAttribute} from './torch/attributes.js';
import {PySavedTensor, savedTensorAttribute} from './torch/autograd-graph.js';
import {knownMember} from './torch/modules.js';
import {
  PyCallable,
  PyList,
  PyModule,
  PyNamespace,
  PyNamedTuple,
  PyTuple,
  TorchSize,
  type Kwargs,
} from './values.js';

/** `x.as_integer_ratio()` of a float: the exact fraction, lowest terms. */
function floatRatio(x: number): PyTuple {
  if (!Number.isFinite(x)) {
    throw pyError(
      Number.isNaN(x) ? 'ValueError' : 'OverflowError',
      `cannot convert ${Number.isNaN(x) ? 'NaN' : 'Infinity'} to integer ratio`,
    );
  }
  let num = x;
  let den = 1n;
  while (!Number.isInteger(num)) {
    num *= 2;
    den *= 2n;
  }
  let n = BigInt(num);
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const g = gcd(n, den);
  n /= g;
  return new PyTuple([n, den / g]);
}

const intMethods: Readonly<Record<string, Method>> = {
  bit_length: (self: bigint, args, kwargs) => {
    noKw('int.bit_length', kwargs);
    argCount('int.bit_length', args, 0, 0);
    const n = self < 0n ? -self : self;
    return BigInt(n === 0n ? 0 : n.toString(2).length);
  },
  as_integer_ratio: (self: bigint) => new PyTuple([self, 1n]),
  conjugate: (self: bigint) => self,
};

const floatMethods: Readonly<Record<string, Method>> = {
  is_integer: (self: number, args, kwargs) => {
    noKw('float.is_integer', kwargs);
    argCount('float.is_integer', args, 0, 0);
    return Number.isInteger(self);
  },
  as_integer_ratio: (self: number) => floatRatio(self),
  conjugate: (self: number) => self,
};

const sizeMethods: Readonly<Record<string, Method>> = {
  ...tupleMethods,
  numel: (self: TorchSize, args) => {
    argCount('numel', args, 0, 0);
    return self.dims.reduce((a, b) => a * BigInt(b), 1n);
  },
};

const strMethods: Readonly<Record<string, Method>> = {
  ...stringMethods,
  format: (self: string, args, kwargs) => strFormat(self, args, kwargs, getAttr, getItem),
  format_map: (self: string, args, kwargs) => {
    noKw('str.format_map', kwargs);
    argCount('format_map', args, 1, 1);
    const m = args[0];
    if (!(m instanceof PyDict)) {
      throw pyError('TypeError', `'${typeName(m)}' object is not subscriptable`);
    }
    const named = new Map<string, unknown>();
    for (const [k, v] of m.items()) if (typeof k === 'string') named.set(k, v);
    return strFormat(self, [], named, getAttr, getItem);
  },
  join: (self: string, args, kwargs) => {
    noKw('str.join', kwargs);
    argCount('str.join', args, 1, 1);
    return joinItems(args[0]).join(self);
  },
};

function bind(self: unknown, owner: string, name: string, method: Method): PyCallable {
  return new PyCallable(
    name,
    (args, kwargs, site) => method(self as never, args, kwargs, site.span),
    {
      kind: 'method',
      self,
      owner,
    },
  );
}

/** `_fields`, `_asdict()` and `_replace(**kw)` of a namedtuple instance. */
function recordAttribute(r: PyRecord, name: string): unknown {
  if (name === '_fields') return new PyTuple(r.fields);
  const method = (f: (kwargs: Kwargs) => unknown) =>
    new PyCallable(name, (_args, kwargs) => f(kwargs), {
      kind: 'method',
      self: r,
      owner: r.qualname,
    });
  if (name === '_asdict') return method(() => new PyDict(r.fields.map((f, i) => [f, r.items[i]])));
  if (name === '_replace') {
    return method((kwargs) => {
      const items = r.fields.map((f, i) => (kwargs.has(f) ? kwargs.get(f) : r.items[i]));
      return new PyRecord(r.cls, r.qualname, r.fields, items);
    });
  }
  return undefined;
}

/** The methods of the builtin types by name, for `str.lower`, `list.append`, … on the type. */
function typeMethods(type: string): Readonly<Record<string, Method>> | null {
  switch (type) {
    case 'str':
      return strMethods;
    case 'list':
      return listMethods;
    case 'tuple':
      return tupleMethods;
    case 'dict':
      return dictMethods;
    case 'set':
      return setMethods;
    case 'frozenset':
      return frozensetMethods;
    case 'int':
      return intMethods;
    case 'float':
      return floatMethods;
    default:
      return null;
  }
}

/**
 * An attribute of a builtin type object: its name, a method as an unbound descriptor
 * (`sorted(words, key=str.lower)`), or a class-level constructor (`dict.fromkeys`,
 * `str.maketrans`).
 */
function typeAttribute(type: PyCallable, name: string): unknown {
  if (name === '__name__' || name === '__qualname__') return type.name;
  if (name === '__module__') return 'builtins';
  if (name.startsWith('__') && name.endsWith('__')) {
    const special = typeDunder(type.name, name);
    if (special !== undefined) return special;
  }
  if (type.name === 'dict' && name === 'fromkeys') {
    return new PyCallable('fromkeys', (args) => fromKeys(args));
  }
  if (type.name === 'str' && name === 'maketrans') {
    return new PyCallable('maketrans', (args) => makeTrans(args));
  }
  const table = typeMethods(type.name);
  const method = table?.[name];
  if (!table || !method || !Object.prototype.hasOwnProperty.call(table, name)) {
    throw pyError('AttributeError', `type object '${type.name}' has no attribute '${name}'`);
  }
  return new PyMethodDescriptor(
    name,
    (self, args, kwargs, site) => {
      if (typeName(self) !== type.name && !(type.name === 'dict' && self instanceof PyDict)) {
        throw pyError(
          'TypeError',
          `descriptor '${name}' for '${type.name}' objects doesn't apply to a '${typeName(self)}' object`,
        );
      }
      return method(self as never, args, kwargs, site);
    },
    type.name,
  );
}

/** `dict.fromkeys(iterable, value=None)`. */
function fromKeys(args: readonly unknown[]): PyDict {
  argCount('fromkeys', args, 1, 2);
  const value = args.length > 1 ? args[1] : null;
  return new PyDict(iterate(args[0]).map((k) => [k, value] as const));
}

/** `value.name`. */
export function getAttr(value: unknown, name: string): unknown {
  try {
    return lookupAttr(value, name);
  } catch (e) {
    if (e instanceof PyException && e.type === 'AttributeError') {
      noteAttributeContext(e, value, name, dirOfValue);
    }
    throw e;
  }
}

/** `dir(value)` as the builtin gives it (a class's `__dir__` included), for the hint. */
function dirOfValue(value: unknown): readonly string[] {
  return iterate(callValue(late.builtins().get('dir'), [value])).map((n) => pyStr(n));
}

/** `value.name` without the AttributeError's context (see getAttr). */
function lookupAttr(value: unknown, name: string): unknown {
  if (value instanceof Tensor) return tensorAttribute(value, name);
  if (value instanceof PyCallable) {
    if (value.kind.kind === 'type') return typeAttribute(value, name);
    if (name === '__name__' || name === '__qualname__') return value.name;
  }
  if (isModelValue(value)) return modelGetAttr(value, name);
  if (value instanceof PyModule) {
    if (value.attrs.has(name)) return value.attrs.get(name);
    if (name === '__name__') return value.name;
    if (name === '__file__' && value.file !== '(built-in)') return value.file;
    if (knownMember(value.name, name)) {
      throw pyError(
        'NotImplementedError',
        `${value.name}.${name} is not supported by grad-graph yet`,
      );
    }
    throw pyError('AttributeError', attributeErrorMessage(value.name, name, true));
  }
  if (value instanceof Node) return nodeAttribute(value, name);
  if (value instanceof PySavedTensor) return savedTensorAttribute(value, name);
  if (value instanceof PyGenerator) {
    const attribute = generatorAttribute(value, name);
    if (attribute !== undefined) return attribute;
  }
  if (value instanceof PyRecord) {
    const record = recordAttribute(value, name);
    if (record !== undefined) return record;
  }
  if (value instanceof PyNamespace && value.attrs.has(name)) return value.attrs.get(name);
  if (value instanceof PyNamedTuple && value.fields.includes(name)) {
    // `x.max(dim=1).indices`: a field of a torch.return_types named tuple.
    return value.items[value.fields.indexOf(name)];
  }
  if (value instanceof PyNamedTuple && !Object.prototype.hasOwnProperty.call(tupleMethods, name)) {
    throw pyError('AttributeError', attributeErrorMessage(value.qualname, name));
  }
  if (value instanceof PyDefaultDict && name === 'default_factory') return value.factory;
  if (name.startsWith('__') && name.endsWith('__')) {
    if (name === '__class__') return callValue(late.builtins().get('type'), [value]);
    const special = builtinDunder(value, name);
    if (special !== undefined) return special;
  }
  if (typeof value === 'bigint' || typeof value === 'number') {
    if (name === 'real') return value;
    if (name === 'imag') return typeof value === 'bigint' ? 0n : 0;
    if (typeof value === 'bigint' && (name === 'numerator' || name === 'denominator')) {
      return name === 'numerator' ? value : 1n;
    }
    const table = typeof value === 'bigint' ? intMethods : floatMethods;
    const method = table[name];
    if (method && Object.prototype.hasOwnProperty.call(table, name)) {
      return bind(value, typeName(value), name, method);
    }
  }
  if (value instanceof PyDeque && name === 'maxlen') {
    return value.maxlen === null ? null : BigInt(value.maxlen);
  }
  const table: Readonly<Record<string, Method>> | null =
    value instanceof PyDeque
      ? {...listMethods, ...dequeMethods}
      : value instanceof PyDict
        ? value instanceof PyOrderedDict
          ? orderedDictMethods
          : value instanceof PyCounter
            ? counterMethods
            : dictMethods
        : value instanceof PySet
          ? value.frozen
            ? frozensetMethods
            : setMethods
          : value instanceof TorchSize
            ? sizeMethods
            : value instanceof PyList
              ? listMethods
              : value instanceof PyTuple
                ? tupleMethods
                : typeof value === 'string'
                  ? strMethods
                  : null;
  const method = table?.[name];
  if (table && method && Object.prototype.hasOwnProperty.call(table, name)) {
    return bind(value, typeName(value), name, method);
  }
  throw pyError('AttributeError', attributeErrorMessage(typeName(value), name));
}

/** `value.name = item`. */
export function setAttr(value: unknown, name: string, item: unknown): void {
  if (isModelValue(value)) {
    modelSetAttr(value, name, item);
    return;
  }
  if (value instanceof Tensor) {
    tensorSetAttribute(value, name, item);
    return;
  }
  if (value instanceof PyModule) {
    value.attrs.set(name, item);
    return;
  }
  if (value instanceof PyDefaultDict && name === 'default_factory') {
    value.factory = item;
    return;
  }
  const type = typeName(value);
  const has = () => {
    try {
      getAttr(value, name);
      return true;
    } catch {
      return false;
    }
  };
  if (has()) {
    throw pyError('AttributeError', `'${type}' object attribute '${name}' is read-only`);
  }
  throw pyError('AttributeError', `'${type}' object has no attribute '${name}'`);
}

late.getAttr = getAttr;
late.setAttr = setAttr;
