/**
 * Python's `collections` module: OrderedDict, defaultdict, Counter, namedtuple and deque, on the
 * dict and list values of containers.ts, with CPython 3.11's printed forms and messages.
 */
import {isCallable} from '../call.js';
import {argCount, noKw, toInt, type Method} from '../check.js';
import {PyCounter, PyDefaultDict, PyDeque, PyOrderedDict, PyRecord} from '../containers.js';
import {countInto, updateDict} from '../dict-methods.js';
import {pyError} from '../errors.js';
import {iterate} from '../operators.js';
import {PyCallable, PyModule, type Kwargs} from '../values.js';

function namedtuple(args: readonly unknown[], kwargs: Kwargs): PyCallable {
  const [name, spec] = [args[0] ?? kwargs.get('typename'), args[1] ?? kwargs.get('field_names')];
  if (typeof name !== 'string') {
    throw pyError('TypeError', `namedtuple() missing required argument 'typename'`);
  }
  const fields =
    typeof spec === 'string'
      ? spec.replace(/,/g, ' ').split(/\s+/).filter(Boolean)
      : iterate(spec).map((f) => {
          if (typeof f !== 'string') {
            throw pyError('TypeError', 'Type names and field names must be strings');
          }
          return f;
        });
  const defaults = kwargs.has('defaults') ? iterate(kwargs.get('defaults')) : [];
  const cls: PyCallable = new PyCallable(
    name,
    (a, kw) => {
      if (a.length > fields.length) {
        throw pyError(
          'TypeError',
          `${name}.__new__() takes ${fields.length + 1} positional arguments but ${a.length + 1} were given`,
        );
      }
      const values: unknown[] = [...a];
      for (const [k, v] of kw) {
        const i = fields.indexOf(k);
        if (i < 0)
          throw pyError('TypeError', `${name}.__new__() got an unexpected keyword argument '${k}'`);
        if (i < a.length) {
          throw pyError('TypeError', `${name}.__new__() got multiple values for argument '${k}'`);
        }
        values[i] = v;
      }
      const firstDefault = fields.length - defaults.length;
      fields.forEach((_, i) => {
        if (values[i] === undefined && i >= firstDefault) values[i] = defaults[i - firstDefault];
      });
      const missing = fields.filter((_, i) => values[i] === undefined).map((f) => `'${f}'`);
      if (missing.length) {
        const text =
          missing.length === 1
            ? missing[0]
            : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
        throw pyError(
          'TypeError',
          `${name}.__new__() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${text}`,
        );
      }
      return new PyRecord(cls, name, fields, values);
    },
    {kind: 'class', qualname: `__main__.${name}`},
  );
  return cls;
}

function deque(args: readonly unknown[], kwargs: Kwargs): PyDeque {
  const source = args[0] ?? kwargs.get('iterable');
  const maxlen = args[1] ?? kwargs.get('maxlen') ?? null;
  if (maxlen !== null && typeof maxlen !== 'bigint') {
    throw pyError('TypeError', 'an integer is required');
  }
  if (typeof maxlen === 'bigint' && maxlen < 0n) {
    throw pyError('ValueError', 'maxlen must be non-negative');
  }
  return new PyDeque(
    source === undefined ? [] : iterate(source),
    maxlen === null ? null : Number(maxlen),
  );
}

function push(d: PyDeque, items: readonly unknown[], left: boolean): void {
  for (const item of items) {
    if (left) {
      d.items.unshift(item);
      if (d.maxlen !== null && d.items.length > d.maxlen) d.items.pop();
    } else {
      d.items.push(item);
      if (d.maxlen !== null && d.items.length > d.maxlen) d.items.shift();
    }
  }
}

/** The methods of deque (its list-like ones keep the maximum length). */
export const dequeMethods: Readonly<Record<string, Method>> = {
  append: (self: PyDeque, args, kwargs) => {
    noKw('deque.append', kwargs);
    argCount('deque.append', args, 1, 1);
    push(self, args, false);
    return null;
  },
  appendleft: (self: PyDeque, args, kwargs) => {
    noKw('deque.appendleft', kwargs);
    argCount('deque.appendleft', args, 1, 1);
    push(self, args, true);
    return null;
  },
  extend: (self: PyDeque, args) => {
    argCount('deque.extend', args, 1, 1);
    push(self, iterate(args[0]), false);
    return null;
  },
  extendleft: (self: PyDeque, args) => {
    argCount('deque.extendleft', args, 1, 1);
    push(self, iterate(args[0]), true);
    return null;
  },
  pop: (self: PyDeque, args) => {
    argCount('deque.pop', args, 0, 0);
    if (self.items.length === 0) throw pyError('IndexError', 'pop from an empty deque');
    return self.items.pop();
  },
  popleft: (self: PyDeque, args) => {
    argCount('deque.popleft', args, 0, 0);
    if (self.items.length === 0) throw pyError('IndexError', 'pop from an empty deque');
    return self.items.shift();
  },
  rotate: (self: PyDeque, args) => {
    argCount('deque.rotate', args, 0, 1);
    const n = self.items.length;
    if (n === 0) return null;
    const k = Number((((args.length ? toInt(args[0]) : 1n) % BigInt(n)) + BigInt(n)) % BigInt(n));
    self.items.unshift(...self.items.splice(n - k, k));
    return null;
  },
  clear: (self: PyDeque) => {
    self.items.length = 0;
    return null;
  },
  copy: (self: PyDeque) => new PyDeque([...self.items], self.maxlen),
  count: (self: PyDeque, args) => BigInt(self.items.filter((x) => x === args[0]).length),
};

/** A fresh `collections` module. */
export function makeCollectionsModule(): PyModule {
  const type = (name: string, f: (args: readonly unknown[], kwargs: Kwargs) => unknown) =>
    new PyCallable(name, f, {kind: 'class', qualname: `collections.${name}`});
  const attrs = new Map<string, unknown>([
    [
      'OrderedDict',
      type('OrderedDict', (args, kwargs) => {
        if (args.length > 1) {
          throw pyError('TypeError', `expected at most 1 arguments, got ${args.length}`);
        }
        const d = new PyOrderedDict();
        updateDict(d, args[0], kwargs);
        return d;
      }),
    ],
    [
      'defaultdict',
      type('defaultdict', (args, kwargs) => {
        const factory = args[0] ?? null;
        if (factory !== null && !isCallable(factory)) {
          throw pyError('TypeError', 'first argument must be callable or None');
        }
        const d = new PyDefaultDict(factory);
        updateDict(d, args[1], kwargs);
        return d;
      }),
    ],
    [
      'Counter',
      type('Counter', (args, kwargs) => {
        if (args.length > 1) {
          throw pyError('TypeError', `expected at most 1 argument, got ${args.length}`);
        }
        const c = new PyCounter();
        countInto(c, args[0], 1n);
        for (const [k, v] of kwargs) c.set(k, v);
        return c;
      }),
    ],
    ['deque', type('deque', deque)],
    ['namedtuple', new PyCallable('namedtuple', namedtuple, {kind: 'builtin'})],
  ]);
  return new PyModule('collections', attrs, '/usr/lib/python3.11/collections/__init__.py');
}
