/**
 * `torch.cat(tensors, dim=0)` and `torch.stack(tensors, dim=0)` from Python: a list or tuple of
 * tensors, checked with PyTorch's messages, joined by autograd/'s ops/join.
 */
import {cat, stack} from '../../../autograd/ops/join.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';
import {PyCallable, PyList, PyTuple} from '../values.js';
import {bind, invalidArguments, ov, sig} from './args.js';
import {toInt} from './convert.js';

function tensorSequence(name: string, v: unknown): Tensor[] {
  if (!(v instanceof PyList || v instanceof PyTuple)) {
    throw pyError(
      'TypeError',
      `${name}(): argument 'tensors' (position 1) must be tuple of Tensors, not ${typeName(v)}`,
    );
  }
  return v.items.map((item, i) => {
    if (item instanceof Tensor) return item;
    throw pyError(
      'TypeError',
      `expected Tensor as element ${i} in argument 0, but got ${typeName(item)}`,
    );
  });
}

const signatures = {
  // cat's dim may be a name (looked up, and not found, in the tensors' dimension names).
  cat: sig('cat(any tensors, any dim=0)', 'native', [
    ov('(tuple of Tensors tensors, int dim, *, Tensor out)', 1, 3),
    ov('(tuple of Tensors tensors, name dim, *, Tensor out)', 2, 3),
  ]),
  stack: sig('stack(any tensors, int dim=0)', 'native', [
    ov('(tuple of Tensors tensors, int dim, *, Tensor out)', 1, 3),
  ]),
};

/** The `torch.cat` and `torch.stack` callables, by name. */
export function joinFunctions(): [string, PyCallable][] {
  return (['cat', 'stack'] as const).map((name) => [
    name,
    new PyCallable(
      name,
      (args, kwargs) => {
        const a = bind(signatures[name], args, kwargs);
        const tensors = tensorSequence(name, a.get('tensors'));
        const dimArg = a.get('dim');
        const first = tensors[0];
        if (name === 'cat' && typeof dimArg === 'string' && first) {
          // cat has a named-dimension overload, which looks the name up in the first tensor.
          const names = Array.from({length: first.dim()}, () => 'None').join(', ');
          throw pyError('RuntimeError', `Name '${dimArg}' not found in Tensor[${names}].`);
        }
        if (typeof dimArg !== 'bigint' && typeof dimArg !== 'boolean') {
          invalidArguments(signatures[name], args, kwargs);
        }
        const dim = toInt(dimArg);
        return name === 'cat' ? cat(tensors, dim) : stack(tensors, dim);
      },
      {kind: 'module-function', module: 'torch'},
    ),
  ]);
}
