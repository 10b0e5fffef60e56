/**
 * The methods of dict, set and frozenset (and of collections' dict subclasses: OrderedDict,
 * defaultdict, Counter), with CPython 3.11's argument checks and messages.
 */
import {argCount, noKw, toInt, type Method} from './check.js';
import {
  PyCounter,
  PyDict,
  PyDictView,
  PyOrderedDict,
  PySet,
  setFrom,
  setOperation,
  setUpdate,
} from './containers.js';
import {keyError, pyError} from './errors.js';
import {binaryOp, iterate, truthy} from './operators.js';
import {mostCommon, pyRepr, typeName} from './repr.js';
import {PyList, PyTuple, type Kwargs} from './values.js';

/** `dict.update` / `dict(...)`: a mapping, or an iterable of pairs, then keyword arguments. */
export function updateDict(d: PyDict, source: unknown, kwargs: Kwargs): void {
  if (source instanceof PyDict) {
    for (const [k, v] of source.items()) d.set(k, v);
  } else if (source !== undefined) {
    iterate(source).forEach((pair, i) => {
      if (
        !(pair instanceof PyList || pair instanceof PyTuple || pair instanceof PyDictView) &&
        typeof pair !== 'string'
      ) {
        throw pyError(
          'TypeError',
          `cannot convert dictionary update sequence element #${i} to a sequence`,
        );
      }
      const kv = iterate(pair);
      if (kv.length !== 2) {
        throw pyError(
          'ValueError',
          `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`,
        );
      }
      d.set(kv[0], kv[1]);
    });
  }
  for (const [k, v] of kwargs) d.set(k, v);
}

/** `Counter.update`: adds counts from a mapping or counts the items of an iterable. */
export function countInto(c: PyDict, source: unknown, sign: 1n | -1n): void {
  const add = (k: unknown, n: unknown) => {
    const old = c.get(k) ?? 0n;
    c.set(k, binaryOp(sign === 1n ? '+' : '-', old, n));
  };
  if (source instanceof PyDict) for (const [k, v] of source.items()) add(k, v);
  else if (source !== undefined && source !== null) for (const k of iterate(source)) add(k, 1n);
}

function copyOf(d: PyDict): PyDict {
  const out = new (d.constructor as new (...a: unknown[]) => PyDict)(
    ...('factory' in d ? [d.factory] : []),
  );
  for (const [k, v] of d.items()) out.set(k, v);
  return out;
}

/** The methods of dict and its subclasses. */
export const dictMethods: Readonly<Record<string, Method>> = {
  keys: (self: PyDict, args, kwargs) => {
    noKw('dict.keys', kwargs);
    argCount('dict.keys', args, 0, 0);
    return new PyDictView(self, 'keys');
  },
  values: (self: PyDict, args, kwargs) => {
    noKw('dict.values', kwargs);
    argCount('dict.values', args, 0, 0);
    return new PyDictView(self, 'values');
  },
  items: (self: PyDict, args, kwargs) => {
    noKw('dict.items', kwargs);
    argCount('dict.items', args, 0, 0);
    return new PyDictView(self, 'items');
  },
  get: (self: PyDict, args, kwargs) => {
    noKw('dict.get', kwargs);
    argCount('get', args, 1, 2);
    const v = self.get(args[0]);
    return v === undefined ? (args[1] ?? null) : v;
  },
  pop: (self: PyDict, args, kwargs) => {
    noKw('dict.pop', kwargs);
    argCount('pop', args, 1, 2);
    const v = self.delete(args[0]);
    if (v !== undefined) return v;
    if (args.length > 1) return args[1];
    throw keyError(args[0], pyRepr(args[0]));
  },
  popitem: (self: PyDict, args, kwargs) => {
    noKw('dict.popitem', kwargs);
    argCount('dict.popitem', args, 0, 0);
    const kv = self.popLast();
    if (!kv) throw pyError('KeyError', "'popitem(): dictionary is empty'");
    return new PyTuple(kv);
  },
  setdefault: (self: PyDict, args, kwargs) => {
    noKw('dict.setdefault', kwargs);
    argCount('setdefault', args, 1, 2);
    const v = self.get(args[0]);
    if (v !== undefined) return v;
    const d = args[1] ?? null;
    self.set(args[0], d);
    return d;
  },
  update: (self: PyDict, args, kwargs) => {
    argCount('update', args, 0, 1);
    if (self instanceof PyCounter) {
      countInto(self, args[0], 1n);
      for (const [k, v] of kwargs) countInto(self, new PyDict([[k, v]]), 1n);
    } else updateDict(self, args[0], kwargs);
    return null;
  },
  clear: (self: PyDict, args, kwargs) => {
    noKw('dict.clear', kwargs);
    argCount('dict.clear', args, 0, 0);
    self.clear();
    return null;
  },
  copy: (self: PyDict, args, kwargs) => {
    noKw('dict.copy', kwargs);
    argCount('dict.copy', args, 0, 0);
    return copyOf(self);
  },
};

