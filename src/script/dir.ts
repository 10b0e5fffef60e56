/**
 * `dir(obj)`: the sorted attribute names CPython 3.11 lists — an instance's own attributes with
 * its class's and their bases' (a script class adds `__dict__`, `__module__`, `__weakref__` to
 * object's), a module's namespace with the module dunders, and for the builtin types and torch's
 * objects the lists CPython and PyTorch print (pynames.ts).
 */
import {AccumulateGrad, Node} from '../../autograd/node.js';
import {savedAttributeNames, savedTensorNames} from '../../autograd/saved-attributes.js';
import {Tensor} from '../../autograd/tensor.js';
import {PyClass, PyInstance} from './objects.js';
import {typeName} from './repr.js';
import {dirOf} from './suggest.js';
import {PyCallable, PyModule, PyOpaque} from './values.js';

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

/** What a built-in backward node adds to `object`'s names (PyTorch 1.13's C++ Node class). */
const nodeNames = [
  '__call__',
  '_register_hook_dict',
  'metadata',
  'name',
  'next_functions',
  'register_hook',
  'register_prehook',
  'requires_grad',
];

/**
 * What a custom Function's node (a `BackwardCFunction` instance) has beyond the names its classes
 * define here: the C++ `_FunctionBase` members PyTorch 1.13 lists.
 */
const functionNodeNames = [
  '__dict__',
  '__module__',
  '__weakref__',
  '_raw_saved_tensors',
  '_register_hook',
  '_register_hook_dict',
  'apply',
  'apply_jvp',
  'dirty_tensors',
  'mark_shared_storage',
  'materialize_grads',
  'maybe_clear_saved_tensors',
  'non_differentiable',
  'register_hook',
  'register_prehook',
  'requires_grad',
  'save_for_forward',
  'saved_for_forward',
  'to_save',
];

/** `dir(grad_fn)` of a built-in node: its saved attributes (`_saved_*`, `_raw_saved_*`) too. */
function nodeDirNames(node: Node): string[] {
  const names = new Set([...dirOf('object'), ...nodeNames, ...savedAttributeNames(node)]);
  for (const n of savedTensorNames(node)) names.add(`_raw_saved_${n}`);
  if (node instanceof AccumulateGrad) names.add('variable');
  return [...names].sort();
}

/** The names `dir(value)` lists, sorted. */
export function dirNames(value: unknown): string[] {
  const names = new Set<string>();
  if (value instanceof Node) return nodeDirNames(value);
  if (value instanceof PyOpaque && value.qualname === 'torch._C._autograd.SavedTensor') {
    return [...dirOf('object'), '__module__', 'register_hooks'].sort();
  }
  if (value instanceof PyInstance) {
    for (const n of value.dict.keys()) names.add(n);
    classNames(value.cls, names);
    if (value.cls.mro.some((c) => c.name === 'BackwardCFunction')) {
      for (const n of functionNodeNames) names.add(n);
    }
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
