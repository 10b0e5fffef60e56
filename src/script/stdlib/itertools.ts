/**
 * Python's `itertools`: count, repeat, cycle, chain, islice, product, permutations, combinations,
 * combinations_with_replacement, accumulate, zip_longest, starmap, takewhile, dropwhile and
 * groupby, lazy as in CPython (endless ones included), in its order and with its messages.
 */
import {callValue} from '../call.js';
import {toInt} from '../check.js';
import {pyError} from '../errors.js';
import {itemsOf, lazyIterator} from '../iterators.js';
import {binaryOp, compare, iterate, truthy} from '../operators.js';
import {PyCallable, PyIterator, PyModule, PyTuple, type Kwargs} from '../values.js';

type Fn = (args: readonly unknown[], kwargs: Kwargs) => unknown;

function* count(start: unknown, step: unknown): Generator {
  for (let n = start; ; n = binaryOp('+', n, step)) yield n;
}

function* cycle(items: readonly unknown[]): Generator {
  if (items.length === 0) return;
  for (;;) yield* items;
}

function* islice(source: Iterator<unknown>, start: bigint, stop: bigint | null, step: bigint) {
  let i = 0n;
  let next = start;
  for (let r = source.next(); r.done !== true; r = source.next()) {
    if (stop !== null && i >= stop) return;
    if (i === next) {
      yield r.value;
      next += step;
    }
    i++;
    if (stop !== null && i >= stop) return;
  }
}

