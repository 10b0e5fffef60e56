/**
 * Helpers shared by the op files: operands (tensor or Python scalar), result tensors, and the
 * gradient of a single-output node.
 */
import {allocate, resultType, toStored} from '../dtype.js';
import type {DType, Operand, Scalar} from '../dtype.js';
import {runtimeError} from '../errors.js';
import type {KernelResult} from '../kernels/elementwise.js';
import {scalarStorage} from '../kernels/elementwise.js';
import {broadcastStrides, gather} from '../kernels/strided.js';
import type {Layout} from '../kernels/strided.js';
import {sameShape} from '../shape.js';
import {withGradMode} from '../gradmode.js';
import {muteObserver} from '../report.js';
import {Tensor} from '../tensor.js';
import type {OpArg} from '../observer.js';

/** The tensor operand, or null for a Python scalar. */
export function tensorOrNull(x: Tensor | Scalar): Tensor | null {
  return x instanceof Tensor ? x : null;
}

/** An operand as a participant of type promotion. */
export function asOperand(x: Tensor | Scalar): Operand {
  return x instanceof Tensor ? {dtype: x.dtype, dim: x.shape.length} : x;
}

/** `torch.result_type` of tensor and scalar operands. */
export function promote(...xs: (Tensor | Scalar)[]): DType {
  return resultType(xs.map(asOperand));
}

/** A kernel operand: a tensor's layout, or a Python scalar stored in the computation dtype. */
export function layoutOf(x: Tensor | Scalar, dtype: DType): Layout {
  if (x instanceof Tensor) return x;
  return {data: scalarStorage(toStored(x, dtype), dtype), shape: [], strides: [], offset: 0};
}

/** A fresh tensor holding a kernel's result. */
export function fromKernel(res: KernelResult, dtype: DType): Tensor {
  return new Tensor(res.data, res.shape, dtype);
}

/** A Python scalar as a 0-dim tensor (PyTorch's wrapped number), made without being reported. */
export function wrapScalar(value: Scalar, dtype: DType): Tensor {
  return muteObserver(() => {
    const data = allocate(dtype, 1);
    data[0] = toStored(value, dtype);
    return new Tensor(data, [], dtype);
  });
}

/** The gradient of output 0 (a single-output node always receives it). */
export function grad0(grads: readonly (Tensor | null)[]): Tensor {
  const g = grads[0];
  if (g === undefined || g === null) throw runtimeError('internal: missing output gradient');
  return g;
}

/** An operand as an observer argument: a Python scalar as itself, a tensor omitted. */
export function scalarArg(x: Tensor | Scalar | null | undefined): OpArg {
  if (x === null || x === undefined || x instanceof Tensor) return null;
  return typeof x === 'bigint' ? Number(x) : x;
}

/**
 * Runs `fn` unrecorded and unreported: the views or intermediate ops an op builds its result from,
 * when the op's own node stands for them (cat, split, logsumexp).
 */
export function quietly<T>(fn: () => T): T {
  return withGradMode(false, () => muteObserver(fn));
}

/** Row-major values of `t` broadcast to `shape`, as float64 (exact for every stored value). */
export function valuesAt(t: Tensor, shape: readonly number[]): Float64Array {
  if (sameShape(t.shape, shape)) return gather(t, 'float64') as Float64Array;
  const strides = broadcastStrides(t.shape, t.strides, shape);
  return gather({data: t.data, shape, strides, offset: t.offset}, 'float64') as Float64Array;
}
