/**
 * Python's `functools`: reduce, partial, and the decorators tutorials put on functions: lru_cache
 * and cache (results kept by argument values, least recently used dropped past maxsize) and wraps
 * (the wrapper takes the wrapped function's name).
 */
import {callValue, isCallable} from '../call.js';
import {pyError} from '../errors.js';
import {itemsOf} from '../iterators.js';
import {keyOf} from '../containers.js';
import {PyFunction} from '../objects.js';
import {PyCallable, PyModule, PyTuple, type Kwargs} from '../values.js';

function reduce(args: readonly unknown[]): unknown {
  if (args.length < 2 || args.length > 3) {
    throw pyError('TypeError', `reduce expected at least 2 arguments, got ${args.length}`);
  }
  const [f, iterable] = args;
  const items = itemsOf(iterable);
  let acc: unknown;
  if (args.length === 3) acc = args[2];
  else {
    const first = items.next();
    if (first.done === true) {
      throw pyError('TypeError', 'reduce() of empty iterable with no initial value');
    }
    acc = first.value;
  }
  for (let r = items.next(); r.done !== true; r = items.next()) acc = callValue(f, [acc, r.value]);
  return acc;
}

function partial(args: readonly unknown[], kwargs: Kwargs): PyCallable {
  if (args.length === 0) {
    throw pyError('TypeError', "partial() missing required argument 'func'");
  }
  const [f, ...bound] = args;
  if (!isCallable(f)) throw pyError('TypeError', 'the first argument must be callable');
  return new PyCallable(
    'partial',
    (more, moreKwargs) => callValue(f, [...bound, ...more], new Map([...kwargs, ...moreKwargs])),
    {kind: 'builtin'},
  );
}

/** A function whose results are kept by argument values (`@lru_cache`, `@cache`). */
function cached(f: unknown, maxsize: number): PyCallable {
  const results = new Map<string, unknown>();
  const name = f instanceof PyFunction ? f.name : 'cached';
  return new PyCallable(name, (args, kwargs, site) => {
    // The key, as functools' _make_key: positional values, then keyword names and values.
    const key = keyOf(new PyTuple([...args, ...[...kwargs].flatMap(([k, v]) => [k, v])]));
    if (results.has(key)) {
      const v = results.get(key);
      results.delete(key);
      results.set(key, v);
      return v;
    }
    const v = callValue(f, args, kwargs, site.span);
    if (maxsize !== 0) {
      results.set(key, v);
      if (results.size > maxsize) {
        const oldest = results.keys().next();
        if (oldest.done !== true) results.delete(oldest.value);
      }
    }
    return v;
  });
}

/** `@lru_cache`, `@lru_cache(maxsize=…)`, `@cache`: the function with its results kept. */
function cacheDecorator(name: string): PyCallable {
  return new PyCallable(name, (args, kwargs) => {
    const f = args[0];
    if (name === 'cache' || (args.length === 1 && kwargs.size === 0 && isCallable(f))) {
      return cached(f, name === 'cache' ? Infinity : 128);
    }
    const size = args.length ? args[0] : (kwargs.get('maxsize') ?? 128n);
    if (size !== null && typeof size !== 'bigint') {
      throw pyError('TypeError', 'Expected first argument to be an integer, a callable, or None');
    }
    const maxsize = size === null ? Infinity : Math.max(0, Number(size));
    return new PyCallable(name, (inner) => cached(inner[0] ?? null, maxsize), {kind: 'builtin'});
  });
}

/** `functools.wraps(wrapped)(wrapper)`: the wrapper takes the wrapped function's name and doc. */
function wraps(args: readonly unknown[]): PyCallable {
  const wrapped = args[0];
  return new PyCallable('update_wrapper', (a) => {
    const wrapper = a[0] ?? null;
    if (wrapper instanceof PyFunction && wrapped instanceof PyFunction) {
      wrapper.dict.set('__name__', wrapped.name);
      wrapper.dict.set('__qualname__', wrapped.qualname);
      wrapper.dict.set('__wrapped__', wrapped);
    }
    return wrapper;
  });
}

/** A fresh `functools` module. */
export function makeFunctoolsModule(): PyModule {
  const attrs = new Map<string, unknown>([
    ['reduce', new PyCallable('reduce', reduce)],
    ['partial', new PyCallable('partial', partial, {kind: 'class', qualname: 'functools.partial'})],
    ['lru_cache', cacheDecorator('lru_cache')],
    ['cache', cacheDecorator('cache')],
    ['wraps', new PyCallable('wraps', wraps)],
  ]);
  return new PyModule('functools', attrs, '/usr/lib/python3.11/functools.py');
}
