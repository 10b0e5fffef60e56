/**
 * `torch.nn.Parameter`: a tensor that a module registers as a parameter. Here it is a Tensor
 * marked as one (PyTorch's Parameter is a Tensor subclass), so every tensor operation takes it
 * and `repr` adds `Parameter containing:`.
 */
import type {Tensor} from '../../../autograd/tensor.js';

const parameters = new WeakSet<Tensor>();

/** Marks `t` as a Parameter. */
export function markParameter(t: Tensor): Tensor {
  parameters.add(t);
  return t;
}

/** Is `v` a Parameter? */
export function isParameter(v: unknown): boolean {
  return typeof v === 'object' && v !== null && parameters.has(v as Tensor);
}
