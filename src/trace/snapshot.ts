/**
 * Copies a tensor's numbers at one moment. The recorder copies many tensors it may later drop (a
 * training loop's middle iterations), so a copy is first a {@link Captured}: a typed-array copy of
 * the elements (a memcpy for a contiguous tensor). Only what the trace keeps is encoded for JSON
 * ({@link encodeCaptured}): row-major, special floats and big int64 as strings.
 */
import {Tensor} from '../../autograd/tensor.js';
import {encodeNumber} from './numbers.js';
import type {DtypeName, EncodedNumber, TensorData} from './schema.js';

/** Whether a script value is an autograd tensor. */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/**
 * A copy of a tensor's numbers, not yet encoded: every element in row-major order (float32 in a
 * Float32Array; float64, int64 and bool in a Float64Array, which holds each exactly as the
 * tensor's storage does), or, past the size limit, PyTorch's printed summary only.
 */
export interface Captured {
  readonly shape: readonly number[];
  readonly dtype: DtypeName;
  readonly raw: Float32Array | Float64Array | null;
  readonly text?: string;
}

/** The elements of a (possibly strided, non-contiguous) tensor in row-major order. */
export function readElements(t: Tensor): number[] {
  return Array.from(rawElements(t));
}

/** Where copies go: fresh typed arrays unless the recorder lends its arena. */
export interface CopyTarget {
  float32(n: number): Float32Array;
  float64(n: number): Float64Array;
}

const fresh: CopyTarget = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
};

/** The elements of `t` in row-major order, as a typed array from `into`. */
function rawElements(t: Tensor, into: CopyTarget = fresh): Float32Array | Float64Array {
  const {shape, strides, data} = t;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = t.dtype === 'float32' ? into.float32(n) : into.float64(n);
  if (n === 0) return out;
  if (t.isContiguous()) {
    // One memcpy when the storage's element type matches; a converting copy otherwise.
    out.set(data.subarray(t.offset, t.offset + n));
    return out;
  }
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
export function capture(t: Tensor, limit: number, into: CopyTarget = fresh): Captured {
  const shape = [...t.shape];
  const numel = shape.reduce((a, b) => a * b, 1);
  if (numel > limit) return {shape, dtype: t.dtype, raw: null, text: String(t)};
  return {shape, dtype: t.dtype, raw: rawElements(t, into)};
}

/** The same capture in arrays of its own (out of an arena block about to be reused). */
export function rehome(c: Captured): Captured {
  return c.raw === null ? c : {...c, raw: c.raw.slice()};
}

const encoded = new WeakMap<Captured, TensorData>();

/**
 * The JSON form of a capture (the same object each time for the same capture, so a copy shared by
 * two records, e.g. a `.grad` version and its accumulation, stays shared).
 */
export function encodeCaptured(c: Captured): TensorData {
  const known = encoded.get(c);
  if (known) return known;
  let data: TensorData;
  if (c.raw === null) {
    data = {
      shape: c.shape,
      dtype: c.dtype,
      values: null,
      ...(c.text !== undefined ? {text: c.text} : {}),
    };
  } else {
    const values = new Array<EncodedNumber>(c.raw.length);
    // int64 is held in doubles; past 2^53 it is written as exact decimal digits.
    const int64 = c.dtype === 'int64';
    for (let i = 0; i < c.raw.length; i++) {
      const x = c.raw[i] as number;
      values[i] = encodeNumber(int64 && !Number.isSafeInteger(x) ? BigInt(x) : x);
    }
    data = {shape: c.shape, dtype: c.dtype, values};
  }
  encoded.set(c, data);
  return data;
}

/** A copy of `t`'s numbers now, encoded for JSON (see {@link capture}). */
export function snapshot(t: Tensor, limit: number): TensorData {
  return encodeCaptured(capture(t, limit));
}