/** OrderedDict's own methods. */
export const orderedDictMethods: Readonly<Record<string, Method>> = {
  ...dictMethods,
  move_to_end: (self: PyOrderedDict, args, kwargs) => {
    argCount('move_to_end', args, 1, 2);
    const last = kwargs.has('last')
      ? truthy(kwargs.get('last'))
      : args.length < 2 || truthy(args[1]);
    if (!self.moveToEnd(args[0], last)) throw keyError(args[0], pyRepr(args[0]));
    return null;
  },
  popitem: (self: PyOrderedDict, args, kwargs) => {
    const last = kwargs.has('last')
      ? truthy(kwargs.get('last'))
      : args.length < 1 || truthy(args[0]);
    const keys = self.keys();
    if (keys.length === 0) throw pyError('KeyError', "'dictionary is empty'");
    const k = last ? keys[keys.length - 1] : keys[0];
    return new PyTuple([k, self.delete(k)]);
  },
};

/** Counter's own methods. */
export const counterMethods: Readonly<Record<string, Method>> = {
  ...dictMethods,
  most_common: (self: PyCounter, args, kwargs) => {
    const n = kwargs.get('n') ?? args[0] ?? null;
    let items = mostCommon(self);
    if (n !== null) items = items.slice(0, Math.max(0, Number(toInt(n))));
    return new PyList(items.map((kv) => new PyTuple(kv)));
  },
  elements: (self: PyCounter) => {
    const out: unknown[] = [];
    for (const [k, v] of self.items()) {
      for (let i = 0n; typeof v === 'bigint' && i < v; i++) out.push(k);
    }
    return new PyList(out);
  },
  subtract: (self: PyCounter, args, kwargs) => {
    countInto(self, args[0], -1n);
    for (const [k, v] of kwargs) countInto(self, new PyDict([[k, v]]), -1n);
    return null;
  },
  total: (self: PyCounter) => self.values().reduce((a, b) => binaryOp('+', a, b), 0n),
};

function asSet(v: unknown): PySet {
  if (v instanceof PySet) return v;
  if (v instanceof PyDict) return setFrom(v);
  return setFrom(iterate(v));
}

function operation(name: string, op: string): Method {
  return (self: PySet, args, kwargs) => {
    noKw(`${typeName(self)}.${name}`, kwargs);
    let out = self.copy();
    if (args.length === 0) return out;
    for (const other of args) out = setOperation(op, out, asSet(other));
    return out;
  };
}

function inPlace(name: string, op: string): Method {
  return (self: PySet, args, kwargs) => {
    noKw(`set.${name}`, kwargs);
    for (const other of args) {
      if (op === '|' && other instanceof PyDict) self.mergeDict(other);
      else if (op === '|' && !(other instanceof PySet)) self.addAll(iterate(other));
      else if (op === '-' && !(other instanceof PySet)) {
        for (const v of iterate(other)) self.discard(v);
      } else setUpdate(op, self, asSet(other));
    }
    return null;
  };
}

function test(name: string, run: (a: PySet, b: PySet) => boolean): Method {
  return (self: PySet, args, kwargs) => {
    noKw(`${typeName(self)}.${name}`, kwargs);
    argCount(`${typeName(self)}.${name}`, args, 1, 1);
    return run(self, asSet(args[0]));
  };
}

/** The methods of frozenset (and the non-mutating ones of set). */
export const frozensetMethods: Readonly<Record<string, Method>> = {
  copy: (self: PySet, args, kwargs) => {
    noKw(`${typeName(self)}.copy`, kwargs);
    argCount(`${typeName(self)}.copy`, args, 0, 0);
    return self.frozen ? self : self.copy();
  },
  union: operation('union', '|'),
  intersection: operation('intersection', '&'),
  difference: operation('difference', '-'),
  symmetric_difference: (self: PySet, args, kwargs) => {
    noKw(`${typeName(self)}.symmetric_difference`, kwargs);
    argCount(`${typeName(self)}.symmetric_difference`, args, 1, 1);
    return setOperation('^', self, asSet(args[0]));
  },
  issubset: test('issubset', (a, b) => a.values().every((v) => b.has(v))),
  issuperset: test('issuperset', (a, b) => b.values().every((v) => a.has(v))),
  isdisjoint: test('isdisjoint', (a, b) => !a.values().some((v) => b.has(v))),
};

/** The methods of set. */
export const setMethods: Readonly<Record<string, Method>> = {
  ...frozensetMethods,
  add: (self: PySet, args, kwargs) => {
    noKw('set.add', kwargs);
    argCount('set.add', args, 1, 1);
    self.add(args[0]);
    return null;
  },
  remove: (self: PySet, args, kwargs) => {
    noKw('set.remove', kwargs);
    argCount('set.remove', args, 1, 1);
    if (!self.discard(args[0])) throw keyError(args[0], pyRepr(args[0]));
    return null;
  },
  discard: (self: PySet, args, kwargs) => {
    noKw('set.discard', kwargs);
    argCount('set.discard', args, 1, 1);
    self.discard(args[0]);
    return null;
  },
  pop: (self: PySet, args, kwargs) => {
    noKw('set.pop', kwargs);
    argCount('set.pop', args, 0, 0);
    if (self.size === 0) throw pyError('KeyError', "'pop from an empty set'");
    return self.popFirst();
  },
  clear: (self: PySet, args, kwargs) => {
    noKw('set.clear', kwargs);
    argCount('set.clear', args, 0, 0);
    self.clear();
    return null;
  },
  update: inPlace('update', '|'),
  intersection_update: inPlace('intersection_update', '&'),
  difference_update: inPlace('difference_update', '-'),
  symmetric_difference_update: inPlace('symmetric_difference_update', '^'),
};
