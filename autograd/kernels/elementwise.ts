/**
 * Elementwise kernels: binary ops with broadcasting and unary maps, as tight loops over typed
 * arrays. Fast paths: dense operands of the same shape, and a single-element operand (a scalar).
 * The op is chosen by a switch outside the loop, so no closure runs per element.
 */
import {allocate, isIntegral, roundHalfStorage, toStored} from '../dtype.js';
import type {DType, Storage} from '../dtype.js';
import {broadcastShapes, numelOf, sameShape} from '../shape.js';
import {checkSize} from '../limits.js';
import {broadcastStrides, gather, isDense} from './strided.js';
import type {Layout} from './strided.js';
import {exp as expLibm} from './libm.js';
import {expfLibm} from './libm-float.js';
import {cosf, expf, logf, sigmoidf, sinf, tanhf} from './sleef.js';
import * as sleef64 from './sleef-double.js';
import {cosArray, sinArray} from './sleef-double-trig.js';
import {perType, pick} from './specialize.js';

/** Binary kernels. `reluGrad(g, y)` is `y > 0 ? g : 0`; `powGradExp(x, e)` is `e * x^(e-1)`. */
export type BinaryKernel =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'max'
  | 'min'
  | 'gt'
  | 'lt'
  | 'ge'
  | 'le'
  | 'eq'
  | 'ne'
  | 'reluGrad'
  | 'signGrad';

/** Result storage and shape of a kernel. */
export interface KernelResult {
  readonly data: Storage;
  readonly shape: number[];
}

/**
 * One loop per op: `out[i] = a[ia] op b[ib]` with `ia`/`ib` advancing by `as`/`bs`
 * (1 for a dense operand, 0 for a scalar).
 */
const loopKernels = perType(
  () =>
    function loop(
      op: BinaryKernel,
      a: Storage,
      ao: number,
      as: number,
      b: Storage,
      bo: number,
      bs: number,
      out: Storage,
      n: number,
    ): void {
      let ia = ao;
      let ib = bo;
      switch (op) {
        case 'add':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = (a[ia] ?? 0) + (b[ib] ?? 0);
          return;
        case 'sub':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = (a[ia] ?? 0) - (b[ib] ?? 0);
          return;
        case 'mul':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = (a[ia] ?? 0) * (b[ib] ?? 0);
          return;
        case 'div':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = (a[ia] ?? 0) / (b[ib] ?? 0);
          return;
        case 'pow':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = Math.pow(a[ia] ?? 0, b[ib] ?? 0);
          return;
        case 'max':
          for (let i = 0; i < n; i++, ia += as, ib += bs) {
            const x = a[ia] ?? 0;
            const y = b[ib] ?? 0;
            out[i] = x !== x || x > y ? x : y;
          }
          return;
        case 'min':
          for (let i = 0; i < n; i++, ia += as, ib += bs) {
            const x = a[ia] ?? 0;
            const y = b[ib] ?? 0;
            out[i] = x !== x || x < y ? x : y;
          }
          return;
        case 'gt':
          for (let i = 0; i < n; i++, ia += as, ib += bs)
            out[i] = (a[ia] ?? 0) > (b[ib] ?? 0) ? 1 : 0;
          return;
        case 'lt':
          for (let i = 0; i < n; i++, ia += as, ib += bs)
            out[i] = (a[ia] ?? 0) < (b[ib] ?? 0) ? 1 : 0;
          return;
        case 'ge':
          for (let i = 0; i < n; i++, ia += as, ib += bs)
            out[i] = (a[ia] ?? 0) >= (b[ib] ?? 0) ? 1 : 0;
          return;
        case 'le':
          for (let i = 0; i < n; i++, ia += as, ib += bs)
            out[i] = (a[ia] ?? 0) <= (b[ib] ?? 0) ? 1 : 0;
          return;
        case 'eq':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = a[ia] === b[ib] ? 1 : 0;
          return;
        case 'ne':
          for (let i = 0; i < n; i++, ia += as, ib += bs) out[i] = a[ia] !== b[ib] ? 1 : 0;
          return;
        case 'reluGrad':
          for (let i = 0; i < n; i++, ia += as, ib += bs)
            out[i] = (b[ib] ?? 0) > 0 ? (a[ia] ?? 0) : 0;
          return;
        case 'signGrad':
          // d|x|/dx = sign(x) (0 at 0): a is the gradient, b the input.
          for (let i = 0; i < n; i++, ia += as, ib += bs) {
            const x = b[ib] ?? 0;
            out[i] = x > 0 ? (a[ia] ?? 0) : x < 0 ? -(a[ia] ?? 0) : x === 0 ? 0 : x;
          }
          return;
      }
    },
);

