/**
 * Checks shared by the Python forms of `torch.nn.functional` (PyTorch's functional.py): a tensor
 * argument, and the deprecation warning of `F.tanh` / `F.sigmoid`.
 */
import {TorchError} from '../errors.js';
import type {BoundArgs, PythonCallContext} from '../op.js';
import {Tensor} from '../tensor.js';

const functionalFile = '/usr/lib/python3/dist-packages/torch/nn/functional.py';

/** `F.tanh` / `F.sigmoid`: deprecated in PyTorch 1.13, warned from functional.py. */
export function deprecatedFunctional(name: string, ctx: PythonCallContext): void {
  const message = `nn.functional.${name} is deprecated. Use torch.${name} instead.`;
  ctx.warn('UserWarning', message, {
    file: functionalFile,
    line: name === 'tanh' ? 1956 : 1967,
    source: `warnings.warn("${message}")`,
  });
}

/** An `F.*` argument that must be a tensor (PyTorch's parser's TypeError otherwise). */
export function tensorArg(name: string, a: BoundArgs, key: string, ctx: PythonCallContext): Tensor {
  const v = a.get(key);
  if (!(v instanceof Tensor)) {
    throw new TorchError(
      'TypeError',
      `${name}(): argument '${key}' (position 1) must be Tensor, not ${ctx.typeName(v)}`,
    );
  }
  return v;
}
