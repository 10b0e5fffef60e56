/**
 * Tensors made from another tensor's dtype: the methods `new_zeros`, `new_ones`, `new_full`,
 * `new_empty` and `new_tensor` (the new tensor takes `self`'s dtype unless `dtype=` says
 * otherwise), and the functions `empty`, `empty_like` and `full_like`. An "empty" tensor holds
 * zeros: PyTorch's are uninitialised memory, whose values no script can rely on.
 */
import * as factories from '../../../autograd/ops/factories.js';
import type {Scalar} from '../../../autograd/dtype.js';
import {Tensor} from '../../../autograd/tensor.js';
import {copyConstructWarning, pyWarn} from '../warnings.js';
import {sig} from './args.js';
import type {Args, MethodSpec} from './bindings.js';
import {toDType, toNestedData, toSize} from './convert.js';
import {requireCpu} from './device.js';
import {legacyConstruct} from './legacy.js';

const tail =
  '*, dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False';

/** dtype= (or `like`'s dtype) and requires_grad=, after checking device=. */
export function likeOptions(a: Args, like: Tensor): factories.FactoryOptions {
  requireCpu(a.get('device'));
  return {
    dtype: toDType(a.get('dtype')) ?? like.dtype,
    requiresGrad: a.get('requires_grad') === true,
  };
}

function newMethod(text: string, run: (self: Tensor, a: Args) => Tensor): [string, MethodSpec] {
  const signature = sig(text);
  return [signature.name, {signature, run}];
}

/** `x.new_zeros(size)` and the other `new_*` methods; `x.new(...)`, the legacy constructor. */
export function newFactoryMethods(): [string, MethodSpec][] {
  return [
    [
      'new',
      {
        signature: sig('new(*, any device=None)'),
        parsesItself: true,
        run: (t, _a, args, kwargs) => legacyConstruct(t.dtype, args, kwargs),
      },
    ],
    newMethod(`new_zeros(*ints size, ${tail})`, (t, a) =>
      factories.zeros(toSize(a.get('size')), likeOptions(a, t)),
    ),
    newMethod(`new_empty(*ints size, ${tail})`, (t, a) =>
      factories.zeros(toSize(a.get('size')), likeOptions(a, t)),
    ),
    newMethod(`new_ones(*ints size, ${tail})`, (t, a) =>
      factories.ones(toSize(a.get('size')), likeOptions(a, t)),
    ),
    newMethod(`new_full(ints size, Number fill_value, ${tail})`, (t, a) =>
      factories.full(toSize(a.get('size')), a.get('fill_value') as Scalar, likeOptions(a, t)),
    ),
    newMethod(`new_tensor(any data, ${tail})`, (t, a) => {
      const data = a.get('data');
      if (data instanceof Tensor) pyWarn('UserWarning', copyConstructWarning);
      return factories.tensor(toNestedData(data), likeOptions(a, t));
    }),
  ];
}
