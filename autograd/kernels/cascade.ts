/**
 * PyTorch 1.13's CPU floating-point sum, addition for addition, so float32 sums round exactly as
 * PyTorch's do (aten/src/ATen/native/cpu/SumKernel.cpp, `cascade_sum`, and the TensorIterator
 * that feeds it). A float32 sum is accumulated in float32, in an order set by three things:
 *
 * - the iterator: reduced dims are moved innermost, the rest sorted by stride, then adjacent dims
 *   merged where the memory allows; the two innermost dims form one 2-D loop;
 * - the loop picks one of four shapes (contiguous inner rows, contiguous outer columns, or scalar
 *   versions of each), with AVX2 vectors of 8 floats (4 doubles) as independent lanes;
 * - each row is summed by `row_sum` (4 interleaved partial sums) or `multi_row_sum` (a 4-level
 *   cascade that flushes its first level every 16 additions).
 *
 * From 32,768 elements on, PyTorch splits a reduction over its threads, so its last bits depend
 * on the reader's machine; callers use this order below that size only (SERIAL_NUMEL) and a fast
 * float64 sum, rounded once, above it.
 */
import type {Storage} from '../dtype.js';
import type {Layout} from './strided.js';
import {perType, pick} from './specialize.js';

/** Below this many elements PyTorch reduces on one thread, in the order followed here. */
export const SERIAL_NUMEL = 32_768;

/** Float32 or float64 addition. */
type Add = (a: number, b: number) => number;

const addF32: Add = (a, b) => Math.fround(a + b);
const addF64: Add = (a, b) => a + b;

/** Accumulators in the sum's own precision: a float32 slot rounds every addition stored in it. */
type Acc = Float32Array | Float64Array;

/** c10's `CeilLog2` (1 for x ≤ 2). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.ceil(Math.log2(x));
}

/** Scratch accumulators, reused across calls (4 levels × columns), one per precision. */
let scratch32 = new Float32Array(256);
let scratch64 = new Float64Array(256);

function levels(f32: boolean, size: number): Acc {
  if (f32) {
    if (scratch32.length < size) scratch32 = new Float32Array(size);
    return scratch32;
  }
  if (scratch64.length < size) scratch64 = new Float64Array(size);
  return scratch64;
}

// One copy per storage type (see specialize.ts): the row loop is the hot one.
const addRowsKernels = perType(
  () =>
    function addRows(
      d: Storage,
      acc: Acc,
      from: number,
      to: number,
      off: number,
      rowStride: number,
      colStride: number,
      cols: number,
    ): void {
      for (let i = from; i < to; i++) {
        const base = off + i * rowStride;
        if (colStride === 1) {
          for (let j = 0; j < cols; j++) acc[j] = (acc[j] ?? 0) + (d[base + j] ?? 0);
        } else {
          for (let j = 0; j < cols; j++) acc[j] = (acc[j] ?? 0) + (d[base + j * colStride] ?? 0);
        }
      }
    },
);

/**
 * `multi_row_sum` over `cols` columns at once (column j holds `d[off + j·colStride + i·rowStride]`
 * for i < n): each column in the 4-level cascade, into `out[0..cols)`. One pass over memory.
 */
function cascadeColumns(
  d: Storage,
  off: number,
  rowStride: number,
  colStride: number,
  n: number,
  cols: number,
  out: Acc,
): void {
  // Level k of column j lives at acc[k·cols + j]; a float32 slot rounds each addition.
  const acc = levels(out instanceof Float32Array, 4 * cols);
  acc.fill(0, 0, 4 * cols);
  const addRows = pick(addRowsKernels, d);
  const levelPower = Math.max(4, Math.floor(ceilLog2(n) / 4));
  const step = 2 ** levelPower;
  const mask = step - 1;
  let i = 0;
  while (i + step <= n) {
    addRows(d, acc, i, i + step, off, rowStride, colStride, cols);
    i += step;
    // Carry level 0 up, and the higher levels at their own boundaries.
    for (let level = 1; level < 4; level++) {
      const lo = (level - 1) * cols;
      const hi = level * cols;
      for (let j = 0; j < cols; j++) {
        acc[hi + j] = (acc[hi + j] ?? 0) + (acc[lo + j] ?? 0);
        acc[lo + j] = 0;
      }
      if ((i & (mask << (level * levelPower))) !== 0) break;
    }
  }
  addRows(d, acc, i, n, off, rowStride, colStride, cols);
  for (let j = 0; j < cols; j++) out[j] = (acc[j] ?? 0) + (acc[cols + j] ?? 0);
  for (let j = 0; j < cols; j++) out[j] = (out[j] ?? 0) + (acc[2 * cols + j] ?? 0);
  for (let j = 0; j < cols; j++) out[j] = (out[j] ?? 0) + (acc[3 * cols + j] ?? 0);
}

