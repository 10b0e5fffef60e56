/**
 * The `torch.nn.Parameter` class object: `Parameter(data=None, requires_grad=True)` makes a leaf
 * sharing `data`'s storage and version counter (PyTorch's `_make_subclass` of `data.detach()`),
 * marked as a Parameter.
 */
import {isFloating} from '../../../../autograd/dtype.js';
import {zerosOf} from '../../../../autograd/ops/factories.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {pyError} from '../../errors.js';
import {typeName} from '../../repr.js';
import {PyCallable} from '../../values.js';
import {bind, sig} from '../args.js';
import {markParameter} from '../parameter.js';

const signature = sig('Parameter.__new__(any data=None, any requires_grad=True)', 'python');

/** A new Parameter over `data`'s storage. */
export function makeParameter(data: Tensor, requiresGrad = true): Tensor {
  if (requiresGrad && !isFloating(data.dtype)) {
    throw pyError(
      'RuntimeError',
      'Only Tensors of floating point and complex dtype can require gradients',
    );
  }
  const p = new Tensor(data.data, data.shape, data.dtype, data.strides, data.offset, data.version);
  p.requiresGrad = requiresGrad;
  return markParameter(p);
}

/** `torch.nn.Parameter` (also `torch.nn.parameter.Parameter`). */
export const parameterClass = new PyCallable(
  'Parameter',
  (args, kwargs) => {
    const a = bind({...signature, method: true}, args, kwargs);
    const data = a.get('data');
    if (data !== null && !(data instanceof Tensor)) {
      throw pyError('AttributeError', `'${typeName(data)}' object has no attribute 'detach'`);
    }
    const requiresGrad = a.get('requires_grad');
    return makeParameter(data ?? zerosOf([0], 'float32'), requiresGrad !== false);
  },
  {kind: 'class', qualname: 'torch.nn.parameter.Parameter'},
);
