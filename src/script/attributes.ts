/**
 * Attribute access `x.name` and assignment `x.name = v` on every value of the subset: the methods of
 * str and list, module members, and (through the torch binding) tensors and grad_fn nodes, with
 * CPython 3.11's AttributeError texts and "Did you mean" hints.
 */
import {Node} from '../../autograd/node.js';
import {Tensor} from '../../autograd/tensor.js';
import {argCount, noKw, toInt, type Method} from './check.js';
import {
  PyCounter,
  PyDefaultDict,
  PyDeque,
  PyDict,
  PyOrderedDict,
  PyRecord,
  PySet,
} from './containers.js';
import {dequeMethods} from './stdlib/collections.js';
import {
  counterMethods,
  dictMethods,
  frozensetMethods,
  orderedDictMethods,
  setMethods,
} from './dict-methods.js';
import {isModelValue, modelGetAttr, modelSetAttr} from './classes.js';
import {pyError} from './errors.js';
import {strFormat} from './format.js';
import {compare, iterate, truthy} from './operators.js';
import {pyRepr, typeName} from './repr.js';
import {getItem} from './subscript.js';
import {attributeErrorMessage, dirOf} from './suggest.js';
import {nodeAttribute, tensorAttribute, tensorSetAttribute} from './torch/attributes.js';
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

function needStr(method: string, v: unknown, pos = 'argument'): string {
  if (typeof v !== 'string')
    throw pyError('TypeError', `${method}() ${pos} must be str, not ${typeName(v)}`);
  return v;
}

const listMethods: Readonly<Record<string, Method>> = {
  append: (self: PyList, args, kwargs) => {
    noKw('list.append', kwargs);
    argCount('list.append', args, 1, 1);
    self.items.push(args[0]);
    return null;
  },
  extend: (self: PyList, args, kwargs) => {
    noKw('list.extend', kwargs);
    argCount('list.extend', args, 1, 1);
    self.items.push(...iterate(args[0]));
    return null;
  },
  pop: (self: PyList, args, kwargs) => {
    noKw('pop', kwargs);
    argCount('pop', args, 0, 1);
    if (self.items.length === 0) throw pyError('IndexError', 'pop from empty list');
    let i = args.length ? toInt(args[0]) : -1n;
    if (i < 0n) i += BigInt(self.items.length);
    if (i < 0n || i >= BigInt(self.items.length))
      throw pyError('IndexError', 'pop index out of range');
    return self.items.splice(Number(i), 1)[0];
  },
  insert: (self: PyList, args, kwargs) => {
    noKw('insert', kwargs);
    argCount('insert', args, 2, 2);
    const n = BigInt(self.items.length);
    let i = toInt(args[0]);
    if (i < 0n) i = i + n < 0n ? 0n : i + n;
    if (i > n) i = n;
    self.items.splice(Number(i), 0, args[1]);
    return null;
  },
  index: (self: PyList, args, kwargs) => {
    noKw('index', kwargs);
    argCount('index', args, 1, 3);
    const i = self.items.findIndex((x) => x === args[0] || truthy(compare('==', x, args[0])));
    if (i < 0) throw pyError('ValueError', `${pyRepr(args[0])} is not in list`);
    return BigInt(i);
  },
  count: (self: PyList, args, kwargs) => {
    noKw('list.count', kwargs);
    argCount('list.count', args, 1, 1);
    return BigInt(
      self.items.filter((x) => x === args[0] || truthy(compare('==', x, args[0]))).length,
    );
  },
  remove: (self: PyList, args, kwargs) => {
    noKw('list.remove', kwargs);
    argCount('list.remove', args, 1, 1);
    const i = self.items.findIndex((x) => x === args[0] || truthy(compare('==', x, args[0])));
    if (i < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
    self.items.splice(i, 1);
    return null;
  },
  reverse: (self: PyList, args, kwargs) => {
    noKw('list.reverse', kwargs);
    argCount('list.reverse', args, 0, 0);
    self.items.reverse();
    return null;
  },
  clear: (self: PyList, args, kwargs) => {
    noKw('list.clear', kwargs);
    argCount('list.clear', args, 0, 0);
    self.items.length = 0;
    return null;
  },
  copy: (self: PyList, args, kwargs) => {
    noKw('list.copy', kwargs);
    argCount('list.copy', args, 0, 0);
    return new PyList([...self.items]);
  },
};

const tupleMethods: Readonly<Record<string, Method>> = {
  index: (self: PyTuple, args) => {
    argCount('index', args, 1, 3);
    const i = self.items.findIndex((x) => x === args[0] || truthy(compare('==', x, args[0])));
    if (i < 0) throw pyError('ValueError', 'tuple.index(x): x not in tuple');
    return BigInt(i);
  },
  count: (self: PyTuple, args) => {
    argCount('tuple.count', args, 1, 1);
    return BigInt(
      self.items.filter((x) => x === args[0] || truthy(compare('==', x, args[0]))).length,
    );
  },
};

const sizeMethods: Readonly<Record<string, Method>> = {
  ...tupleMethods,
  numel: (self: TorchSize, args) => {
    argCount('numel', args, 0, 0);
    return self.dims.reduce((a, b) => a * BigInt(b), 1n);
  },
};

const strMethods: Readonly<Record<string, Method>> = {
  format: (self: string, args, kwargs) => strFormat(self, args, kwargs, getAttr, getItem),
  join: (self: string, args, kwargs) => {
    noKw('str.join', kwargs);
    argCount('str.join', args, 1, 1);
    return iterate(args[0])
      .map((x, i) => {
        if (typeof x !== 'string') {
          throw pyError(
            'TypeError',
            `sequence item ${i}: expected str instance, ${typeName(x)} found`,
          );
        }
        return x;
      })
      .join(self);
  },
  upper: (self: string) => self.toUpperCase(),
  lower: (self: string) => self.toLowerCase(),
  strip: (self: string, args) =>
    args[0] == null ? self.trim() : trimChars(self, needStr('strip', args[0], 'arg'), true, true),
  lstrip: (self: string, args) =>
    args[0] == null
      ? self.trimStart()
      : trimChars(self, needStr('lstrip', args[0], 'arg'), true, false),
  rstrip: (self: string, args) =>
    args[0] == null
      ? self.trimEnd()
      : trimChars(self, needStr('rstrip', args[0], 'arg'), false, true),
  split: (self: string, args) => {
    const sep = args[0] ?? null;
    if (sep === null) return new PyList(self.split(/\s+/).filter(Boolean));
    const s = needStr('split', sep, 'argument 1');
    if (s === '') throw pyError('ValueError', 'empty separator');
    return new PyList(self.split(s));
  },
  replace: (self: string, args) => {
    argCount('replace', args, 2, 3);
    return self
      .split(needStr('replace', args[0], 'argument 1'))
      .join(needStr('replace', args[1], 'argument 2'));
  },
  startswith: (self: string, args) => self.startsWith(needStr('startswith', args[0], 'first arg')),
  endswith: (self: string, args) => self.endsWith(needStr('endswith', args[0], 'first arg')),
  ljust: (self: string, args) =>
    self.padEnd(Number(toInt(args[0])), typeof args[1] === 'string' ? args[1] : ' '),
  rjust: (self: string, args) =>
    self.padStart(Number(toInt(args[0])), typeof args[1] === 'string' ? args[1] : ' '),
  center: (self: string, args) => {
    const width = Number(toInt(args[0]));
    const fill = typeof args[1] === 'string' ? args[1] : ' ';
    const n = width - self.length;
    if (n <= 0) return self;
    const left = (n >> 1) + (n & width & 1);
    return fill.repeat(left) + self + fill.repeat(n - left);
  },
};

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && chars.includes(s.charAt(a))) a++;
  while (right && b > a && chars.includes(s.charAt(b - 1))) b--;
  return s.slice(a, b);
}

