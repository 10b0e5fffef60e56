/**
 * The builtins that walk iterables and may call back into Python: map, filter, zip, enumerate,
 * sorted, min, max, sum, any, all, iter, next — lazy where CPython is lazy, with its messages.
 */
import type {Span} from '../trace/span.js';
import {callValue} from './call.js';
import {toInt} from './check.js';
import {pyError} from './errors.js';
import {itemsOf, lazyIterator, pyIter, pyNext} from './iterators.js';
import {binaryOp, compare, iterate, truthy} from './operators.js';
import {PyCallable, PyList, PyTuple, type CallSite, type Kwargs} from './values.js';

type Builtin = (args: readonly unknown[], kwargs: Kwargs, site: CallSite) => unknown;

/**
 * A stable merge sort on Python's `<` of the keys (or `less`), so order and errors match
 * CPython's.
 */
export function sortByKeys<T>(
  items: readonly T[],
  keys: readonly unknown[],
  less: (a: unknown, b: unknown) => boolean = (a, b) => truthy(compare('<', a, b)),
): T[] {
  const order = items.map((_, i) => i);
  const sortRange = (idx: number[]): number[] => {
    if (idx.length <= 1) return idx;
    const mid = idx.length >> 1;
    const left = sortRange(idx.slice(0, mid));
    const right = sortRange(idx.slice(mid));
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
      const r = right[j] as number;
      const l = left[i] as number;
      if (less(keys[r], keys[l])) {
        out.push(r);
        j++;
      } else {
        out.push(l);
        i++;
      }
    }
    return out.concat(left.slice(i), right.slice(j));
  };
  return sortRange(order).map((i) => items[i] as T);
}

/** `sorted(items, key=key, reverse=reverse)` / `list.sort`: stable, reverse keeps ties in order. */
export function sortValues(
  items: readonly unknown[],
  key: unknown,
  reverse: boolean,
  site: Span | null,
): unknown[] {
  const list = reverse ? [...items].reverse() : [...items];
  const keys = key === null ? list : list.map((x) => callValue(key, [x], undefined, site));
  const sorted = sortByKeys(list, keys);
  return reverse ? sorted.reverse() : sorted;
}

/** Reads `sort`'s keyword-only `key` and `reverse`. */
export function sortOptions(kwargs: Kwargs): {key: unknown; reverse: boolean} {
  let key: unknown = null;
  let reverse = false;
  for (const [k, v] of kwargs) {
    if (k === 'key') key = v;
    else if (k === 'reverse') reverse = toInt(v) !== 0n;
    else throw pyError('TypeError', `'${k}' is an invalid keyword argument for sort()`);
  }
  return {key, reverse};
}

function minMax(
  name: 'min' | 'max',
  args: readonly unknown[],
  kwargs: Kwargs,
  span: Span,
): unknown {
  let key: unknown = null;
  for (const [k, v] of kwargs) {
    if (k === 'key') key = v;
    else if (k !== 'default') {
      throw pyError('TypeError', `'${k}' is an invalid keyword argument for ${name}()`);
    }
  }
  if (args.length === 0) throw pyError('TypeError', `${name} expected at least 1 argument, got 0`);
  if (args.length > 1 && kwargs.has('default')) {
    throw pyError(
      'TypeError',
      `Cannot specify a default for ${name}() with multiple positional arguments`,
    );
  }
  const op = name === 'min' ? '<' : '>';
  let best: unknown;
  let bestKey: unknown;
  let empty = true;
  for (const item of args.length === 1 ? itemsOf(args[0]) : args) {
    const k = key === null ? item : callValue(key, [item], undefined, span);
    if (empty || truthy(compare(op, k, bestKey))) {
      best = item;
      bestKey = k;
      empty = false;
    }
  }
  if (!empty) return best;
  if (kwargs.has('default')) return kwargs.get('default');
  throw pyError('ValueError', `${name}() arg is an empty sequence`);
}

function pySum(args: readonly unknown[], kwargs: Kwargs): unknown {
  const all = [...args];
  for (const [k, v] of kwargs) {
    if (k === 'start' && all.length <= 1) all[1] = v;
    else throw pyError('TypeError', `'${k}' is an invalid keyword argument for sum()`);
  }
  if (all.length === 0 || args.length === 0) {
    throw pyError('TypeError', 'sum() takes at least 1 positional argument (0 given)');
  }
  if (all.length > 2)
    throw pyError('TypeError', `sum() takes at most 2 arguments (${all.length} given)`);
  let total = all.length > 1 ? all[1] : 0n;
  if (typeof total === 'string') {
    throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  }
  for (const item of itemsOf(all[0])) total = binaryOp('+', total, item);
  return total;
}

function* mapItems(f: unknown, sources: Iterator<unknown>[], span: Span): Generator {
  for (;;) {
    const args: unknown[] = [];
    for (const s of sources) {
      const r = s.next();
      if (r.done === true) return;
      args.push(r.value);
    }
    yield callValue(f, args, undefined, span);
  }
}

function* filterItems(f: unknown, source: Iterator<unknown>, span: Span): Generator {
  for (let r = source.next(); r.done !== true; r = source.next()) {
    const keep = f === null ? r.value : callValue(f, [r.value], undefined, span);
    if (truthy(keep)) yield r.value;
  }
}