/** `multi_row_sum` for one column of n values from `off` by `stride`. */
function cascade(d: Storage, off: number, stride: number, n: number, f32: boolean): number {
  const out = f32 ? new Float32Array(1) : new Float64Array(1);
  cascadeColumns(d, off, stride, 1, n, 1, out);
  return out[0] ?? 0;
}

/**
 * `row_sum` over `lanes` interleaved columns (1 for a scalar row): per column, four interleaved
 * cascades, the leftovers into the first, then the four added in turn.
 */
function rowSums(
  d: Storage,
  off: number,
  stride: number,
  n: number,
  lanes: number,
  out: Acc,
): void {
  const rows = Math.floor(n / 4);
  const p = out instanceof Float32Array ? new Float32Array(4 * lanes) : new Float64Array(4 * lanes);
  // Column k·lanes + l is lane l of partial sum k.
  cascadeColumns(d, off, 4 * lanes * stride, stride, rows, 4 * lanes, p);
  for (let i = rows * 4; i < n; i++) {
    for (let l = 0; l < lanes; l++) p[l] = (p[l] ?? 0) + (d[off + (i * lanes + l) * stride] ?? 0);
  }
  for (let k = 1; k < 4; k++) {
    for (let l = 0; l < lanes; l++) p[l] = (p[l] ?? 0) + (p[k * lanes + l] ?? 0);
  }
  for (let l = 0; l < lanes; l++) out[l] = p[l] ?? 0;
}

/** `row_sum` of one scalar row. */
function rowSum(d: Storage, off: number, stride: number, n: number, f32: boolean): number {
  const out = f32 ? new Float32Array(1) : new Float64Array(1);
  rowSums(d, off, stride, n, 1, out);
  return out[0] ?? 0;
}

/** `vectorized_inner_sum` for one contiguous row: `lanes` row sums, then the tail, then the lanes. */
function vectorRowSum(d: Storage, off: number, n: number, lanes: number, add: Add): number {
  const vectors = Math.floor(n / lanes);
  const sums = lanes === 8 ? new Float32Array(lanes) : new Float64Array(lanes);
  rowSums(d, off, 1, vectors, lanes, sums);
  let total = 0;
  for (let k = vectors * lanes; k < n; k++) total = add(total, d[off + k] ?? 0);
  for (let lane = 0; lane < lanes; lane++) total = add(total, sums[lane] ?? 0);
  return total;
}

/** One 2-D step of the iterator: sizes and element strides of its two innermost dims. */
interface Loop2d {
  size0: number;
  size1: number;
  in0: number;
  in1: number;
  out0: number;
  out1: number;
}

/** `cascade_sum`'s loop body: adds the sums of this 2-D block into `out`. */
function sumBlock(
  x: Storage,
  xOff: number,
  out: Storage,
  oOff: number,
  l: Loop2d,
  lanes: number,
  add: Add,
): void {
  const f32 = lanes === 8;
  let {size0, size1, in0, in1, out0, out1} = l;
  if (out0 !== 0 && out1 === 0) {
    [size0, size1, in0, in1, out0, out1] = [size1, size0, in1, in0, out1, out0];
  }
  const store = (j: number, v: number): void => {
    const at = oOff + j * out1;
    out[at] = add(out[at] ?? 0, v);
  };
  if (out0 !== 0) {
    // Not a reduction in these two dims: out += x elementwise.
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) {
        const at = oOff + i * out0 + j * out1;
        out[at] = add(out[at] ?? 0, x[xOff + i * in0 + j * in1] ?? 0);
      }
    }
    return;
  }
  if (in0 === 1 && size0 >= lanes) {
    for (let j = 0; j < size1; j++) store(j, vectorRowSum(x, xOff + j * in1, size0, lanes, add));
    return;
  }
  if (in1 === 1 && size1 >= lanes) {
    // Contiguous columns: blocks of 4 vectors cascade, single vectors and leftovers row_sum.
    let j = 0;
    const block = f32 ? new Float32Array(4 * lanes) : new Float64Array(4 * lanes);
    for (; j + 4 * lanes <= size1; j += 4 * lanes) {
      cascadeColumns(x, xOff + j, in0, 1, size0, 4 * lanes, block);
      for (let c = 0; c < 4 * lanes; c++) store(j + c, block[c] ?? 0);
    }
    for (; j < size1; j++) store(j, rowSum(x, xOff + j, in0, size0, f32));
    return;
  }
  if (in0 < in1) {
    for (let j = 0; j < size1; j++) store(j, rowSum(x, xOff + j * in1, in0, size0, f32));
    return;
  }
  let j = 0;
  for (; j + 3 < size1; j += 4) {
    for (let c = j; c < j + 4; c++) store(c, cascade(x, xOff + c * in1, in0, size0, f32));
  }
  for (; j < size1; j++) store(j, rowSum(x, xOff + j * in1, in0, size0, f32));
}

