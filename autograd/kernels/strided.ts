/**
 * Strided access: copying any strided view (including broadcast views with stride 0) into
 * fresh contiguous storage, and reading a tensor's values without a copy when already dense.
 */
import {allocate} from '../dtype.js';
import type {DType, Storage} from '../dtype.js';
import {numelOf} from '../shape.js';

/** The strided layout of one operand: storage, shape, strides and offset. */
export interface Layout {
  readonly data: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Whether a layout is row-major contiguous (size-1 dims may have any stride). */
export function isDense(t: Layout): boolean {
  let expected = 1;
  for (let i = t.shape.length - 1; i >= 0; i--) {
    const size = t.shape[i] ?? 1;
    if (size !== 1 && t.strides[i] !== expected) return false;
    expected *= size;
  }
  return true;
}

/**
 * Copies the elements of a strided layout, in row-major order, into `out` (of length numel)
 * converting to `out`'s element type. Innermost dimension in a tight loop.
 */
export function gatherInto(t: Layout, out: Storage): void {
  const n = out.length;
  if (n === 0) return;
  const src = t.data;
  const ndim = t.shape.length;
  if (isDense(t)) {
    const o = t.offset;
    for (let i = 0; i < n; i++) out[i] = src[o + i] ?? 0;
    return;
  }
  const inner = t.shape[ndim - 1] ?? 1;
  const innerStride = t.strides[ndim - 1] ?? 0;
  const counter = new Array<number>(Math.max(ndim - 1, 0)).fill(0);
  let base = t.offset;
  for (let pos = 0; pos < n; pos += inner) {
    for (let j = 0, k = base; j < inner; j++, k += innerStride) out[pos + j] = src[k] ?? 0;
    // Advance the outer multi-index like an odometer.
    for (let d = ndim - 2; d >= 0; d--) {
      const c = (counter[d] ?? 0) + 1;
      const stride = t.strides[d] ?? 0;
      if (c < (t.shape[d] ?? 1)) {
        counter[d] = c;
        base += stride;
        break;
      }
      counter[d] = 0;
      base -= stride * ((t.shape[d] ?? 1) - 1);
    }
  }
}

/** A contiguous copy of a layout's elements as storage of `dtype`. */
export function gather(t: Layout, dtype: DType): Storage {
  const out = allocate(dtype, numelOf(t.shape));
  gatherInto(t, out);
  return out;
}

/** The strides that broadcast a layout of `shape`/`strides` to `target` (0 on broadcast dims). */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] {
  const out = new Array<number>(target.length).fill(0);
  const shift = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[i + shift] = shape[i] === 1 ? 0 : (strides[i] ?? 0);
  }
  return out;
}
