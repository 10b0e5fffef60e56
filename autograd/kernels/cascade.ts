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
 * PyTorch splits a reduction over threads past 32,768 elements; the goldens come from a
 * one-thread run, which this follows at every size.
 */
import type {Storage} from '../dtype.js';
import type {Layout} from './strided.js';

/** Float32 or float64 addition. */
type Add = (a: number, b: number) => number;

const addF32: Add = (a, b) => Math.fround(a + b);
const addF64: Add = (a, b) => a + b;

/** c10's `CeilLog2` (1 for x ≤ 2). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.ceil(Math.log2(x));
}

/** `multi_row_sum` for one row: n values from `off` by `stride`, in the 4-level cascade. */
function cascade(d: Storage, off: number, stride: number, n: number, add: Add): number {
  const levelPower = Math.max(4, Math.floor(ceilLog2(n) / 4));
  const step = 2 ** levelPower;
  const mask = step - 1;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  while (i + step <= n) {
    for (let j = 0; j < step; j++, i++) a0 = add(a0, d[off + i * stride] ?? 0);
    a1 = add(a1, a0);
    a0 = 0;
    if ((i & (mask << levelPower)) !== 0) continue;
    a2 = add(a2, a1);
    a1 = 0;
    if ((i & (mask << (2 * levelPower))) !== 0) continue;
    a3 = add(a3, a2);
    a2 = 0;
  }
  for (; i < n; i++) a0 = add(a0, d[off + i * stride] ?? 0);
  return add(add(add(a0, a1), a2), a3);
}

/** `row_sum`: four interleaved cascades over the row, the leftovers, then the four combined. */
function rowSum(d: Storage, off: number, stride: number, n: number, add: Add): number {
  const rows = Math.floor(n / 4);
  let p0 = cascade(d, off, 4 * stride, rows, add);
  const p1 = cascade(d, off + stride, 4 * stride, rows, add);
  const p2 = cascade(d, off + 2 * stride, 4 * stride, rows, add);
  const p3 = cascade(d, off + 3 * stride, 4 * stride, rows, add);
  for (let i = rows * 4; i < n; i++) p0 = add(p0, d[off + i * stride] ?? 0);
  return add(add(add(p0, p1), p2), p3);
}

/** `vectorized_inner_sum` for one contiguous row: `lanes` row sums, then the tail, then the lanes. */
function vectorRowSum(d: Storage, off: number, n: number, lanes: number, add: Add): number {
  const vectors = Math.floor(n / lanes);
  let total = 0;
  for (let k = vectors * lanes; k < n; k++) total = add(total, d[off + k] ?? 0);
  for (let lane = 0; lane < lanes; lane++) {
    total = add(total, rowSum(d, off + lane, lanes, vectors, add));
  }
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
    for (; j + 4 * lanes <= size1; j += 4 * lanes) {
      for (let c = j; c < j + 4 * lanes; c++) store(c, cascade(x, xOff + c, in0, size0, add));
    }
    for (; j < size1; j++) store(j, rowSum(x, xOff + j, in0, size0, add));
    return;
  }
  if (in0 < in1) {
    for (let j = 0; j < size1; j++) store(j, rowSum(x, xOff + j * in1, in0, size0, add));
    return;
  }
  let j = 0;
  for (; j + 3 < size1; j += 4) {
    for (let c = j; c < j + 4; c++) store(c, cascade(x, xOff + c * in1, in0, size0, add));
  }
  for (; j < size1; j++) store(j, rowSum(x, xOff + j * in1, in0, size0, add));
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
