/**
 * `dir(obj)`: the sorted attribute names CPython 3.11 lists — an instance's own attributes with
 * its class's and their bases' (a script class adds `__dict__`, `__module__`, `__weakref__` to
 * object's), a module's namespace with the module dunders, and for the builtin types and torch's
 * objects the lists CPython and PyTorch print (pynames.ts).
 */
import {Tensor} from '../../autograd/tensor.js';
import {PyClass, PyInstance} from './objects.js';
import {typeName} from './repr.js';
import {dirOf} from './suggest.js';
import {PyCallable, PyModule} from './values.js';

/** What a class statement adds to `object`'s names. */
const scriptClassNames = ['__dict__', '__module__', '__weakref__'];

function classNames(cls: PyClass, into: Set<string>): void {
  for (const c of cls.mro) {
    if (c.name === 'object' && c.module === 'builtins') {
      for (const n of dirOf('object')) into.add(n);
      continue;
    }
    for (const n of c.dict.keys()) into.add(n);
    if (c.module === '__main__') for (const n of scriptClassNames) into.add(n);
  }
}

/** The names `dir(value)` lists, sorted. */
export function dirNames(value: unknown): string[] {
  const names = new Set<string>();
  if (value instanceof PyInstance) {
    for (const n of value.dict.keys()) names.add(n);
    classNames(value.cls, names);
  } else if (value instanceof PyClass) {
    classNames(value, names);
  } else if (value instanceof PyModule) {
    const listed = dirOf(value.name);
    if (listed.length) return [...listed];
    for (const n of value.attrs.keys()) names.add(n);
    for (const n of ['__doc__', '__loader__', '__name__', '__package__', '__spec__']) names.add(n);
    if (value.file.endsWith('.py')) {
      for (const n of ['__builtins__', '__cached__', '__file__']) names.add(n);
    }
  } else {
    const type = value instanceof PyCallable && value.kind.kind === 'type' ? value.name : null;
    const key = type ?? (value instanceof Tensor ? 'Tensor' : typeName(value));
    const listed = dirOf(key);
    if (listed.length) return [...listed];
    for (const n of dirOf('object')) names.add(n);
  }
  return [...names].sort();
}

/** `dir()` in a frame: its names, with the module dunders CPython's globals always hold. */
export function scopeNames(vars: Iterable<string>, moduleLevel: boolean): string[] {
  const names = new Set(vars);
  if (moduleLevel) for (const n of ['__annotations__', '__builtins__', '__loader__']) names.add(n);
  return [...names].sort();
}
