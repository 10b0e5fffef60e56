/**
 * Python's operators on instances of classes: each finds the special method (`__add__`, `__eq__`,
 * `__len__`, `__getitem__`, `__iter__`, `__repr__`, …) on the class, as CPython does (never on the
 * instance), with the reflected forms and `NotImplemented`, and CPython's TypeError texts when a
 * class lacks it. The generic operators (operators.ts, subscript.ts, repr.ts) come here first
 * when an operand is a PyInstance.
 */
import {callValue} from './call.js';
import {defaultInstanceRepr} from './classes.js';
import {PyException, pyError} from './errors.js';
import {builtinException, exceptionObject} from './exceptions.js';
import {notImplemented, PyInstance} from './objects.js';
import {late} from './late.js';
import {typeName} from './repr.js';

const binaryNames: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'truediv',
  '//': 'floordiv',
  '%': 'mod',
  '**': 'pow',
  '@': 'matmul',
  '<<': 'lshift',
  '>>': 'rshift',
  '&': 'and',
  '|': 'or',
  '^': 'xor',
};

/** Calls the special method `name` of `obj`'s class, or returns `notImplemented` if it has none. */
export function special(obj: unknown, name: string, args: readonly unknown[]): unknown {
  if (!(obj instanceof PyInstance)) return notImplemented;
  const method = obj.cls.lookup(name);
  if (method === undefined || method === null) return notImplemented;
  return callValue(method, [obj, ...args]);
}

/** Does `obj`'s class define `name`? */
export function hasSpecial(obj: unknown, name: string): boolean {
  return obj instanceof PyInstance && obj.cls.lookup(name) !== undefined;
}

/**
 * `a op b` when an operand is an instance: `a.__op__(b)`, then `b.__rop__(a)`; undefined when
 * neither applies (the caller raises its unsupported-operand error).
 */
export function instanceBinary(op: string, a: unknown, b: unknown): unknown {
  const name = binaryNames[op];
  if (!name) return undefined;
  const r = special(a, `__${name}__`, [b]);
  if (r !== notImplemented) return r;
  if (!(b instanceof PyInstance) || (a instanceof PyInstance && a.cls === b.cls)) return undefined;
  const rr = special(b, `__r${name}__`, [a]);
  return rr === notImplemented ? undefined : rr;
}

/** `a op= b` on an instance: `__iop__`, else the binary operator. */
export function instanceInplace(op: string, a: unknown, b: unknown): unknown {
  const name = binaryNames[op];
  if (!name) return undefined;
  const r = special(a, `__i${name}__`, [b]);
  if (r !== notImplemented) return r;
  return instanceBinary(op, a, b);
}

const reflected: Readonly<Record<string, string>> = {
  '<': '__gt__',
  '>': '__lt__',
  '<=': '__ge__',
  '>=': '__le__',
  '==': '__eq__',
  '!=': '__ne__',
};
const compareNames: Readonly<Record<string, string>> = {
  '<': '__lt__',
  '>': '__gt__',
  '<=': '__le__',
  '>=': '__ge__',
  '==': '__eq__',
  '!=': '__ne__',
};

/**
 * A rich comparison with an instance operand; undefined when neither side answers (the caller
 * falls back to identity for `==`/`!=` and raises for ordering).
 */
