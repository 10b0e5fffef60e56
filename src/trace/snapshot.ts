/**
 * Copies a tensor's numbers into a {@link TensorData}: row-major, encoded for JSON, summarised
 * (PyTorch's printed form) past a size limit.
 */
import {Tensor} from '../../autograd/tensor.js';
import {encodeNumber} from './numbers.js';
import type {EncodedNumber, TensorData} from './schema.js';

/** Whether a script value is an autograd tensor. */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/** The elements of a (possibly strided, non-contiguous) tensor in row-major order. */
export function readElements(t: Tensor): number[] {
  const {shape, strides, data} = t;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  if (n === 0) return out;
  const dims = shape.length;
  const index = new Array<number>(dims).fill(0);
  let at = t.offset;
  for (let i = 0; i < n; i++) {
    out[i] = data[at] as number;
    // Odometer increment over the dimensions, last fastest.
    for (let d = dims - 1; d >= 0; d--) {
      const size = shape[d] as number;
      const stride = strides[d] as number;
      if ((index[d] as number) + 1 < size) {
        index[d] = (index[d] as number) + 1;
        at += stride;
        break;
      }
      at -= stride * (size - 1);
      index[d] = 0;
    }
  }
  return out;
}

/** A copy of `t`'s numbers now: every element up to `limit` elements, else PyTorch's summary. */
export function snapshot(t: Tensor, limit: number): TensorData {
  const shape = [...t.shape];
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel > limit) {
    return {shape, dtype: t.dtype, values: null, text: dataText(t)};
  }
  // int64 is held in doubles; past 2^53 it is written as exact decimal digits.
  const values: EncodedNumber[] =
    t.dtype === 'int64'
      ? readElements(t).map((x) => encodeNumber(Number.isSafeInteger(x) ? x : BigInt(x)))
      : readElements(t).map((x) => encodeNumber(x));
  return {shape, dtype: t.dtype, values};
}

/** PyTorch's printed form of the data alone (no `tensor(`, no grad_fn): used for large tensors. */
function dataText(t: Tensor): string {
  return String(t);
}
