/**
 * The special methods of builtin values, as attributes: `(2.0).__pow__(3)`, `int.__add__(1, 2)`,
 * `[1].__len__()`, `'a'.__lt__('b')`, `map(str.upper, …)`. Each runs the operation the operator
 * or builtin runs (`a + b`, `len(x)`, `hash(x)`), with CPython's rules for a slot called directly:
 * an operand of a type the slot does not take gives `NotImplemented` (`(1).__add__(1.5)`, `[].__eq__(3)`),
 * never the operator's fallback to the other operand. Which names a type has is CPython's `dir()`
 * (pydunders.ts, loaded with the runner); a bound one prints as CPython's method-wrapper or built-in method, an unbound one
 * as its slot wrapper or method descriptor.
 */
import {callValue} from './call.js';
import {PyDict, PySet} from './containers.js';
import {pyError} from './errors.js';
import {late} from './late.js';
import {notImplemented, PyMethodDescriptor} from './objects.js';
import {binaryOp, compare, truthy, unaryOp} from './operators.js';
import {dunderLists} from './pydunders.js';
import {pyRepr, pyStr, typeName} from './repr.js';
import {deleteItem, getItem, setItem} from './subscript.js';
import {PyCallable, PyIterator, PyList, PyTuple, type Kwargs} from './values.js';

/** A special method's body: `self` and the arguments after it. */
type Slot = (self: unknown, args: readonly unknown[]) => unknown;

const binary: Readonly<Record<string, string>> = {
  add: '+',
  sub: '-',
  mul: '*',
  truediv: '/',
  floordiv: '//',
  mod: '%',
  pow: '**',
  lshift: '<<',
  rshift: '>>',
  and: '&',
  or: '|',
  xor: '^',
};

const comparisons: Readonly<Record<string, string>> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** The dunders CPython's `dir()` shows as methods (built-in method), not slot wrappers. */
const methodNames = new Set([
  '__ceil__',
  '__floor__',
  '__format__',
  '__round__',
  '__trunc__',
  '__sizeof__',
  '__reversed__',
]);

/** Types whose special methods are reached here (the builtin values of the subset). */
const types = new Set([
  'int',
  'float',
  'bool',
  'str',
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'NoneType',
]);

/** Does a slot of `self`'s type take `other` as its operand? (else the slot gives NotImplemented) */
function takes(self: unknown, other: unknown, name: string): boolean {
  const t = typeName(self);
  const o = typeName(other);
  switch (t) {
    case 'int':
    case 'bool':
      return o === 'int' || o === 'bool';
    case 'float':
      return o === 'int' || o === 'bool' || o === 'float';
    case 'str':
      return o === 'str' || name === 'mod';
    case 'list':
    case 'tuple':
      return o === t;
    case 'dict':
      return other instanceof PyDict && (name === 'eq' || name === 'ne' || name === 'or');
    case 'set':
    case 'frozenset':
      return other instanceof PySet;
    case 'NoneType':
      return other === null && (name === 'eq' || name === 'ne');
    default:
      return false;
  }
}

/** Sequences' `+` and `*` keep CPython's own errors (`can only concatenate list (not "tuple") to list`). */
function sequence(self: unknown): boolean {
  return typeof self === 'string' || self instanceof PyList || self instanceof PyTuple;
}

/** Calls the run's builtin `name` (`len`, `hash`, `round`, …) with `args`. */
function builtin(name: string, args: readonly unknown[]): unknown {
  return callValue(late.builtins().get(name), args);
}

