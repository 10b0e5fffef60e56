/**
 * The methods of list and tuple, with CPython 3.11's semantics and messages (`sort` with `key` and
 * `reverse`, stable; `index` with start and stop bounds).
 */
import {sortOptions, sortValues} from './builtins-functional.js';
import {argCount, noKw, toInt, type Method} from './check.js';
import {pyError} from './errors.js';
import {compare, iterate, truthy} from './operators.js';
import {pyRepr} from './repr.js';
import {PyList, type PyTuple} from './values.js';

/** The first index of `args[0]` in `items[start:stop]` (`args[1]`, `args[2]`), or -1. */
function indexIn(items: readonly unknown[], args: readonly unknown[]): number {
  const n = items.length;
  const bound = (v: unknown, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    let i = Number(toInt(v));
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  const stop = bound(args[2], n);
  for (let i = bound(args[1], 0); i < stop; i++) {
    const x = items[i];
    if (x === args[0] || truthy(compare('==', x, args[0]))) return i;
  }
  return -1;
}

/** The methods of list (deque adds its own on top). */
export const listMethods: Readonly<Record<string, Method>> = {
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
    const i = indexIn(self.items, args);
    if (i < 0) throw pyError('ValueError', `${pyRepr(args[0])} is not in list`);
    return BigInt(i);
  },
  sort: (self: PyList, args, kwargs, site) => {
    if (args.length) throw pyError('TypeError', 'sort() takes no positional arguments');
    const {key, reverse} = sortOptions(kwargs);
    // CPython sorts a copy and empties the list meanwhile: a key function sees it empty.
    const items = self.items;
    self.items = [];
    try {
      const sorted = sortValues(items, key, reverse, site ?? null);
      if (self.items.length) throw pyError('ValueError', 'list modified during sort');
      self.items = sorted;
    } catch (e) {
      if (self.items.length === 0) self.items = items;
      throw e;
    }
    return null;
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

/** The methods of tuple (and of torch.Size and named tuples). */
export const tupleMethods: Readonly<Record<string, Method>> = {
  index: (self: PyTuple, args) => {
    argCount('index', args, 1, 3);
    const i = indexIn(self.items, args);
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