function* zipItems(sources: Iterator<unknown>[], strict: boolean): Generator {
  if (sources.length === 0) return;
  for (;;) {
    const items: unknown[] = [];
    for (let i = 0; i < sources.length; i++) {
      const r = (sources[i] as Iterator<unknown>).next();
      if (r.done === true) {
        if (!strict) return;
        if (i > 0) {
          const which = i === 1 ? 'argument 1' : `arguments 1-${i}`;
          throw pyError('ValueError', `zip() argument ${i + 1} is shorter than ${which}`);
        }
        for (let j = 1; j < sources.length; j++) {
          if ((sources[j] as Iterator<unknown>).next().done !== true) {
            const which = j === 1 ? 'argument 1' : `arguments 1-${j}`;
            throw pyError('ValueError', `zip() argument ${j + 1} is longer than ${which}`);
          }
        }
        return;
      }
      items.push(r.value);
    }
    yield new PyTuple(items);
  }
}

function* enumerateItems(source: Iterator<unknown>, start: bigint): Generator {
  let i = start;
  for (let r = source.next(); r.done !== true; r = source.next()) yield new PyTuple([i++, r.value]);
}

/** `iter(x)` then a JS iterator over it (raising `'T' object is not iterable` now, as Python). */
function source(v: unknown): Generator<unknown, void, undefined> {
  return itemsOf(pyIter(v));
}

const functions: Readonly<Record<string, Builtin>> = {
  min: (args, kwargs, site) => minMax('min', args, kwargs, site.span),
  max: (args, kwargs, site) => minMax('max', args, kwargs, site.span),
  sum: pySum,
  sorted: (args, kwargs, site) => {
    if (args.length !== 1) {
      throw pyError('TypeError', `sorted expected 1 argument, got ${args.length}`);
    }
    const {key, reverse} = sortOptions(kwargs);
    return new PyList(sortValues(iterate(args[0]), key, reverse, site.span));
  },
  any: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'any() takes no keyword arguments');
    if (args.length !== 1)
      throw pyError('TypeError', `any() takes exactly one argument (${args.length} given)`);
    for (const x of source(args[0])) if (truthy(x)) return true;
    return false;
  },
  all: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'all() takes no keyword arguments');
    if (args.length !== 1)
      throw pyError('TypeError', `all() takes exactly one argument (${args.length} given)`);
    for (const x of source(args[0])) if (!truthy(x)) return false;
    return true;
  },
  iter: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'iter() takes no keyword arguments');
    if (args.length === 0) throw pyError('TypeError', 'iter expected at least 1 argument, got 0');
    if (args.length > 2) {
      throw pyError('TypeError', `iter expected at most 2 arguments, got ${args.length}`);
    }
    return pyIter(args[0]);
  },
  next: (args, kwargs) => {
    if (kwargs.size) throw pyError('TypeError', 'next() takes no keyword arguments');
    if (args.length === 0) throw pyError('TypeError', 'next expected at least 1 argument, got 0');
    if (args.length > 2) {
      throw pyError('TypeError', `next expected at most 2 arguments, got ${args.length}`);
    }
    return pyNext(args[0], args.length > 1 ? args[1] : undefined);
  },
};

const types: Readonly<Record<string, Builtin>> = {
  map: (args, kwargs, site) => {
    if (kwargs.size) throw pyError('TypeError', 'map() takes no keyword arguments');
    if (args.length < 2) throw pyError('TypeError', 'map() must have at least two arguments.');
    return lazyIterator('map', mapItems(args[0], args.slice(1).map(source), site.span));
  },
  filter: (args, kwargs, site) => {
    if (kwargs.size) throw pyError('TypeError', 'filter() takes no keyword arguments');
    if (args.length !== 2) {
      throw pyError('TypeError', `filter expected 2 arguments, got ${args.length}`);
    }
    return lazyIterator('filter', filterItems(args[0], source(args[1]), site.span));
  },
  zip: (args, kwargs) => {
    let strict = false;
    for (const [k, v] of kwargs) {
      if (k !== 'strict')
        throw pyError('TypeError', `zip() got an unexpected keyword argument '${k}'`);
      strict = truthy(v);
    }
    return lazyIterator('zip', zipItems(args.map(source), strict));
  },
  enumerate: (args, kwargs) => {
    const all = [...args];
    for (const [k, v] of kwargs) {
      if (k === 'iterable' && all.length === 0) all[0] = v;
      else if (k === 'start' && all.length <= 1) all[1] = v;
      else throw pyError('TypeError', `'${k}' is an invalid keyword argument for enumerate()`);
    }
    if (all.length === 0)
      throw pyError('TypeError', "enumerate() missing required argument 'iterable'");
    if (all.length > 2) {
      throw pyError('TypeError', `enumerate() takes at most 2 arguments (${all.length} given)`);
    }
    const start = all.length > 1 ? toInt(all[1]) : 0n;
    return lazyIterator('enumerate', enumerateItems(source(all[0]), start));
  },
};

/** These builtins as name → callable pairs (map, filter, zip and enumerate are types). */
export function functionalBuiltins(): [string, PyCallable][] {
  return [
    ...Object.entries(functions).map(([n, f]): [string, PyCallable] => [n, new PyCallable(n, f)]),
    ...Object.entries(types).map(([n, f]): [string, PyCallable] => [
      n,
      new PyCallable(n, f, {kind: 'type'}),
    ]),
  ];
}