function loop(
  op: BinaryKernel,
  a: Storage,
  ao: number,
  as: number,
  b: Storage,
  bo: number,
  bs: number,
  out: Storage,
  n: number,
): void {
  pick(loopKernels, out)(op, a, ao, as, b, bo, bs, out, n);
}

/**
 * Dense fast path: both operands start at 0 and are exactly as long as the output, so the
 * loops index with `i` alone (V8 then drops the bounds checks). Returns false if `op` has none.
 */
const loopDenseKernels = perType(
  () =>
    function loopDenseImpl(op: BinaryKernel, a: Storage, b: Storage, out: Storage): boolean {
      const n = out.length;
      switch (op) {
        case 'add':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
          return true;
        case 'sub':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) - (b[i] ?? 0);
          return true;
        case 'mul':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) * (b[i] ?? 0);
          return true;
        case 'div':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) / (b[i] ?? 0);
          return true;
        case 'reluGrad':
          for (let i = 0; i < n; i++) out[i] = (b[i] ?? 0) > 0 ? (a[i] ?? 0) : 0;
          return true;
        default:
          return false;
      }
    },
);

function loopDense(op: BinaryKernel, a: Storage, b: Storage, out: Storage): boolean {
  return pick(loopDenseKernels, out)(op, a, b, out);
}

/** Scalar fast path: `out[i] = a[i] op y` (or `y op a[i]` when `left`), `a` dense from 0. */
const loopScalarKernels = perType(
  () =>
    function loopScalarImpl(
      op: BinaryKernel,
      a: Storage,
      y: number,
      left: boolean,
      out: Storage,
    ): boolean {
      const n = out.length;
      switch (op) {
        case 'add':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) + y;
          return true;
        case 'mul':
          for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) * y;
          return true;
        case 'sub':
          if (left) for (let i = 0; i < n; i++) out[i] = y - (a[i] ?? 0);
          else for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) - y;
          return true;
        case 'div':
          if (left) for (let i = 0; i < n; i++) out[i] = y / (a[i] ?? 0);
          else for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) / y;
          return true;
        default:
          return false;
      }
    },
);

function loopScalar(op: BinaryKernel, a: Storage, y: number, left: boolean, out: Storage): boolean {
  return pick(loopScalarKernels, out)(op, a, y, left, out);
}

/**
 * Fixes up an arithmetic kernel's result for its dtype: bool folds to 0/1, int64 (held in
 * doubles) truncates, float16 rounds to half precision (the loops ran in float32, as PyTorch
 * computes half ops in float). int32/int16/int8/uint8 need nothing: their typed arrays wrap.
 */
function normalize(out: Storage, dtype: DType): void {
  if (dtype === 'bool') {
    for (let i = 0; i < out.length; i++) out[i] = out[i] !== 0 ? 1 : 0;
  } else if (dtype === 'int64') {
    // toStored: a nan or inf result must not sit in an int64 tensor (found by fuzz).
    for (let i = 0; i < out.length; i++) out[i] = toStored(out[i] ?? 0, dtype);
  } else if (dtype === 'float16') roundHalfStorage(out);
}

/** Whether a dtype is an integer dtype that wraps at 32 bits or fewer (not int64). */
function isSmallInt(dtype: DType): boolean {
  return isIntegral(dtype) && dtype !== 'int64';
}

/**
 * `a * b` and `a ** b` for the small integer dtypes, which wrap as C does: the operands' low 32
 * bits multiplied with Math.imul (a double product past 2^53 would lose the low bits), the
 * storage's write wrapping to the dtype's width. pow is by repeated squaring, as PyTorch's
 * integer powi; a negative exponent is refused before the kernel.
 */
function smallIntKernel(
  op: 'mul' | 'pow',
  a: Layout,
  b: Layout,
  shape: number[],
  out: Storage,
): void {
  const ad = expandGather(a, shape);
  const bd = expandGather(b, shape);
  const n = out.length;
  if (op === 'mul') {
    for (let i = 0; i < n; i++) out[i] = Math.imul((ad[i] ?? 0) | 0, (bd[i] ?? 0) | 0);
    return;
  }
  for (let i = 0; i < n; i++) {
    let base = (ad[i] ?? 0) | 0;
    let e = bd[i] ?? 0;
    let r = 1;
    while (e > 0) {
      if (e % 2 === 1) r = Math.imul(r, base);
      base = Math.imul(base, base);
      e = Math.floor(e / 2);
    }
    out[i] = r;
  }
}