function bind(self: unknown, owner: string, name: string, method: Method): PyCallable {
  return new PyCallable(name, (args, kwargs) => method(self as never, args, kwargs), {
    kind: 'method',
    self,
    owner,
  });
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

/** `value.name`. */
export function getAttr(value: unknown, name: string): unknown {
  if (value instanceof Tensor) return tensorAttribute(value, name);
  if (isModelValue(value)) return modelGetAttr(value, name);
  if (value instanceof PyModule) {
    if (value.attrs.has(name)) return value.attrs.get(name);
    if (knownMember(value.name, name)) {
      throw pyError(
        'NotImplementedError',
        `${value.name}.${name} is not supported by grad-graph yet`,
      );
    }
    const candidates = value.name === 'torch' ? null : dirOf(value.name);
    throw pyError('AttributeError', attributeErrorMessage(value.name, name, candidates, true));
  }
  if (value instanceof Node) return nodeAttribute(value, name);
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
    const members = [...value.fields, 'count', 'index', 'n_fields', 'n_sequence_fields'];
    throw pyError(
      'AttributeError',
      attributeErrorMessage(value.qualname, name, [...members, 'n_unnamed_fields']),
    );
  }
  if (value instanceof PyDefaultDict && name === 'default_factory') return value.factory;
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
  const type = typeName(value);
  const known = [
    'int',
    'float',
    'bool',
    'str',
    'list',
    'tuple',
    'range',
    'NoneType',
    'Size',
    'dict',
    'set',
    'frozenset',
  ];
  throw pyError(
    'AttributeError',
    attributeErrorMessage(type, name, known.includes(type) ? dirOf(type) : null),
  );
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
