/**
 * The iterator protocol of builtins: `iter(x)` and `next(it)` over the values of the subset, with
 * lazy iterators (a JS generator behind a PyIterator) so that `map`, `filter`, `zip` and
 * itertools' endless iterators yield one item at a time, as in Python.
 */
import {Tensor} from '../../autograd/tensor.js';
import {PyDict, PyDictView, PySet} from './containers.js';
import {hasSpecial, instanceItems, isStopIteration, special} from './dunders.js';
import {pyError} from './errors.js';
import {stopIteration} from './generators.js';
import {late} from './late.js';
import {PyInstance} from './objects.js';
import {iterate} from './operators.js';
import {typeName} from './repr.js';
import {PyIterator, PyList, PyRange, PyTuple} from './values.js';

/** A lazy iterator named `typeName` (`map`, `filter`, `itertools.count`) over a JS iterator. */
export function lazyIterator(typeName: string, source: Iterator<unknown>): PyIterator {
  return new PyIterator(typeName, [], source);
}

/** `next(it)`: the next item, or `done` when the iterator is exhausted. */
export function nextOf(it: PyIterator): IteratorResult<unknown> {
  if (it.source) return it.source.next();
  if (it.index < it.items.length) return {done: false, value: it.items[it.index++]};
  return {done: true, value: undefined};
}

/** A JS iterator over the items of any Python iterable, lazy for iterators. */
export function* itemsOf(v: unknown): Generator<unknown, void, undefined> {
  if (v instanceof PyIterator) {
    for (let r = nextOf(v); !r.done; r = nextOf(v)) yield r.value;
    return;
  }
  if (v instanceof PyRange) {
    const n = v.length;
    for (let i = 0n; i < n; i++) {
      if ((i & 4095n) === 4095n) late.checkTime();
      yield v.at(i);
    }
    return;
  }
  if (v instanceof PyList) {
    // Live, as Python's list iterator: items appended meanwhile are visited.
    for (let i = 0; i < v.items.length; i++) yield v.items[i];
    return;
  }
  yield* iterate(v);
}

function iteratorName(v: unknown): string {
  if (v instanceof PyList) return 'list_iterator';
  if (v instanceof PyTuple) return 'tuple_iterator';
  if (typeof v === 'string') return 'str_ascii_iterator';
  if (v instanceof PyRange) return 'range_iterator';
  if (v instanceof PyDict) return 'dict_keyiterator';
  if (v instanceof PyDictView) {
    return v.kind === 'keys'
      ? 'dict_keyiterator'
      : v.kind === 'values'
        ? 'dict_valueiterator'
        : 'dict_itemiterator';
  }
  if (v instanceof PySet) return 'set_iterator';
  if (v instanceof Tensor) return 'iterator';
  return `${typeName(v)}_iterator`;
}

/** `iter(x)`: an iterator is itself; anything iterable gets a fresh iterator. */
export function pyIter(v: unknown): PyIterator {
  if (v instanceof PyIterator) return v;
  if (v instanceof PyInstance) return lazyIterator(typeName(v), instanceItems(v));
  if (v instanceof PyList || v instanceof PyRange) return lazyIterator(iteratorName(v), itemsOf(v));
  return new PyIterator(iteratorName(v), iterate(v));
}

/** `next(it[, default])`. */
export function pyNext(it: unknown, fallback?: unknown): unknown {
  if (it instanceof PyInstance && hasSpecial(it, '__next__')) {
    if (fallback === undefined) return special(it, '__next__', []);
    try {
      return special(it, '__next__', []);
    } catch (e) {
      if (isStopIteration(e)) return fallback;
      throw e;
    }
  }
  if (!(it instanceof PyIterator)) {
    throw pyError('TypeError', `'${typeName(it)}' object is not an iterator`);
  }
  const r = nextOf(it);
  if (!r.done) return r.value;
  if (fallback !== undefined) return fallback;
  // A generator's return value rides on its StopIteration.
  throw stopIteration(r.value ?? null);
}
