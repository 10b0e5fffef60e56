/**
 * Copies a tensor's numbers at one moment. The recorder captures far more values than a trace keeps
 * (a training loop's middle iterations are recorded, then forgotten), so a capture copies nothing at
 * first: a {@link Captured} holds the tensor and reads its storage when the value is wanted. Storage
 * changes only through autograd's `writeStrided`, which tells the observer first
 * (`storageWillChange`); the recorder then {@link Captured.settle}s every capture of that storage,
 * copying its elements while they are still the captured ones. Only what the trace keeps is encoded
 * for JSON ({@link encodeCaptured}): row-major, special floats and big int64 as strings.
 */
import type {Storage} from '../../autograd/dtype.js';
import {Tensor} from '../../autograd/tensor.js';
import {encodeNumber} from './numbers.js';
import type {DtypeName, EncodedNumber, TensorData} from './schema.js';

/** Whether a script value is an autograd tensor. */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor;
}

/** The elements of a (possibly strided, non-contiguous) tensor in row-major order. */
export function readElements(t: Tensor): number[] {
  return Array.from(rawElements(t));
}

/** The elements of `t` in row-major order: float32 in a Float32Array, every other dtype in doubles. */
function rawElements(t: Tensor): Float32Array | Float64Array {
  const {shape, strides, data} = t;
  const n = shape.reduce((a, b) => a * b, 1);
  const out = t.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
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

/**
 * A tensor's numbers at one moment: every element in row-major order (float32 in a Float32Array;
 * float64, int64 and bool in a Float64Array, which holds each exactly as the tensor's storage does),
 * or, past the size limit, PyTorch's printed summary only. Read from the tensor's storage until
 * {@link settle}d (the storage is about to change, or the value is wanted), copied from then on.
 */
export class Captured {
  readonly shape: readonly number[];
  readonly dtype: DtypeName;
  /** The tensor whose storage still holds the values; null once settled. */
  private tensor: Tensor | null;
  private readonly summarised: boolean;
  /** The tensor's version counter when captured (a later in-place write changes the counter). */
  readonly version: number;
  private copied: Float32Array | Float64Array | null = null;
  private summary: string | undefined;

  constructor(t: Tensor, limit: number) {
    this.shape = t.shape;
    this.dtype = t.dtype;
    this.tensor = t;
    this.summarised = t.numel() > limit;
    this.version = t.version.value;
  }

  /** The storage the values are still read from (null once settled). */
  get storage(): Storage | null {
    return this.tensor === null ? null : this.tensor.data;
  }

  /** Copies the values out of the tensor now (its storage is about to be written). */
  settle(): void {
    const t = this.tensor;
    if (t === null) return;
    if (t.version.value !== this.version) {
      // A kernel wrote into the storage without calling autograd's storageWillChange first.
      throw new Error(
        `grad-graph lost a recorded value: tensor #${t.id} was changed in place without notice`,
      );
    }
    if (this.summarised) this.summary = String(t);
    else this.copied = rawElements(t);
    this.tensor = null;
  }

  /** Every element in row-major order, or null past the size limit. */
  get raw(): Float32Array | Float64Array | null {
    this.settle();
    return this.copied;
  }

  /** PyTorch's printed summary, for a tensor past the size limit. */
  get text(): string | undefined {
    this.settle();
    return this.summary;
  }
}

/** The numbers of `t` now (read when wanted): every element up to `limit`, else PyTorch's summary. */
export function capture(t: Tensor, limit: number): Captured {
  return new Captured(t, limit);
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
  const raw = c.raw;
  const shape = [...c.shape];
  if (raw === null) {
    const text = c.text;
    data = {shape, dtype: c.dtype, values: null, ...(text !== undefined ? {text} : {})};
  } else {
    const values = new Array<EncodedNumber>(raw.length);
    // int64 is held in doubles; past 2^53 it is written as exact decimal digits.
    const int64 = c.dtype === 'int64';
    for (let i = 0; i < raw.length; i++) {
      const x = raw[i] as number;
      values[i] = encodeNumber(int64 && !Number.isSafeInteger(x) ? BigInt(x) : x);
    }
    data = {shape, dtype: c.dtype, values};
  }
  encoded.set(c, data);
  return data;
}

/** A copy of `t`'s numbers now, encoded for JSON (see {@link capture}). */
export function snapshot(t: Tensor, limit: number): TensorData {
  return encodeCaptured(capture(t, limit));
}
