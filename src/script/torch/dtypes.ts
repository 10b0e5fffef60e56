/**
 * The `torch` functions about dtypes themselves: `torch.promote_types`, `torch.result_type`,
 * `torch.can_cast` and `torch.get_default_dtype`, answered by autograd/'s promotion rules (the
 * same ones every op follows).
 */
import {canCast, promoteTypes, resultType} from '../../../autograd/dtype.js';
import type {DType, Operand, Scalar} from '../../../autograd/dtype.js';
import {Tensor} from '../../../autograd/tensor.js';
import {PyCallable, TorchDtype} from '../values.js';
import {bind, sig, type Signature} from './args.js';
import type {Args} from './bindings.js';

function fn(signature: Signature, run: (a: Args) => unknown): PyCallable {
  return new PyCallable(signature.name, (args, kwargs) => run(bind(signature, args, kwargs)), {
    kind: 'module-function',
    module: 'torch',
  });
}

const dtypeOf = (v: unknown): DType => (v as TorchDtype).name as DType;

function operand(v: unknown): Operand {
  return v instanceof Tensor ? {dtype: v.dtype, dim: v.dim()} : (v as Scalar);
}

/** The dtype functions of the `torch` module, by name. */
export function dtypeFunctions(): [string, PyCallable][] {
  return [
    [
      'promote_types',
      fn(sig('promote_types(dtype type1, dtype type2)'), (a) =>
        TorchDtype.of(promoteTypes(dtypeOf(a.get('type1')), dtypeOf(a.get('type2')))),
      ),
    ],
    [
      'result_type',
      fn(sig('result_type(TensorOrNumber tensor, TensorOrNumber other)'), (a) =>
        TorchDtype.of(resultType([operand(a.get('tensor')), operand(a.get('other'))])),
      ),
    ],
    [
      'can_cast',
      fn(sig('can_cast(dtype from, dtype to)'), (a) =>
        canCast(dtypeOf(a.get('from')), dtypeOf(a.get('to'))),
      ),
    ],
    ['get_default_dtype', fn(sig('get_default_dtype()'), () => TorchDtype.of('float32'))],
  ];
}