function* product(pools: unknown[][]): Generator {
  if (pools.some((p) => p.length === 0)) return;
  const idx = pools.map(() => 0);
  for (;;) {
    yield new PyTuple(pools.map((p, i) => p[idx[i] ?? 0]));
    let k = pools.length - 1;
    while (k >= 0 && (idx[k] ?? 0) + 1 >= (pools[k]?.length ?? 0)) {
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
    idx[k] = (idx[k] ?? 0) + 1;
  }
}

function* permutations(pool: unknown[], r: number): Generator {
  const n = pool.length;
  if (r > n) return;
  const indices = pool.map((_, i) => i);
  const cycles = Array.from({length: r}, (_, i) => n - i);
  yield new PyTuple(indices.slice(0, r).map((i) => pool[i]));
  while (n) {
    let i = r - 1;
    for (; i >= 0; i--) {
      cycles[i] = (cycles[i] ?? 0) - 1;
      if (cycles[i] === 0) {
        indices.push(...indices.splice(i, 1));
        cycles[i] = n - i;
      } else {
        const j = cycles[i] ?? 0;
        const a = indices[i] ?? 0;
        indices[i] = indices[n - j] ?? 0;
        indices[n - j] = a;
        yield new PyTuple(indices.slice(0, r).map((k) => pool[k]));
        break;
      }
    }
    if (i < 0) return;
  }
}

function* combinations(pool: unknown[], r: number, replace: boolean): Generator {
  const n = pool.length;
  if ((!replace && r > n) || (replace && n === 0 && r > 0)) return;
  const indices = Array.from({length: r}, (_, i) => (replace ? 0 : i));
  yield new PyTuple(indices.map((i) => pool[i]));
  for (;;) {
    let i = r - 1;
    while (i >= 0 && (indices[i] ?? 0) === (replace ? n - 1 : i + n - r)) i--;
    if (i < 0) return;
    const v = (indices[i] ?? 0) + 1;
    for (let j = i; j < r; j++) indices[j] = replace ? v : v + j - i;
    yield new PyTuple(indices.map((k) => pool[k]));
  }
}

function* accumulate(source: Iterator<unknown>, func: unknown, initial: unknown) {
  let total = initial;
  if (total !== null) yield total;
  for (let r = source.next(); r.done !== true; r = source.next()) {
    total =
      total === null
        ? r.value
        : func === null
          ? binaryOp('+', total, r.value)
          : callValue(func, [total, r.value]);
    yield total;
  }
}

function* zipLongest(sources: Iterator<unknown>[], fill: unknown): Generator {
  const done = sources.map(() => false);
  for (;;) {
    const items = sources.map((s, i) => {
      if (done[i]) return fill;
      const r = s.next();
      if (r.done === true) {
        done[i] = true;
        return fill;
      }
      return r.value;
    });
    if (done.every(Boolean)) return;
    yield new PyTuple(items);
  }
}

function* groupby(source: Iterator<unknown>, key: unknown): Generator {
  let group: unknown[] = [];
  let groupKey: unknown = undefined;
  for (let r = source.next(); r.done !== true; r = source.next()) {
    const k = key === null ? r.value : callValue(key, [r.value]);
    if (groupKey !== undefined && k !== groupKey && !truthy(compare('==', k, groupKey))) {
      yield new PyTuple([groupKey, new PyIterator('_grouper', group)]);
      group = [];
    }
    if (group.length === 0) groupKey = k;
    group.push(r.value);
  }
  if (group.length) yield new PyTuple([groupKey, new PyIterator('_grouper', group)]);
}

function size(v: unknown, what: string): number {
  const n = toInt(v);
  if (n < 0n) throw pyError('ValueError', `${what} must be non-negative`);
  return Number(n);
}

const functions: Readonly<Record<string, Fn>> = {
  count: (args, kwargs) =>
    lazyIterator(
      'itertools.count',
      count(args[0] ?? kwargs.get('start') ?? 0n, args[1] ?? kwargs.get('step') ?? 1n),
    ),
  repeat: (args, kwargs) => {
    const obj = args[0] ?? kwargs.get('object');
    const times = args[1] ?? kwargs.get('times');
    if (times === undefined) return lazyIterator('itertools.repeat', cycle([obj]));
    const n = Number(toInt(times));
    return new PyIterator(
      'itertools.repeat',
      Array.from({length: Math.max(0, n)}, () => obj),
    );
  },
  cycle: (args) => lazyIterator('itertools.cycle', cycle(iterate(args[0]))),
  chain: (args) =>
    lazyIterator(
      'itertools.chain',
      (function* () {
        for (const a of args) yield* itemsOf(a);
      })(),
    ),
  islice: (args) => {
    if (args.length < 2 || args.length > 4) {
      throw pyError('TypeError', `islice expected at most 4 arguments, got ${args.length}`);
    }
    const bound = (v: unknown, what: string): bigint | null => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'bigint' || v < 0n) {
        throw pyError(
          'ValueError',
          `${what} argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.`,
        );
      }
      return v;
    };
    const [start, stop, step] =
      args.length === 2
        ? [0n, bound(args[1], 'Stop'), 1n]
        : [bound(args[1], 'Indices') ?? 0n, bound(args[2], 'Stop'), bound(args[3], 'Step') ?? 1n];
    if (step === 0n) {
      throw pyError('ValueError', 'Step for islice() must be a positive integer or None.');
    }
    return lazyIterator('itertools.islice', islice(itemsOf(args[0]), start, stop, step));
  },
  product: (args, kwargs) => {
    const repeat = kwargs.has('repeat') ? size(kwargs.get('repeat'), 'repeat argument') : 1;
    const pools = args.map(iterate);
    const all: unknown[][] = [];
    for (let i = 0; i < repeat; i++) all.push(...pools);
    return lazyIterator('itertools.product', product(all));
  },
  permutations: (args, kwargs) => {
    const pool = iterate(args[0]);
    const r = args[1] ?? kwargs.get('r') ?? null;
    return lazyIterator(
      'itertools.permutations',
      permutations(pool, r === null ? pool.length : size(r, 'r')),
    );
  },
  combinations: (args, kwargs) => {
    const r = args[1] ?? kwargs.get('r');
    if (r === undefined)
      throw pyError('TypeError', "combinations() missing required argument 'r' (pos 2)");
    return lazyIterator(
      'itertools.combinations',
      combinations(iterate(args[0]), size(r, 'r'), false),
    );
  },
  combinations_with_replacement: (args, kwargs) => {
    const r = args[1] ?? kwargs.get('r');
    if (r === undefined) {
      throw pyError(
        'TypeError',
        "combinations_with_replacement() missing required argument 'r' (pos 2)",
      );
    }
    return lazyIterator(
      'itertools.combinations_with_replacement',
      combinations(iterate(args[0]), size(r, 'r'), true),
    );
  },
  accumulate: (args, kwargs) =>
    lazyIterator(
      'itertools.accumulate',
      accumulate(
        itemsOf(args[0]),
        args[1] ?? kwargs.get('func') ?? null,
        kwargs.get('initial') ?? null,
      ),
    ),
  zip_longest: (args, kwargs) =>
    lazyIterator(
      'itertools.zip_longest',
      zipLongest(
        args.map((a) => itemsOf(a)),
        kwargs.get('fillvalue') ?? null,
      ),
    ),
  starmap: (args) =>
    lazyIterator(
      'itertools.starmap',
      (function* () {
        for (const item of itemsOf(args[1])) yield callValue(args[0], iterate(item));
      })(),
    ),
  takewhile: (args) =>
    lazyIterator(
      'itertools.takewhile',
      (function* () {
        for (const item of itemsOf(args[1])) {
          if (!truthy(callValue(args[0], [item]))) return;
          yield item;
        }
      })(),
    ),
  dropwhile: (args) =>
    lazyIterator(
      'itertools.dropwhile',
      (function* () {
        let dropping = true;
        for (const item of itemsOf(args[1])) {
          if (dropping && truthy(callValue(args[0], [item]))) continue;
          dropping = false;
          yield item;
        }
      })(),
    ),
  groupby: (args, kwargs) =>
    lazyIterator(
      'itertools.groupby',
      groupby(itemsOf(args[0]), args[1] ?? kwargs.get('key') ?? null),
    ),
};

/** A fresh `itertools` module. */
export function makeItertoolsModule(): PyModule {
  const attrs = new Map<string, unknown>();
  for (const [name, f] of Object.entries(functions)) {
    attrs.set(name, new PyCallable(name, f, {kind: 'class', qualname: `itertools.${name}`}));
  }
  return new PyModule('itertools', attrs, '(built-in)');
}
