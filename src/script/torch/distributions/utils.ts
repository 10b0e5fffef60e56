/**
 * torch/distributions/utils.py's helpers as PyTorch 1.13 writes them: `broadcast_all` (numbers
 * become tensors of the first tensor's dtype or the default dtype, then `broadcast_tensors`, which
 * returns a tensor already of the common shape itself and expands the others), `_standard_normal`
 * (`torch.empty(shape).normal_()`), `clamp_probs`, `probs_to_logits`, `logits_to_probs`.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {pyError} from '../../errors.js';
import {unaryOp} from '../../operators.js';
import {PyTuple, TorchSize} from '../../values.js';
import {call, functionalCall, isNumber, kw, op, torchCall, getAttr} from './py.js';

/** The common shape of `shapes` (PyTorch's infer_size error when there is none). */
function broadcastShape(shapes: readonly (readonly number[])[]): number[] {
  let out: number[] = [];
  for (const shape of shapes) {
    const n = Math.max(out.length, shape.length);
    const next: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = out[out.length - n + i] ?? 1;
      const b = shape[shape.length - n + i] ?? 1;
      if (a !== b && a !== 1 && b !== 1) {
        throw pyError(
          'RuntimeError',
          `The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${i}`,
        );
      }
      next.push(a === 1 ? b : a);
    }
    out = next;
  }
  return out;
}

/** `torch.broadcast_tensors(*tensors)`. */
export function broadcastTensors(tensors: readonly Tensor[]): Tensor[] {
  const shape = broadcastShape(tensors.map((t) => t.shape));
  return tensors.map((t) =>
    t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])
      ? t
      : (call(t, 'expand', [new TorchSize(shape)]) as Tensor),
  );
}

/** `broadcast_all(*values)`: numbers and tensors, as tensors of one shape. */
export function broadcastAll(values: readonly unknown[]): Tensor[] {
  if (!values.every((v) => v instanceof Tensor || isNumber(v))) {
    throw pyError(
      'ValueError',
      'Input arguments must all be instances of numbers.Number, torch.Tensor or objects implementing __torch_function__.',
    );
  }
  const first = values.find((v): v is Tensor => v instanceof Tensor);
  const options = kw({dtype: first ? getAttr(first, 'dtype') : torchCall('get_default_dtype', [])});
  return broadcastTensors(
    values.map((v) => (v instanceof Tensor ? v : (torchCall('tensor', [v], options) as Tensor))),
  );
}

/** `_standard_normal(shape, dtype, device)`: `torch.empty(shape, dtype=dtype).normal_()`. */
export function standardNormal(shape: TorchSize, dtype: unknown): Tensor {
  return call(torchCall('empty', [shape], kw({dtype})), 'normal_') as Tensor;
}

/** `torch.finfo(dtype).eps` of a float tensor. */
function eps(t: Tensor): number {
  return t.dtype === 'float64'
    ? 2.220446049250313e-16
    : t.dtype === 'float16'
      ? 0.0009765625
      : 1.1920928955078125e-7;
}

/** `torch.finfo(dtype).min` of a float tensor. */
export function finfoMin(t: Tensor): number {
  return t.dtype === 'float64'
    ? -1.7976931348623157e308
    : t.dtype === 'float16'
      ? -65504
      : -3.4028234663852886e38;
}

/** `clamp_probs(probs)`. */
export function clampProbs(probs: Tensor): Tensor {
  const e = eps(probs);
  return call(probs, 'clamp', [], kw({min: e, max: 1 - e})) as Tensor;
}

/** `probs_to_logits(probs, is_binary)`. */
export function probsToLogits(probs: Tensor, isBinary = false): Tensor {
  const clamped = clampProbs(probs);
  if (isBinary) {
    return op(
      '-',
      torchCall('log', [clamped]),
      torchCall('log1p', [unaryOp('-', clamped)]),
    ) as Tensor;
  }
  return torchCall('log', [clamped]) as Tensor;
}

/** `logits_to_probs(logits, is_binary)`. */
export function logitsToProbs(logits: Tensor, isBinary = false): Tensor {
  if (isBinary) return torchCall('sigmoid', [logits]) as Tensor;
  return functionalCall('softmax', [logits], kw({dim: -1n})) as Tensor;
}

/** A tuple of sizes for `view`/`expand` calls. */
export function tupleOf(dims: readonly number[]): PyTuple {
  return new PyTuple(dims.map(BigInt));
}