/** CPython's error for a special method called with the wrong number of arguments. */
function arity(args: readonly unknown[], n: number): void {
  if (args.length !== n) {
    throw pyError(
      'TypeError',
      n === 0
        ? `expected 0 arguments, got ${args.length}`
        : `expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
}

/** The slot `name` of builtin values, or undefined for a name this module does not implement. */
function slot(name: string): Slot | undefined {
  const bare = name.slice(2, -2);
  const op = binary[bare];
  if (op !== undefined) {
    return (self, args) => {
      if (bare === 'pow' && args.length === 2) return builtin('pow', [self, ...args]);
      arity(args, 1);
      const other = args[0];
      if (!takes(self, other, bare) && !(sequence(self) && (op === '+' || op === '*'))) {
        return notImplemented;
      }
      return binaryOp(op, self, other);
    };
  }
  const reflected = bare.startsWith('r') ? binary[bare.slice(1)] : undefined;
  if (reflected !== undefined) {
    return (self, args) => {
      arity(args, 1);
      const other = args[0];
      if (!takes(self, other, bare.slice(1)) && !(sequence(self) && reflected === '*')) {
        return notImplemented;
      }
      return binaryOp(reflected, other, self);
    };
  }
  const inplace = bare.startsWith('i') ? binary[bare.slice(1)] : undefined;
  if (inplace !== undefined) {
    return (self, args) => {
      arity(args, 1);
      const other = args[0];
      if (self instanceof PyList && inplace === '+') {
        self.items.push(...late.iterate(other));
        return self;
      }
      if (self instanceof PyList && inplace === '*') {
        const n = Number(builtin('int', [other]));
        const items = self.items.slice();
        self.items.length = 0;
        for (let i = 0; i < n; i++) self.items.push(...items);
        return self;
      }
      if (!takes(self, other, bare.slice(1))) return notImplemented;
      const result = binaryOp(inplace, self, other);
      if (self instanceof PySet && result instanceof PySet) {
        self.clear();
        for (const v of result.values()) self.add(v);
        return self;
      }
      if (self instanceof PyDict && result instanceof PyDict) {
        for (const [k, v] of result.items()) self.set(k, v);
        return self;
      }
      return result;
    };
  }
  const cmp = comparisons[bare];
  if (cmp !== undefined) {
    return (self, args) => {
      arity(args, 1);
      const other = args[0];
      return takes(self, other, bare) ? compare(cmp, self, other) : notImplemented;
    };
  }
  const none = (f: (self: unknown) => unknown): Slot => {
    return (self, args) => {
      arity(args, 0);
      return f(self);
    };
  };
  switch (name) {
    case '__neg__':
      return none((x) => unaryOp('-', x));
    case '__pos__':
      return none((x) => unaryOp('+', x));
    case '__invert__':
      return none((x) => unaryOp('~', x));
    case '__abs__':
      return none((x) => builtin('abs', [x]));
    case '__bool__':
      return none(truthy);
    case '__int__':
    case '__index__':
      return none((x) => builtin('int', [x]));
    case '__float__':
      return none((x) => builtin('float', [x]));
    case '__hash__':
      return none((x) => builtin('hash', [x]));
    case '__repr__':
      return none(pyRepr);
    case '__str__':
      return none(pyStr);
    case '__len__':
      return none((x) => builtin('len', [x]));
    case '__iter__':
      return none((x) => builtin('iter', [x]));
    case '__reversed__':
      return none((x) => builtin('reversed', [x]));
    case '__trunc__':
    case '__floor__':
    case '__ceil__':
      return none((x) => (typeof x === 'number' ? floatToward(name, x) : builtin('int', [x])));
    case '__round__':
      return (self, args) => builtin('round', [self, ...args]);
    case '__format__':
      return (self, args) => {
        arity(args, 1);
        if (typeof args[0] !== 'string') {
          throw pyError('TypeError', `${name}() argument must be str, not ${typeName(args[0])}`);
        }
        return builtin('format', [self, args[0]]);
      };
    case '__divmod__':
    case '__rdivmod__':
      return (self, args) => {
        arity(args, 1);
        const other = args[0];
        if (!takes(self, other, 'divmod')) return notImplemented;
        return builtin('divmod', name === '__divmod__' ? [self, other] : [other, self]);
      };
    case '__contains__':
      return (self, args) => {
        arity(args, 1);
        return compare('in', args[0], self);
      };
    case '__getitem__':
      return (self, args) => {
        arity(args, 1);
        return getItem(self, args[0]);
      };
    case '__setitem__':
      return (self, args) => {
        arity(args, 2);
        setItem(self, args[0], args[1]);
        return null;
      };
    case '__delitem__':
      return (self, args) => {
        arity(args, 1);
        deleteItem(self, args[0]);
        return null;
      };
    default:
      return undefined;
  }
}

/** `math.trunc/floor/ceil` of a float, as its `__trunc__`/`__floor__`/`__ceil__` give them. */
function floatToward(name: string, x: number): unknown {
  const f = name === '__trunc__' ? Math.trunc : name === '__floor__' ? Math.floor : Math.ceil;
  return builtin('int', [f(x)]);
}

/** Does `type` have the special method `name` (CPython's `dir()`), one this module runs? */
function implemented(type: string, name: string): Slot | undefined {
  if (!types.has(type)) return undefined;
  if (!(dunderLists[type] ?? '').split(' ').includes(name)) return undefined;
  return slot(name);
}

/** The bound special method `value.name` of a builtin value, or undefined when it has none here. */
export function builtinDunder(value: unknown, name: string): unknown {
  const type = typeName(value);
  if (value instanceof PyIterator && (name === '__next__' || name === '__iter__')) {
    const step = name === '__next__';
    return new PyCallable(
      name,
      (args, kwargs: Kwargs) => {
        noKeywords(name, kwargs);
        arity(args, 0);
        return step ? builtin('next', [value]) : value;
      },
      {kind: 'method', self: value, owner: type, wrapper: true},
    );
  }
  if (value instanceof PyDict && type !== 'dict') return undefined;
  if (
    (value instanceof PyList || value instanceof PyTuple) &&
    type !== 'list' &&
    type !== 'tuple'
  ) {
    return undefined;
  }
  if (name === '__hash__' && (type === 'list' || type === 'dict' || type === 'set')) return null;
  const body = implemented(type, name);
  if (!body) return undefined;
  return new PyCallable(
    name,
    (args, kwargs: Kwargs) => {
      noKeywords(name, kwargs);
      return body(value, args);
    },
    {kind: 'method', self: value, owner: type, wrapper: !isMethod(type, name)},
  );
}

/** The unbound special method `type.name` (`int.__add__`), or undefined when it has none here. */
export function typeDunder(type: string, name: string): unknown {
  if (name === '__hash__' && (type === 'list' || type === 'dict' || type === 'set')) return null;
  const body = implemented(type, name);
  if (!body) return undefined;
  return new PyMethodDescriptor(
    name,
    (self, args, kwargs) => {
      const own = typeName(self);
      if (own !== type && !(type === 'int' && own === 'bool')) {
        throw pyError(
          'TypeError',
          isMethod(type, name)
            ? `descriptor '${name}' for '${type}' objects doesn't apply to a '${own}' object`
            : `descriptor '${name}' requires a '${type}' object but received a '${own}'`,
        );
      }
      noKeywords(name, kwargs);
      return body(self, args);
    },
    type,
    !isMethod(type, name),
  );
}

/** Is `type.name` a method (built-in method, method descriptor) rather than a slot wrapper? */
function isMethod(type: string, name: string): boolean {
  if (methodNames.has(name)) return true;
  if (name === '__getitem__') return type === 'list' || type === 'dict';
  return name === '__contains__' && (type === 'dict' || type === 'set' || type === 'frozenset');
}

function noKeywords(name: string, kwargs: Kwargs): void {
  if (kwargs.size) throw pyError('TypeError', `${name}() takes no keyword arguments`);
}
