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

/**
 * `cascadeColumns` for its commonest use, 32 contiguous float32 columns (four 8-lane vectors of a
 * contiguous row): the first level lives in 32 locals, which V8 keeps in registers (three times
 * faster than a Float32Array, and faster than a plain float64 loop). The same additions in the
 * same order as `cascadeColumns`.
 */
function cascade32(d: Float32Array, off: number, n: number, out: Acc): void {
  const f = Math.fround;
  // Levels 1, 2 and 3 of column j at up[j], up[32 + j], up[64 + j].
  const up = levels(true, 96);
  up.fill(0, 0, 96);
  const levelPower = Math.max(4, Math.floor(ceilLog2(n) / 4));
  const step = 2 ** levelPower;
  const mask = step - 1;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0,
    s8 = 0,
    s9 = 0,
    s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0,
    s14 = 0,
    s15 = 0,
    s16 = 0,
    s17 = 0,
    s18 = 0,
    s19 = 0,
    s20 = 0,
    s21 = 0,
    s22 = 0,
    s23 = 0,
    s24 = 0,
    s25 = 0,
    s26 = 0,
    s27 = 0,
    s28 = 0,
    s29 = 0,
    s30 = 0,
    s31 = 0;
  let i = 0;
  let full = step <= n;
  for (;;) {
    const end = full ? i + step : n;
    for (; i < end; i++) {
      const b = off + i * 32;
      s0 = f(s0 + (d[b + 0] ?? 0));
      s1 = f(s1 + (d[b + 1] ?? 0));
      s2 = f(s2 + (d[b + 2] ?? 0));
      s3 = f(s3 + (d[b + 3] ?? 0));
      s4 = f(s4 + (d[b + 4] ?? 0));
      s5 = f(s5 + (d[b + 5] ?? 0));
      s6 = f(s6 + (d[b + 6] ?? 0));
      s7 = f(s7 + (d[b + 7] ?? 0));
      s8 = f(s8 + (d[b + 8] ?? 0));
      s9 = f(s9 + (d[b + 9] ?? 0));
      s10 = f(s10 + (d[b + 10] ?? 0));
      s11 = f(s11 + (d[b + 11] ?? 0));
      s12 = f(s12 + (d[b + 12] ?? 0));
      s13 = f(s13 + (d[b + 13] ?? 0));
      s14 = f(s14 + (d[b + 14] ?? 0));
      s15 = f(s15 + (d[b + 15] ?? 0));
      s16 = f(s16 + (d[b + 16] ?? 0));
      s17 = f(s17 + (d[b + 17] ?? 0));
      s18 = f(s18 + (d[b + 18] ?? 0));
      s19 = f(s19 + (d[b + 19] ?? 0));
      s20 = f(s20 + (d[b + 20] ?? 0));
      s21 = f(s21 + (d[b + 21] ?? 0));
      s22 = f(s22 + (d[b + 22] ?? 0));
      s23 = f(s23 + (d[b + 23] ?? 0));
      s24 = f(s24 + (d[b + 24] ?? 0));
      s25 = f(s25 + (d[b + 25] ?? 0));
      s26 = f(s26 + (d[b + 26] ?? 0));
      s27 = f(s27 + (d[b + 27] ?? 0));
      s28 = f(s28 + (d[b + 28] ?? 0));
      s29 = f(s29 + (d[b + 29] ?? 0));
      s30 = f(s30 + (d[b + 30] ?? 0));
      s31 = f(s31 + (d[b + 31] ?? 0));
    }
    if (!full) break;
    // A full block: level 0 carries up, higher levels at their own boundaries.
    up[0] = f((up[0] ?? 0) + s0);
    s0 = 0;
    up[1] = f((up[1] ?? 0) + s1);
    s1 = 0;
    up[2] = f((up[2] ?? 0) + s2);
    s2 = 0;
    up[3] = f((up[3] ?? 0) + s3);
    s3 = 0;
    up[4] = f((up[4] ?? 0) + s4);
    s4 = 0;
    up[5] = f((up[5] ?? 0) + s5);
    s5 = 0;
    up[6] = f((up[6] ?? 0) + s6);
    s6 = 0;
    up[7] = f((up[7] ?? 0) + s7);
    s7 = 0;
    up[8] = f((up[8] ?? 0) + s8);
    s8 = 0;
    up[9] = f((up[9] ?? 0) + s9);
    s9 = 0;
    up[10] = f((up[10] ?? 0) + s10);
    s10 = 0;
    up[11] = f((up[11] ?? 0) + s11);
    s11 = 0;
    up[12] = f((up[12] ?? 0) + s12);
    s12 = 0;
    up[13] = f((up[13] ?? 0) + s13);
    s13 = 0;
    up[14] = f((up[14] ?? 0) + s14);
    s14 = 0;
    up[15] = f((up[15] ?? 0) + s15);
    s15 = 0;
    up[16] = f((up[16] ?? 0) + s16);
    s16 = 0;
    up[17] = f((up[17] ?? 0) + s17);
    s17 = 0;
    up[18] = f((up[18] ?? 0) + s18);
    s18 = 0;
    up[19] = f((up[19] ?? 0) + s19);
    s19 = 0;
    up[20] = f((up[20] ?? 0) + s20);
    s20 = 0;
    up[21] = f((up[21] ?? 0) + s21);
    s21 = 0;
    up[22] = f((up[22] ?? 0) + s22);
    s22 = 0;
    up[23] = f((up[23] ?? 0) + s23);
    s23 = 0;
    up[24] = f((up[24] ?? 0) + s24);
    s24 = 0;
    up[25] = f((up[25] ?? 0) + s25);
    s25 = 0;
    up[26] = f((up[26] ?? 0) + s26);
    s26 = 0;
    up[27] = f((up[27] ?? 0) + s27);
    s27 = 0;
    up[28] = f((up[28] ?? 0) + s28);
    s28 = 0;
    up[29] = f((up[29] ?? 0) + s29);
    s29 = 0;
    up[30] = f((up[30] ?? 0) + s30);
    s30 = 0;
    up[31] = f((up[31] ?? 0) + s31);
    s31 = 0;
    if ((i & (mask << levelPower)) === 0) {
      for (let j = 0; j < 32; j++) {
        up[32 + j] = f((up[32 + j] ?? 0) + (up[j] ?? 0));
        up[j] = 0;
      }
      if ((i & (mask << (2 * levelPower))) === 0) {
        for (let j = 0; j < 32; j++) {
          up[64 + j] = f((up[64 + j] ?? 0) + (up[32 + j] ?? 0));
          up[32 + j] = 0;
        }
      }
    }
    full = i + step <= n;
  }
  out[0] = f(f(f(s0 + (up[0] ?? 0)) + (up[32] ?? 0)) + (up[64] ?? 0));
  out[1] = f(f(f(s1 + (up[1] ?? 0)) + (up[33] ?? 0)) + (up[65] ?? 0));
  out[2] = f(f(f(s2 + (up[2] ?? 0)) + (up[34] ?? 0)) + (up[66] ?? 0));
  out[3] = f(f(f(s3 + (up[3] ?? 0)) + (up[35] ?? 0)) + (up[67] ?? 0));
  out[4] = f(f(f(s4 + (up[4] ?? 0)) + (up[36] ?? 0)) + (up[68] ?? 0));
  out[5] = f(f(f(s5 + (up[5] ?? 0)) + (up[37] ?? 0)) + (up[69] ?? 0));
  out[6] = f(f(f(s6 + (up[6] ?? 0)) + (up[38] ?? 0)) + (up[70] ?? 0));
  out[7] = f(f(f(s7 + (up[7] ?? 0)) + (up[39] ?? 0)) + (up[71] ?? 0));
  out[8] = f(f(f(s8 + (up[8] ?? 0)) + (up[40] ?? 0)) + (up[72] ?? 0));
  out[9] = f(f(f(s9 + (up[9] ?? 0)) + (up[41] ?? 0)) + (up[73] ?? 0));
  out[10] = f(f(f(s10 + (up[10] ?? 0)) + (up[42] ?? 0)) + (up[74] ?? 0));
  out[11] = f(f(f(s11 + (up[11] ?? 0)) + (up[43] ?? 0)) + (up[75] ?? 0));
  out[12] = f(f(f(s12 + (up[12] ?? 0)) + (up[44] ?? 0)) + (up[76] ?? 0));
  out[13] = f(f(f(s13 + (up[13] ?? 0)) + (up[45] ?? 0)) + (up[77] ?? 0));
  out[14] = f(f(f(s14 + (up[14] ?? 0)) + (up[46] ?? 0)) + (up[78] ?? 0));
  out[15] = f(f(f(s15 + (up[15] ?? 0)) + (up[47] ?? 0)) + (up[79] ?? 0));
  out[16] = f(f(f(s16 + (up[16] ?? 0)) + (up[48] ?? 0)) + (up[80] ?? 0));
  out[17] = f(f(f(s17 + (up[17] ?? 0)) + (up[49] ?? 0)) + (up[81] ?? 0));
  out[18] = f(f(f(s18 + (up[18] ?? 0)) + (up[50] ?? 0)) + (up[82] ?? 0));
  out[19] = f(f(f(s19 + (up[19] ?? 0)) + (up[51] ?? 0)) + (up[83] ?? 0));
  out[20] = f(f(f(s20 + (up[20] ?? 0)) + (up[52] ?? 0)) + (up[84] ?? 0));
  out[21] = f(f(f(s21 + (up[21] ?? 0)) + (up[53] ?? 0)) + (up[85] ?? 0));
  out[22] = f(f(f(s22 + (up[22] ?? 0)) + (up[54] ?? 0)) + (up[86] ?? 0));
  out[23] = f(f(f(s23 + (up[23] ?? 0)) + (up[55] ?? 0)) + (up[87] ?? 0));
  out[24] = f(f(f(s24 + (up[24] ?? 0)) + (up[56] ?? 0)) + (up[88] ?? 0));
  out[25] = f(f(f(s25 + (up[25] ?? 0)) + (up[57] ?? 0)) + (up[89] ?? 0));
  out[26] = f(f(f(s26 + (up[26] ?? 0)) + (up[58] ?? 0)) + (up[90] ?? 0));
  out[27] = f(f(f(s27 + (up[27] ?? 0)) + (up[59] ?? 0)) + (up[91] ?? 0));
  out[28] = f(f(f(s28 + (up[28] ?? 0)) + (up[60] ?? 0)) + (up[92] ?? 0));
  out[29] = f(f(f(s29 + (up[29] ?? 0)) + (up[61] ?? 0)) + (up[93] ?? 0));
  out[30] = f(f(f(s30 + (up[30] ?? 0)) + (up[62] ?? 0)) + (up[94] ?? 0));
  out[31] = f(f(f(s31 + (up[31] ?? 0)) + (up[63] ?? 0)) + (up[95] ?? 0));
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
  if (lanes === 8 && stride === 1 && d instanceof Float32Array) cascade32(d, off, rows, p);
  else cascadeColumns(d, off, 4 * lanes * stride, stride, rows, 4 * lanes, p);
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