/** A scalar operand stored as a 1-element storage in the computation dtype. */
export function scalarStorage(value: number, dtype: DType): Storage {
  const s = allocate(dtype === 'bool' || dtype === 'int64' ? 'float64' : dtype, 1);
  // `value` is already stored for `dtype` (toStored): wrapped for a small int, rounded for float16.
  s[0] = value;
  return s;
}

/**
 * `out = a op b` with broadcasting. `outDtype` is the result dtype; `computeDtype` decides how a
 * Python scalar is rounded (a float scalar in a float32 op is a float32, as in PyTorch).
 */
export function binary(op: BinaryKernel, a: Layout, b: Layout, outDtype: DType): KernelResult {
  const shape = broadcastShapes(a.shape, b.shape);
  const n = numelOf(shape);
  checkSize(shape, n);
  const out = allocate(outDtype, n);
  if ((op === 'mul' || op === 'pow') && isSmallInt(outDtype)) {
    smallIntKernel(op, a, b, shape, out);
    return {data: out, shape};
  }
  // A broadcast view of one value (all strides 0, as from expand) is a scalar operand.
  const aN = isConstant(a) ? 1 : numelOf(a.shape);
  const bN = isConstant(b) ? 1 : numelOf(b.shape);
  if (aN === 1 && bN === 1 && n > 1) {
    const one = allocate(outDtype, 1);
    loop(op, a.data, a.offset, 0, b.data, b.offset, 0, one, 1);
    out.fill(one[0] ?? 0);
    return {data: out, shape};
  }
  const aDense = isDense(a);
  const bDense = isDense(b);
  const aFull = a.offset === 0 && a.data.length === n;
  const bFull = b.offset === 0 && b.data.length === n;
  if (aN === n && bN === n && aDense && bDense && sameShape(a.shape, b.shape)) {
    if (!(aFull && bFull && loopDense(op, a.data, b.data, out))) {
      loop(op, a.data, a.offset, 1, b.data, b.offset, 1, out, n);
    }
  } else if (bN === 1 && aN === n && aDense) {
    if (!(aFull && loopScalar(op, a.data, b.data[b.offset] ?? 0, false, out))) {
      loop(op, a.data, a.offset, 1, b.data, b.offset, 0, out, n);
    }
  } else if (aN === 1 && bN === n && bDense) {
    if (!(bFull && loopScalar(op, b.data, a.data[a.offset] ?? 0, true, out))) {
      loop(op, a.data, a.offset, 0, b.data, b.offset, 1, out, n);
    }
  } else {
    const ad = expandGather(a, shape);
    const bd = expandGather(b, shape);
    loop(op, ad, 0, 1, bd, 0, 1, out, n);
  }
  if (outDtype === 'bool' || outDtype === 'int64' || outDtype === 'float16') {
    if (op === 'add' || op === 'sub' || op === 'mul' || op === 'pow' || op === 'div') {
      normalize(out, outDtype);
    }
  }
  return {data: out, shape};
}

/** Whether every element of a layout is the same stored value (size-1 or stride-0 dims only). */
function isConstant(t: Layout): boolean {
  for (let i = 0; i < t.shape.length; i++) {
    if (t.shape[i] !== 1 && t.strides[i] !== 0) return false;
  }
  return true;
}

/** A contiguous float64 copy of a layout broadcast to `shape` (float32 kept as float32). */
function expandGather(t: Layout, shape: readonly number[]): Storage {
  const strides = broadcastStrides(t.shape, t.strides, shape);
  const dtype: DType = t.data instanceof Float32Array ? 'float32' : 'float64';
  return gather({data: t.data, shape, strides, offset: t.offset}, dtype);
}

/** Unary kernels. */
export type UnaryKernel =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'reciprocal'
  | 'sign'
  | 'square'
  | 'not';

/** The float32 kernels ported from PyTorch's SLEEF calls (bit-exact). */
const float32Kernels = {
  exp: expf,
  log: logf,
  tanh: tanhf,
  sin: sinf,
  cos: cosf,
  sigmoid: sigmoidf,
} as const;

/**
 * float64 exp, log, tanh, sin, cos and sigmoid as PyTorch's kernels compute them (SLEEF's u10
 * functions, sleef-double.ts), bit for bit; false for the other ops. exp, log and tanh map every
 * element through SLEEF; sin and cos too, in groups of four lanes that share a reduction; sigmoid
 * runs its vector formula on blocks of 8 and the scalar 1 / (1 + exp(-x)) (glibc's exp) on the
 * last n % 8.
 */
