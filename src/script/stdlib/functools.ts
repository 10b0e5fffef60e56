/**
 * Python's `functools`: reduce, partial, and the decorators tutorials put on functions (lru_cache,
 * cache, wraps), which here return the function unchanged: results are the same, only the caching
 * (a speed-up) is left out.
 */
import {callValue, isCallable} from '../call.js';
import {pyError} from '../errors.js';
import {itemsOf} from '../iterators.js';
import {PyCallable, PyModule, type Kwargs} from '../values.js';

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

/** `@lru_cache`, `@lru_cache(maxsize=…)`, `@cache`: the function itself. */
function passThroughDecorator(name: string): PyCallable {
  return new PyCallable(name, (args) => {
    const f = args[0];
    if (args.length === 1 && isCallable(f)) return f;
    return new PyCallable(name, (inner) => inner[0] ?? null, {kind: 'builtin'});
  });
}

/** A fresh `functools` module. */
export function makeFunctoolsModule(): PyModule {
  const attrs = new Map<string, unknown>([
    ['reduce', new PyCallable('reduce', reduce)],
    ['partial', new PyCallable('partial', partial, {kind: 'class', qualname: 'functools.partial'})],
    ['lru_cache', passThroughDecorator('lru_cache')],
    ['cache', passThroughDecorator('cache')],
    ['wraps', new PyCallable('wraps', () => new PyCallable('update_wrapper', (a) => a[0] ?? null))],
  ]);
  return new PyModule('functools', attrs, '/usr/lib/python3.11/functools.py');
}
