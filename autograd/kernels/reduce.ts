/**
 * Reduction kernels over contiguous data: along one dim (outer × size × inner), or all at once.
 * Used for max/min/argmax/logsumexp, integer sums and the float64 work of p-norms; float sums
 * follow PyTorch's own order in cascade.ts.
 */
import {allocate} from '../dtype.js';
import type {DType, Storage} from '../dtype.js';
import {perType, pick} from './specialize.js';

// One copy per storage type (see specialize.ts).
const sumKernels = perType(
  () =>
    function sumRange(data: Storage, offset: number, n: number): number {
      // Two accumulators: the adds no longer wait on each other.
      let s0 = 0;
      let s1 = 0;
      const end = offset + n;
      let i = offset;
      for (; i + 1 < end; i += 2) {
        s0 += data[i] ?? 0;
        s1 += data[i + 1] ?? 0;
      }
      if (i < end) s0 += data[i] ?? 0;
      return s0 + s1;
    },
);

/** The sum of `n` elements from `offset` (accumulated in float64). */
export function sumAll(data: Storage, offset: number, n: number): number {
  return pick(sumKernels, data)(data, offset, n);
}

/** Which reduction to run along a dim. */
export type DimReduction = 'sum' | 'max' | 'min' | 'argmax' | 'argmin' | 'logsumexp';

// One copy per storage type (see specialize.ts).
const reduceKernels = perType(
  () =>
    function reduceDimImpl(
      op: DimReduction,
      data: Storage,
      outer: number,
      size: number,
      inner: number,
      dtype: DType,
    ): Storage {
      const out = allocate(dtype, outer * inner);
      if (op === 'sum') {
        if (inner === 1) {
          for (let o = 0; o < outer; o++) {
            // Two accumulators: the adds no longer wait on each other.
            let s0 = 0;
            let s1 = 0;
            const base = o * size;
            let k = 0;
            for (; k + 1 < size; k += 2) {
              s0 += data[base + k] ?? 0;
              s1 += data[base + k + 1] ?? 0;
            }
            if (k < size) s0 += data[base + k] ?? 0;
            out[o] = s0 + s1;
          }
          return out;
        }
        const acc = new Float64Array(inner);
        for (let o = 0; o < outer; o++) {
          acc.fill(0);
          for (let k = 0; k < size; k++) {
            const base = (o * size + k) * inner;
            for (let i = 0; i < inner; i++) acc[i] = (acc[i] ?? 0) + (data[base + i] ?? 0);
          }
          out.set(acc, o * inner);
        }
        return out;
      }
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * size * inner + i;
          if (op === 'logsumexp') {
            let m = -Infinity;
            for (let k = 0; k < size; k++) m = Math.max(m, data[base + k * inner] ?? 0);
            let s = 0;
            const shift = m === -Infinity || m === Infinity ? 0 : m;
            for (let k = 0; k < size; k++) s += Math.exp((data[base + k * inner] ?? 0) - shift);
            out[o * inner + i] = Math.log(s) + shift;
            continue;
          }
          let best = data[base] ?? 0;
          let bestIndex = 0;
          for (let k = 1; k < size && best === best; k++) {
            const v = data[base + k * inner] ?? 0;
            const better = op === 'min' || op === 'argmin' ? v < best : v > best;
            if (better || v !== v) {
              best = v;
              bestIndex = k;
            }
          }
          out[o * inner + i] = op === 'argmax' || op === 'argmin' ? bestIndex : best;
        }
      }
      return out;
    },
);

/**
 * Reduces dim of length `size` in data viewed as [outer, size, inner]; returns [outer, inner].
 * `max`/`min` follow PyTorch: NaN wins; ties take the first index (argmax/argmin).
 */
export function reduceDim(
  op: DimReduction,
  data: Storage,
  outer: number,
  size: number,
  inner: number,
  dtype: DType,
): Storage {
  return pick(reduceKernels, data)(op, data, outer, size, inner, dtype);
}