function float64Kernel(
  op: UnaryKernel,
  a: Storage,
  ao: number,
  out: Float64Array,
  n: number,
): boolean {
  switch (op) {
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = sleef64.exp(a[ao + i] ?? 0);
      return true;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = sleef64.log(a[ao + i] ?? 0);
      return true;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = sleef64.tanh(a[ao + i] ?? 0);
      return true;
    case 'sin':
      sinArray(a, ao, out, n);
      return true;
    case 'cos':
      cosArray(a, ao, out, n);
      return true;
    case 'sigmoid': {
      const vectorEnd = n - (n % 8);
      for (let i = 0; i < vectorEnd; i++) out[i] = sleef64.sigmoid(a[ao + i] ?? 0);
      for (let i = vectorEnd; i < n; i++) out[i] = 1 / (1 + expLibm(-(a[ao + i] ?? 0)));
      return true;
    }
    default:
      return false;
  }
}

const unaryLoopKernels = perType(
  () =>
    function unaryLoopImpl(op: UnaryKernel, a: Storage, ao: number, out: Storage, n: number): void {
      // float32 results of exp, log, tanh, sin, cos and sigmoid follow PyTorch's SLEEF kernels bit for bit.
      if (
        out instanceof Float32Array &&
        (op === 'exp' ||
          op === 'sigmoid' ||
          op === 'log' ||
          op === 'tanh' ||
          op === 'sin' ||
          op === 'cos')
      ) {
        const fn = float32Kernels[op];
        // sigmoid's vector kernel runs on blocks of 16; PyTorch computes the last n % 16 with
        // the scalar formula 1 / (1 + exp(-x)) (glibc's expf).
        const vectorEnd = op === 'sigmoid' ? n - (n % 16) : n;
        for (let i = 0; i < vectorEnd; i++) out[i] = fn(a[ao + i] ?? 0);
        for (let i = vectorEnd; i < n; i++) {
          out[i] = 1 / Math.fround(1 + expfLibm(-(a[ao + i] ?? 0)));
        }
        return;
      }
      if (out instanceof Float64Array && float64Kernel(op, a, ao, out, n)) return;
      switch (op) {
        case 'neg':
          for (let i = 0; i < n; i++) out[i] = -(a[ao + i] ?? 0);
          return;
        case 'exp':
          for (let i = 0; i < n; i++) out[i] = Math.exp(a[ao + i] ?? 0);
          return;
        case 'log':
          for (let i = 0; i < n; i++) out[i] = Math.log(a[ao + i] ?? 0);
          return;
        case 'sqrt':
          for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[ao + i] ?? 0);
          return;
        case 'abs':
          for (let i = 0; i < n; i++) out[i] = Math.abs(a[ao + i] ?? 0);
          return;
        case 'sin':
          for (let i = 0; i < n; i++) out[i] = Math.sin(a[ao + i] ?? 0);
          return;
        case 'cos':
          for (let i = 0; i < n; i++) out[i] = Math.cos(a[ao + i] ?? 0);
          return;
        case 'tanh':
          for (let i = 0; i < n; i++) out[i] = Math.tanh(a[ao + i] ?? 0);
          return;
        case 'sigmoid':
          for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-(a[ao + i] ?? 0)));
          return;
        case 'relu':
          for (let i = 0; i < n; i++) {
            const x = a[ao + i] ?? 0;
            out[i] = x > 0 || x !== x ? x : 0;
          }
          return;
        case 'reciprocal':
          for (let i = 0; i < n; i++) out[i] = 1 / (a[ao + i] ?? 0);
          return;
        case 'sign':
          for (let i = 0; i < n; i++) {
            const x = a[ao + i] ?? 0;
            out[i] = x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
          }
          return;
        case 'square':
          for (let i = 0; i < n; i++) {
            const x = a[ao + i] ?? 0;
            out[i] = x * x;
          }
          return;
        case 'not':
          for (let i = 0; i < n; i++) out[i] = a[ao + i] === 0 ? 1 : 0;
          return;
      }
    },
);

function unaryLoop(op: UnaryKernel, a: Storage, ao: number, out: Storage, n: number): void {
  pick(unaryLoopKernels, out)(op, a, ao, out, n);
}