/** TensorIterator's `reorder_dimensions` for a reduction: the permutation, innermost first. */
function reorder(
  shape: readonly number[],
  outS: readonly number[],
  inS: readonly number[],
): number[] {
  const ndim = shape.length;
  const perm = Array.from({length: ndim}, (_, i) => ndim - 1 - i);
  const shouldSwap = (d0: number, d1: number): number => {
    for (const [strides, isOut] of [
      [outS, true],
      [inS, false],
    ] as const) {
      const s0 = strides[d0] ?? 0;
      const s1 = strides[d1] ?? 0;
      // Reduced dims (stride 0 in the output) move to the front.
      if (isOut && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if ((shape[d0] ?? 1) > (shape[d1] ?? 1)) return 1;
    }
    return 0;
  };
  for (let i = 1; i < ndim; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const c = shouldSwap(perm[dim0] ?? 0, perm[dim1] ?? 0);
      if (c > 0) {
        [perm[dim0], perm[dim1]] = [perm[dim1] ?? 0, perm[dim0] ?? 0];
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
  return perm;
}

/** TensorIterator's `coalesce_dimensions`, in place on permuted shape and strides. */
function coalesce(shape: number[], outS: number[], inS: number[]): void {
  const ndim = shape.length;
  if (ndim <= 1) return;
  const canMerge = (d0: number, d1: number): boolean => {
    const s0 = shape[d0] ?? 1;
    if (s0 === 1 || shape[d1] === 1) return true;
    return s0 * (outS[d0] ?? 0) === outS[d1] && s0 * (inS[d0] ?? 0) === inS[d1];
  };
  const take = (d0: number, d1: number): void => {
    outS[d0] = outS[d1] ?? 0;
    inS[d0] = inS[d1] ?? 0;
  };
  let prev = 0;
  for (let d = 1; d < ndim; d++) {
    if (canMerge(prev, d)) {
      if (shape[prev] === 1) take(prev, d);
      shape[prev] = (shape[prev] ?? 1) * (shape[d] ?? 1);
    } else {
      prev++;
      if (prev !== d) {
        take(prev, d);
        shape[prev] = shape[d] ?? 1;
      }
    }
  }
  shape.length = outS.length = inS.length = prev + 1;
}

/**
 * Sums the floating-point strided `x` over the dims flagged in `reduced`, as PyTorch 1.13 does
 * on the CPU; returns the result row-major over the kept dims, in `x`'s storage type.
 */
export function torchSum(x: Layout, reduced: readonly boolean[]): Storage {
  const f32 = x.data instanceof Float32Array;
  const add = f32 ? addF32 : addF64;
  const lanes = f32 ? 8 : 4;
  const ndim = x.shape.length;
  const outStrides = new Array<number>(ndim).fill(0);
  let outN = 1;
  for (let d = ndim - 1; d >= 0; d--) {
    if (reduced[d]) continue;
    outStrides[d] = outN;
    outN *= x.shape[d] ?? 1;
  }
  const out: Storage = f32 ? new Float32Array(outN) : new Float64Array(outN);
  if (ndim === 0) {
    out[0] = add(0, x.data[x.offset] ?? 0);
    return out;
  }
  if (x.shape.some((s) => s === 0)) return out;
  const perm = reorder(x.shape, outStrides, x.strides);
  const shape = perm.map((d) => x.shape[d] ?? 1);
  const outS = perm.map((d) => outStrides[d] ?? 0);
  const inS = perm.map((d) => x.strides[d] ?? 0);
  coalesce(shape, outS, inS);
  const loop: Loop2d = {
    size0: shape[0] ?? 1,
    size1: shape[1] ?? 1,
    in0: inS[0] ?? 0,
    in1: inS[1] ?? 0,
    out0: outS[0] ?? 0,
    out1: outS[1] ?? 0,
  };
  // Dims past the first two are walked like an odometer, dim 2 fastest.
  const counter = new Array<number>(Math.max(shape.length - 2, 0)).fill(0);
  let xOff = x.offset;
  let oOff = 0;
  for (;;) {
    sumBlock(x.data, xOff, out, oOff, loop, lanes, add);
    let d = 0;
    for (; d < counter.length; d++) {
      const size = shape[d + 2] ?? 1;
      const c = (counter[d] ?? 0) + 1;
      if (c < size) {
        counter[d] = c;
        xOff += inS[d + 2] ?? 0;
        oOff += outS[d + 2] ?? 0;
        break;
      }
      counter[d] = 0;
      xOff -= (inS[d + 2] ?? 0) * (size - 1);
      oOff -= (outS[d + 2] ?? 0) * (size - 1);
    }
    if (d === counter.length) return out;
  }
}