export function instanceCompare(op: string, a: unknown, b: unknown): unknown {
  const name = compareNames[op] as string;
  const r = special(a, name, [b]);
  if (r !== notImplemented) return r;
  const rr = special(b, reflected[op] as string, [a]);
  if (rr !== notImplemented) return rr;
  if (op === '!=' && hasSpecial(a, '__eq__')) {
    const eq = special(a, '__eq__', [b]);
    if (eq !== notImplemented) return !late.truthy(eq);
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  return undefined;
}

/** `bool(obj)`: `__bool__`, then `__len__`, else True. */
export function instanceTruthy(obj: PyInstance): boolean {
  const b = special(obj, '__bool__', []);
  if (b !== notImplemented) {
    if (typeof b !== 'boolean') {
      throw pyError('TypeError', `__bool__ should return bool, returned ${typeName(b)}`);
    }
    return b;
  }
  const n = special(obj, '__len__', []);
  if (n !== notImplemented) return lengthOf(n) > 0n;
  return true;
}

function lengthOf(n: unknown): bigint {
  if (typeof n === 'boolean') return n ? 1n : 0n;
  if (typeof n !== 'bigint') {
    throw pyError('TypeError', `'${typeName(n)}' object cannot be interpreted as an integer`);
  }
  if (n < 0n) throw pyError('ValueError', '__len__() should return >= 0');
  return n;
}

/** `len(obj)`. */
export function instanceLen(obj: PyInstance): bigint {
  const n = special(obj, '__len__', []);
  if (n === notImplemented) {
    throw pyError('TypeError', `object of type '${obj.cls.name}' has no len()`);
  }
  return lengthOf(n);
}

/** `obj[index]`. */
export function instanceGetItem(obj: PyInstance, index: unknown): unknown {
  const r = special(obj, '__getitem__', [index]);
  if (r === notImplemented && !hasSpecial(obj, '__getitem__')) {
    throw pyError('TypeError', `'${obj.cls.name}' object is not subscriptable`);
  }
  return r;
}

/** `obj[index] = value`. */
export function instanceSetItem(obj: PyInstance, index: unknown, value: unknown): void {
  if (!hasSpecial(obj, '__setitem__')) {
    throw pyError('TypeError', `'${obj.cls.name}' object does not support item assignment`);
  }
  special(obj, '__setitem__', [index, value]);
}

/** `del obj[index]`. */
export function instanceDelItem(obj: PyInstance, index: unknown): void {
  if (!hasSpecial(obj, '__delitem__')) {
    throw pyError('TypeError', `'${obj.cls.name}' object does not support item deletion`);
  }
  special(obj, '__delitem__', [index]);
}

/** `repr(obj)`. */
export function instanceRepr(obj: PyInstance): string {
  const r = special(obj, '__repr__', []);
  if (r === notImplemented) return defaultInstanceRepr(obj);
  if (typeof r !== 'string') {
    throw pyError('TypeError', `__repr__ returned non-string (type ${typeName(r)})`);
  }
  return r;
}

/** `str(obj)`: `__str__`, else the repr. */
export function instanceStr(obj: PyInstance): string {
  const r = special(obj, '__str__', []);
  if (r === notImplemented) return instanceRepr(obj);
  if (typeof r !== 'string') {
    throw pyError('TypeError', `__str__ returned non-string (type ${typeName(r)})`);
  }
  return r;
}

/** Unary `-obj`, `+obj`, `~obj`, `abs(obj)`; undefined when the class lacks the method. */
export function instanceUnary(op: string, obj: PyInstance): unknown {
  const names: Readonly<Record<string, string>> = {
    '-': '__neg__',
    '+': '__pos__',
    '~': '__invert__',
    abs: '__abs__',
  };
  const r = special(obj, names[op] ?? '', []);
  return r === notImplemented ? undefined : r;
}

/**
 * Steps through an iterable instance: `__iter__` then `__next__` until StopIteration, or the old
 * `__getitem__` protocol (0, 1, 2, … until IndexError). `visit` returns true to stop early.
 */
export function instanceIterate(obj: PyInstance, visit: (item: unknown) => boolean): void {
  if (hasSpecial(obj, '__iter__')) {
    const it = special(obj, '__iter__', []);
    if (!(it instanceof PyInstance)) {
      // A built-in iterator (`return iter(self.items)`).
      for (const item of late.iterate(it)) if (visit(item)) return;
      return;
    }
    if (!hasSpecial(it, '__next__')) {
      throw pyError('TypeError', `iter() returned non-iterator of type '${typeName(it)}'`);
    }
    for (;;) {
      let item: unknown;
      try {
        item = special(it, '__next__', []);
      } catch (e) {
        if (isStopIteration(e)) return;
        throw e;
      }
      if (visit(item)) return;
    }
  }
  if (hasSpecial(obj, '__getitem__')) {
    for (let i = 0n; ; i++) {
      let item: unknown;
      try {
        item = special(obj, '__getitem__', [i]);
      } catch (e) {
        if (
          e instanceof PyException &&
          exceptionObject(e).cls.isSubclassOf(builtinException('IndexError'))
        )
          return;
        if (isStopIteration(e)) return;
        throw e;
      }
      if (visit(item)) return;
    }
  }
  throw pyError('TypeError', `'${obj.cls.name}' object is not iterable`);
}

/** Is `e` a StopIteration (or a subclass)? */
export function isStopIteration(e: unknown): boolean {
  return (
    e instanceof PyException &&
    exceptionObject(e).cls.isSubclassOf(builtinException('StopIteration'))
  );
}

/** The items of an iterable instance, lazily (for `iter(obj)` and the builtins that consume it). */
export function* instanceItems(obj: PyInstance): Generator<unknown, void, undefined> {
  if (hasSpecial(obj, '__iter__')) {
    const it = special(obj, '__iter__', []);
    if (!(it instanceof PyInstance)) {
      yield* late.iterate(it);
      return;
    }
    if (!hasSpecial(it, '__next__')) {
      throw pyError('TypeError', `iter() returned non-iterator of type '${typeName(it)}'`);
    }
    for (;;) {
      let item: unknown;
      try {
        item = special(it, '__next__', []);
      } catch (e) {
        if (isStopIteration(e)) return;
        throw e;
      }
      yield item;
    }
  }
  const items: unknown[] = [];
  instanceIterate(obj, (x) => {
    items.push(x);
    return false;
  });
  yield* items;
}

/** `item in obj`: `__contains__`, else by iterating; undefined if neither applies. */
export function instanceContains(
  obj: PyInstance,
  item: unknown,
  equals: (a: unknown, b: unknown) => boolean,
): boolean {
  if (hasSpecial(obj, '__contains__')) return late.truthy(special(obj, '__contains__', [item]));
  let found = false;
  instanceIterate(obj, (x) => (found = x === item || equals(x, item)));
  return found;
}

/** `hash(obj)` by its class's `__hash__`, as CPython: None when `__eq__` came without it. */
function instanceHash(obj: PyInstance): bigint | null {
  const cls = obj.cls;
  const owner = cls.mro.find((c) => c.dict.has('__hash__') || c.dict.has('__eq__'));
  if (!owner || owner.module !== '__main__') return null;
  const method = owner.dict.get('__hash__');
  if (method === undefined || method === null) {
    throw pyError('TypeError', `unhashable type: '${cls.name}'`);
  }
  const h = callValue(method, [obj]);
  if (typeof h === 'boolean') return h ? 1n : 0n;
  if (typeof h !== 'bigint') {
    throw pyError('TypeError', '__hash__ method should return an integer');
  }
  // CPython reduces a big hash modulo 2**61 - 1 and never returns -1.
  const m = (1n << 61n) - 1n;
  let r = (h < 0n ? -h : h) % m;
  if (h < 0n) r = -r;
  return r === -1n ? -2n : r;
}

late.instanceHash = instanceHash;
late.instanceRepr = instanceRepr;
late.instanceStr = instanceStr;