/**
 * Which elements of a strided layout PyTorch's vectorized loop leaves to its scalar tail, in
 * row-major order (1 = scalar): TensorIterator walks the layout in memory order, merging
 * dimensions that are contiguous with the one inside, and runs the vector body on whole blocks
 * of each innermost run; a run that is not unit-stride gets no vector body at all.
 */
function scalarTail(a: Layout, block: number): Uint8Array {
  const ndim = a.shape.length;
  const n = numelOf(a.shape);
  const mask = new Uint8Array(n);
  const dims = [...Array(ndim).keys()]
    .filter((d) => (a.shape[d] ?? 1) > 1)
    .sort((x, y) => (a.strides[x] ?? 0) - (a.strides[y] ?? 0));
  const inner = dims[0];
  if (inner === undefined) return mask.fill(n % block === 0 ? 0 : 1);
  if (a.strides[inner] !== 1) return mask.fill(1);
  const runDims = new Set<number>([inner]);
  let run = a.shape[inner] ?? 1;
  for (const d of dims.slice(1)) {
    if (a.strides[d] !== run) break;
    runDims.add(d);
    run *= a.shape[d] ?? 1;
  }
  const vectorEnd = run - (run % block);
  const index = new Array<number>(ndim).fill(0);
  for (let i = 0; i < n; i++) {
    let at = 0;
    for (const d of runDims) at += (index[d] ?? 0) * (a.strides[d] ?? 0);
    mask[i] = at >= vectorEnd ? 1 : 0;
    for (let d = ndim - 1; d >= 0; d--) {
      const next = (index[d] ?? 0) + 1;
      if (next < (a.shape[d] ?? 1)) {
        index[d] = next;
        break;
      }
      index[d] = 0;
    }
  }
  return mask;
}

/**
 * sigmoid of a strided layout, float32 or float64: the vector formula (SLEEF) on each innermost
 * run's whole blocks (16 floats, 8 doubles) and `1 / (1 + exp(−x))` (libm) on the rest.
 */
function stridedSigmoid(a: Layout, out: Float32Array | Float64Array): void {
  const x = gather(a, out instanceof Float32Array ? 'float32' : 'float64');
  const single = out instanceof Float32Array;
  const tail = scalarTail(a, single ? 16 : 8);
  for (let i = 0; i < x.length; i++) {
    const v = x[i] ?? 0;
    if (single) {
      out[i] = tail[i] ? 1 / Math.fround(1 + expfLibm(-v)) : sigmoidf(v);
    } else {
      out[i] = tail[i] ? 1 / (1 + expLibm(-v)) : sleef64.sigmoid(v);
    }
  }
}

/** `out = op(a)` elementwise, contiguous result. */
export function unary(op: UnaryKernel, a: Layout, outDtype: DType): KernelResult {
  const shape = [...a.shape];
  const n = numelOf(shape);
  const out = allocate(outDtype, n);
  if (isDense(a) && a.offset === 0 && a.data.length === n && op === 'relu') {
    const src = a.data;
    for (let i = 0; i < n; i++) {
      const x = src[i] ?? 0;
      out[i] = x > 0 || x !== x ? x : 0;
    }
  } else if (isDense(a)) unaryLoop(op, a.data, a.offset, out, n);
  else if (op === 'sigmoid' && (out instanceof Float32Array || out instanceof Float64Array)) {
    stridedSigmoid(a, out);
  } else
    unaryLoop(op, gather(a, a.data instanceof Float32Array ? 'float32' : 'float64'), 0, out, n);
  if (outDtype === 'int64' || outDtype === 'float16') normalize(out, outDtype);
  return {data: out, shape};
}

/** `clamp(a, lo, hi)` elementwise (NaN bounds propagate as in PyTorch). */
export function clampKernel(
  a: Layout,
  lo: number | null,
  hi: number | null,
  outDtype: DType,
): KernelResult {
  const shape = [...a.shape];
  const n = numelOf(shape);
  const out = allocate(outDtype, n);
  const src = isDense(a) ? a.data : gather(a, 'float64');
  const o = isDense(a) ? a.offset : 0;
  const low = lo ?? -Infinity;
  const high = hi ?? Infinity;
  for (let i = 0; i < n; i++) {
    const x = src[o + i] ?? 0;
    // PyTorch: min(max(x, lo), hi), NaN in x or a bound gives NaN.
    const m = x !== x || low !== low ? NaN : x < low ? low : x;
    out[i] = m !== m || high !== high ? NaN : m > high ? high : m;
  }
  return {data: out, shape};
}
