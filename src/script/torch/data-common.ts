/**
 * What torch.utils.data's classes share: the library frames of their tracebacks, methods bound to
 * an instance, `len()` of a dataset or sampler, and lazy iteration over a Python iterable.
 */
import {Tensor} from '../../../autograd/tensor.js';
import {hasSpecial, instanceLen, special} from '../dunders.js';
import {pyError, type LibraryFrame} from '../errors.js';
import {itemsOf, pyIter} from '../iterators.js';
import {PyInstance, PyMethodDescriptor} from '../objects.js';
import {typeName} from '../repr.js';
import {PyList, PyRange, PyTuple, type Kwargs} from '../values.js';

/** Where torch.utils.data's sources live (the paths its tracebacks name). */
export const dataDir = '/usr/lib/python3/dist-packages/torch/utils/data';

/** A frame of torch/utils/data/`file` for a traceback. */
export function dataFrame(
  file: string,
  line: number,
  name: string,
  source: string,
  carets?: string,
): LibraryFrame {
  return {
    file: `${dataDir}/${file}`,
    line,
    name,
    source,
    ...(carets === undefined ? {} : {carets}),
  };
}

function self_(self: unknown): PyInstance {
  if (!(self instanceof PyInstance)) throw pyError('TypeError', 'a data method needs self');
  return self;
}

/** A method of one of the data classes, as a `[name, descriptor]` entry of its class dict. */
export function dataMethod(
  owner: string,
  name: string,
  call: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [name, new PyMethodDescriptor(name, (s, a, k) => call(self_(s), a, k), owner)];
}

/** `len(x)` of a dataset, sampler or index list: a list, tuple, range, tensor or `__len__`. */
export function lengthOf(x: unknown): number {
  if (x instanceof PyInstance) return Number(instanceLen(x));
  if (x instanceof PyList || x instanceof PyTuple) return x.items.length;
  if (x instanceof PyRange) return Number(x.length);
  if (x instanceof Tensor) {
    if (x.shape.length === 0) throw pyError('TypeError', 'len() of a 0-d tensor');
    return x.shape[0] ?? 0;
  }
  throw pyError('TypeError', `object of type '${typeName(x)}' has no len()`);
}

/** `iter(x)` walked lazily: the items of any Python iterable (a sampler, a list, a range). */
export function lazyItems(x: unknown): Generator<unknown, void, undefined> {
  // `iter(x)` runs now (a sampler's `__iter__` may draw at once); the items come when asked for.
  if (x instanceof PyInstance && hasSpecial(x, '__iter__')) {
    return itemsOf(pyIter(special(x, '__iter__', [])));
  }
  return itemsOf(pyIter(x));
}
