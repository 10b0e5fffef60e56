/**
 * Reductions: sum, mean, max, norm, and sumTo (the broadcasting gradient's reduction). Forward
 * and backward side by side; a reduced dim's gradient is the output gradient expanded back.
 */
import type {DType, Scalar} from '../dtype.js';
import {allocate, isFloating, roundHalf, scalarTypeName} from '../dtype.js';
import {isGradEnabled} from '../gradmode.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {SERIAL_NUMEL, torchSum} from '../kernels/cascade.js';
import {fma32} from '../kernels/sleef.js';
import {sumSquaresRow} from '../kernels/vecreduce.js';
import {reduceDim, sumAll} from '../kernels/reduce.js';
import {binary} from '../kernels/elementwise.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, Formula, OpDeclaration, PythonCallContext} from '../op.js';
import {numelOf, sameShape, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import type {ReduceOptions} from '../tensor.js';
import * as arith from './arith.js';
import * as unary from './unary.js';
import * as convert from './convert.js';
import {fromKernel, grad0, layoutOf} from './util.js';

const SUM0 = declareNode('SumBackward0', true, [1]);
const SUM1 = declareNode('SumBackward1', true, [1]);
const meanGrad: readonly [Formula] = [{div: [1, {reducedCount: true}]}];
const MEAN0 = declareNode('MeanBackward0', true, meanGrad);
const MEAN1 = declareNode('MeanBackward1', true, meanGrad);
const MAX0 = declareNode('MaxBackward0', false);
const MAX1 = declareNode('MaxBackward1', false);
const MIN0 = declareNode('MinBackward0', false);
const MIN1 = declareNode('MinBackward1', false);
const NORM1 = declareNode('NormBackward1', false);

/** Normalises a `dim` argument into sorted unique dims; null means all dims. */
function dimsOf(dim: Int | readonly Int[] | null | undefined, ndim: number): number[] | null {
  if (dim === null || dim === undefined) return null;
  const list = typeof dim === 'object' ? dim : [dim];
  const dims = list.map((d) => wrapDim(d, ndim));
  for (let i = 0; i < dims.length; i++) {
    if (dims.indexOf(dims[i] ?? -1) !== i) {
      throw runtimeError(`dim ${dims[i]} appears multiple times in the list of dims`);
    }
  }
  return [...dims].sort((a, b) => a - b);
}

/** Sums contiguous `data` of `shape` over `dims` (kept as size 1). */
function sumDims(
  data: Tensor['data'],
  shape: readonly number[],
  dims: readonly number[],
  dtype: DType,
): Tensor['data'] {
  let cur = data;
  const cs = [...shape];
  for (const d of [...dims].reverse()) {
    const outer = numelOf(cs.slice(0, d));
    const inner = numelOf(cs.slice(d + 1));
    cur = reduceDim('sum', cur, outer, cs[d] ?? 1, inner, dtype);
    cs[d] = 1;
  }
  return cur;
}

function reducedShape(
  shape: readonly number[],
  dims: readonly number[] | null,
  keepdim: boolean,
): number[] {
  if (dims === null) return keepdim ? shape.map(() => 1) : [];
  return shape.flatMap((s, i) => (dims.includes(i) ? (keepdim ? [1] : []) : [s]));
}

/** Expands a reduced gradient back over `dims` of `shape` (unsqueezing them unless kept). */
function expandBack(
  g: Tensor,
  shape: readonly number[],
  dims: readonly number[] | null,
  keepdim: boolean,
): Tensor {
  let cur = g;
  if (!keepdim) {
    const ds = dims ?? shape.map((_, i) => i);
    for (const d of ds) cur = cur.unsqueeze(d);
  }
  return cur.expand([...shape]);
}

function sumForward(x: Tensor, dims: number[] | null, keepdim: boolean, dtype: DType): Tensor {
  const src = x.dtype === dtype ? x : convert.castData(x, dtype);
  const shape = reducedShape(x.shape, dims, keepdim);
  if (isFloating(dtype) && x.numel() < SERIAL_NUMEL) {
    // PyTorch's own order of float32 additions, so sums round as PyTorch's do.
    const all = dims === null;
    return new Tensor(
      torchSum(
        src,
        x.shape.map((_, d) => all || dims.includes(d)),
      ),
      shape,
      dtype,
    );
  }
  if (!src.isContiguous()) return sumForward(src.contiguous(), dims, keepdim, dtype);
  if (dims === null || dims.length === x.shape.length) {
    const data = allocate(dtype, 1);
    data[0] = sumAll(src.data, src.offset, src.numel());
    return new Tensor(data, shape, dtype);
  }
  const base = src.offset === 0 && src.data.length === src.numel() ? src.data : gather(src, dtype);
  return new Tensor(sumDims(base, x.shape, dims, dtype), shape, dtype);
}

/** `torch.sum(x, dim=None, keepdim=False, dtype=None)`: SumBackward0 (all) or SumBackward1 (dim). */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const dims = dimsOf(options.dim, x.shape.length);
  const keepdim = options.keepdim ?? false;
  const dtype = options.dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64');
  const out = sumForward(x, dims, keepdim, dtype);
  const inShape = x.shape;
  if (needsGrad(x)) {
    attach(dims === null ? SUM0 : SUM1, [x], [out], (grads) => [
      expandBack(grad0(grads), inShape, dims, dims === null ? false : keepdim),
    ]);
  }
  reportOp('sum', [x], {dim: dims, keepdim}, [out]);
  return out;
}

/** `torch.mean(x, dim=None, keepdim=False, dtype=None)`: MeanBackward0 (all) or MeanBackward1 (dim). */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  const dtype = options.dtype ?? x.dtype;
  if (!isFloating(dtype)) {
    throw runtimeError(
      'mean(): could not infer output dtype. Input dtype must be either a floating point or ' +
        `complex dtype. Got: ${scalarTypeName(dtype)}`,
    );
  }
  const dims = dimsOf(options.dim, x.shape.length);
  const keepdim = options.keepdim ?? false;
  const out = sumForward(x, dims, keepdim, dtype);
  const count = dims === null ? x.numel() : numelOf(dims.map((d) => x.shape[d] ?? 1));
  const d = out.data;
  // float16: the sum is rounded to half, then divided in float and rounded again, as PyTorch's
  // CPU mean (sum(...).div_(count)) does.
  const round = dtype === 'float16' ? roundHalf : (v: number) => v;
  for (let i = 0; i < d.length; i++) d[i] = round((d[i] ?? 0) / count);
  const inShape = x.shape;
  if (needsGrad(x)) {
    attach(dims === null ? MEAN0 : MEAN1, [x], [out], (grads) => [
      arith.div(expandBack(grad0(grads), inShape, dims, dims === null ? false : keepdim), count),
    ]);
  }
  reportOp('mean', [x], {dim: dims, keepdim}, [out]);
  return out;
}

/** Which extremum: the names of its kernels, nodes and messages follow from it. */
type Extremum = 'max' | 'min';

/** `x.max()`: the largest element (NaN if any); MaxBackward1 shares the gradient among ties. */
export function maxAll(x: Tensor): Tensor {
  return extremumAll(x, 'max');
}

/** `x.min()`: the smallest element (NaN if any); MinBackward1, as max. */
export function minAll(x: Tensor): Tensor {
  return extremumAll(x, 'min');
}

/** `x.max(dim, keepdim=False)`: `[values, indices]`; MaxBackward0 routes the gradient to the indices. */
export function maxDim(x: Tensor, dimArg: Int, keepdim: boolean): [Tensor, Tensor] {
  return extremumDim(x, dimArg, keepdim, 'max');
}

/** `x.min(dim, keepdim=False)`: `[values, indices]`; MinBackward0, as max. */
export function minDim(x: Tensor, dimArg: Int, keepdim: boolean): [Tensor, Tensor] {
  return extremumDim(x, dimArg, keepdim, 'min');
}

function extremumAll(x: Tensor, kind: Extremum): Tensor {
  if (x.numel() === 0) {
    throw runtimeError(
      `${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const flat = gather(x, x.dtype);
  const best = reduceDim(kind, flat, 1, flat.length, 1, x.dtype);
  const out = new Tensor(best, [], x.dtype);
  if (needsGrad(x)) {
    attach(
      kind === 'max' ? MAX1 : MIN1,
      [x],
      [out],
      (grads, saved) => {
        const g = grad0(grads);
        const s = saved[0] ?? x;
        const r = saved[1] ?? out;
        const mask = fromKernel(binary('eq', s, r, s.dtype), s.dtype);
        const count = sum(mask);
        const res = arith.mul(mask, arith.div(g, count));
        // PyTorch builds it with zeros_like(x).masked_fill_(…): written once, version 1.
        res.version.value = 1;
        return [res];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp(kind, [x], {}, [out]);
  return out;
}

function extremumDim(x: Tensor, dimArg: Int, keepdim: boolean, kind: Extremum): [Tensor, Tensor] {
  const d = wrapDim(dimArg, x.shape.length);
  const src = gather(x, x.dtype);
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  const size = x.shape[d] ?? 1;
  if (size === 0) {
    throw new TorchError(
      'IndexError',
      `${kind}(): Expected reduction dim ${d} to have non-zero size.`,
    );
  }
  const shape = reducedShape(x.shape, x.shape.length === 0 ? null : [d], keepdim);
  const values = new Tensor(reduceDim(kind, src, outer, size, inner, x.dtype), shape, x.dtype);
  const argKind = kind === 'max' ? 'argmax' : 'argmin';
  const indices = new Tensor(reduceDim(argKind, src, outer, size, inner, 'int64'), shape, 'int64');
  const inShape = x.shape;
  if (needsGrad(x)) {
    attach(
      kind === 'max' ? MAX0 : MIN0,
      [x],
      [values],
      (grads, saved) => {
        const g = grads[0] ?? null;
        const idx = saved[0] ?? indices;
        const out = new Tensor(allocate(x.dtype, numelOf(inShape)), [...inShape], x.dtype);
        // PyTorch builds it with zeros(…).scatter_(…): version 2.
        out.version.value = 2;
        if (g === null) return [out];
        const gv = gather(g, x.dtype);
        const iv = gather(idx, 'int64');
        for (let o = 0; o < outer; o++) {
          for (let i = 0; i < inner; i++) {
            const k = iv[o * inner + i] ?? 0;
            out.data[(o * size + k) * inner + i] = gv[o * inner + i] ?? 0;
          }
        }
        return [out];
      },
      () => [save(indices, true)],
    );
  }
  reportOp(kind, [x], {dim: d, keepdim}, [values, indices]);
  return [values, indices];
}

/**
 * `x.norm(p=2, dim=None, keepdim=False)`: (Σ|x|^p)^(1/p); NormBackward1. ∂ for p=2 is
 * grad·x/‖x‖ (0 where the norm is 0), for p=1 grad·sign(x), else grad·x·|x|^(p-2)/‖x‖^(p-1).
 */
export function norm(
  x: Tensor,
  options: {p?: number | bigint | boolean; dim?: Int | readonly Int[] | null; keepdim?: boolean},
): Tensor {
  if (!isFloating(x.dtype)) {
    throw runtimeError(
      `norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(x.dtype)} instead.`,
    );
  }
  const p = Number(options.p ?? 2);
  const dims = dimsOf(options.dim, x.shape.length);
  const keepdim = options.keepdim ?? false;
  const out = normForward(x, p, dims, keepdim);
  const inShape = x.shape;
  if (needsGrad(x)) {
    attach(
      NORM1,
      [x],
      [out],
      (grads, saved) => {
        const g = expandBack(grad0(grads), inShape, dims, keepdim);
        const s = saved[0] ?? x;
        const r = expandBack(saved[1] ?? out, inShape, dims, keepdim);
        return [normGrad(g, s, r, p)];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp('norm', [x], {p, dim: dims, keepdim}, [out]);
  return out;
}

/**
 * The 1- and 2-norms in the input's dtype as PyTorch's kernels add them: a contiguous trailing
 * block of reduced dims takes the vectorised path (2-norm), anything else a fused (2-norm) or
 * plain (1-norm) sequential sum over the reduced elements in order.
 */
function normExact(x: Tensor, p: 1 | 2, dims: number[] | null, shape: number[]): Tensor {
  const float32 = x.dtype === 'float32';
  const r = float32 ? Math.fround : (v: number) => v;
  const data = gather(x, x.dtype);
  const all = dims ?? x.shape.map((_, i) => i);
  const outN = numelOf(shape);
  const out = allocate(x.dtype, outN);
  const count = numelOf(all.map((d) => x.shape[d] ?? 1));
  const trailing = all.every((d, i) => d === x.shape.length - all.length + i);
  if (p === 2 && trailing && x.isContiguous()) {
    for (let o = 0; o < outN; o++)
      out[o] = r(Math.sqrt(sumSquaresRow(data, o * count, count, float32)));
    return new Tensor(out, shape, x.dtype);
  }
  // Each output's reduced elements in row-major order: the offsets within one output are the
  // same for all, so they are computed once.
  const strides = x.shape.map((_, d) => numelOf(x.shape.slice(d + 1)));
  const kept = x.shape.map((_, d) => d).filter((d) => !all.includes(d));
  const offsetOf = (index: number, dims: readonly number[]): number => {
    let at = 0;
    for (let k = dims.length - 1; k >= 0; k--) {
      const d = dims[k] ?? 0;
      const size = x.shape[d] ?? 1;
      at += (index % size) * (strides[d] ?? 0);
      index = Math.floor(index / size);
    }
    return at;
  };
  const within = Array.from({length: count}, (_, i) => offsetOf(i, all));
  const mulAdd = float32 ? fma32 : (a: number, b: number, c: number) => a * b + c;
  for (let o = 0; o < outN; o++) {
    const base = offsetOf(o, kept);
    let acc = 0;
    for (const at of within) {
      const v = data[base + at] ?? 0;
      acc = p === 2 ? mulAdd(v, v, acc) : r(acc + Math.abs(v));
    }
    out[o] = p === 2 ? r(Math.sqrt(acc)) : acc;
  }
  return new Tensor(out, shape, x.dtype);
}

function normForward(x: Tensor, p: number, dims: number[] | null, keepdim: boolean): Tensor {
  if ((p === 1 || p === 2) && x.numel() > 0) {
    return normExact(x, p, dims, reducedShape(x.shape, dims, keepdim));
  }
  const values = gather(x, 'float64');
  const shape = reducedShape(x.shape, dims, keepdim);
  const all = dims ?? x.shape.map((_, i) => i);
  let powered: Float64Array;
  if (p === Infinity || p === -Infinity) {
    powered = values.map((v) => Math.abs(v)) as Float64Array;
  } else {
    powered = (values as Float64Array).map((v) =>
      p === 2 ? v * v : p === 1 ? Math.abs(v) : p === 0 ? (v !== 0 ? 1 : 0) : Math.abs(v) ** p,
    );
  }
  let reduced: Tensor['data'];
  if (p === Infinity || p === -Infinity) {
    reduced = powered;
    const cs = [...x.shape];
    for (const d of [...all].reverse()) {
      reduced = reduceDim(
        p > 0 ? 'max' : 'min',
        reduced,
        numelOf(cs.slice(0, d)),
        cs[d] ?? 1,
        numelOf(cs.slice(d + 1)),
        'float64',
      );
      cs[d] = 1;
    }
  } else {
    reduced = sumDims(powered, x.shape, all, 'float64');
    for (let i = 0; i < reduced.length; i++) {
      const s = reduced[i] ?? 0;
      reduced[i] = p === 2 ? Math.sqrt(s) : p === 1 || p === 0 ? s : s ** (1 / p);
    }
  }
  const out = new Tensor(
    x.dtype === 'float32' ? Float32Array.from(reduced) : Float64Array.from(reduced),
    shape,
    x.dtype,
  );
  return out;
}

function normGrad(g: Tensor, x: Tensor, normv: Tensor, p: number): Tensor {
  if (p === 0) return arith.mul(g, 0);
  if (p === 1) return fromKernel(binary('signGrad', g, x, g.dtype), g.dtype);
  if (p === 2) {
    const scaled = arith.mul(g, arith.div(x, normv));
    return zeroWhereZero(scaled, normv);
  }
  if (p === Infinity || p === -Infinity) {
    const mask = fromKernel(binary('eq', unary.abs(x), normv, x.dtype), x.dtype);
    const sign = fromKernel(binary('signGrad', mask, x, x.dtype), x.dtype);
    return arith.mul(arith.div(sign, sum(mask)), g);
  }
  const absx = unary.abs(x);
  const num = arith.mul(x, arith.pow(absx, p - 2));
  return zeroWhereZero(arith.mul(g, arith.div(num, arith.pow(normv, p - 1))), normv);
}

function zeroWhereZero(v: Tensor, normv: Tensor): Tensor {
  const nz = fromKernel(binary('ne', normv, layoutOf(0, normv.dtype), 'bool'), 'bool');
  const res = binary('mul', v, nz, v.dtype);
  for (let i = 0; i < res.data.length; i++) if (res.data[i] !== res.data[i]) res.data[i] = 0;
  return fromKernel(res, v.dtype);
}

/** Sums a (broadcast) gradient down to `shape`: PyTorch's `sum_to`. */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  if (isGradEnabled() && g.requiresGrad) return sumToRecorded(g, shape);
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  if (isFloating(g.dtype) && g.numel() < SERIAL_NUMEL) {
    return new Tensor(
      torchSum(
        g,
        g.shape.map((_, d) => dims.includes(d)),
      ),
      [...shape],
      g.dtype,
    );
  }
  const src = gather(g, g.dtype);
  const data = dims.length ? sumDims(src, g.shape, dims, g.dtype) : src;
  return new Tensor(data, [...shape], g.dtype);
}

/**
 * `sum_to` as recorded ops, for create_graph=True: `sum()` to a scalar, else `sum(dims,
 * keepdim=True)` then `view` when leading dims go (SumBackward0/1, ViewBackward0, as PyTorch).
 */
function sumToRecorded(g: Tensor, shape: readonly number[]): Tensor {
  if (shape.length === 0) return sum(g);
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  const summed = dims.length > 0 ? sum(g, {dim: dims, keepdim: true}) : g;
  return lead > 0 ? summed.view([...shape]) : summed;
}

/** Options of `norm` (`p`, `dim`, `keepdim`). */
export interface NormOptions {
  p?: Scalar;
  dim?: Int | readonly Int[] | null;
  keepdim?: boolean;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `sum(dim=None, keepdim=False, dtype=None)`. */
    sum(options?: ReduceOptions): Tensor;
    /** `mean(dim=None, keepdim=False, dtype=None)`. */
    mean(options?: ReduceOptions): Tensor;
    /** `max()`: the largest element; `max(dim, keepdim=False)`: `[values, indices]`. */
    max(): Tensor;
    max(options: {dim: Int; keepdim?: boolean}): [Tensor, Tensor];
    /** `min()`: the smallest element; `min(dim, keepdim=False)`: `[values, indices]`. */
    min(): Tensor;
    min(options: {dim: Int; keepdim?: boolean}): [Tensor, Tensor];
    /** `norm(p=2, dim=None, keepdim=False)` (p is 2 or 1, or any positive number). */
    norm(options?: NormOptions): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.sum(input, dim=None, keepdim=False, dtype=None)`. */
    sum(x: Tensor, options?: ReduceOptions): Tensor;
    /** `torch.mean(input, dim=None, keepdim=False, dtype=None)`. */
    mean(x: Tensor, options?: ReduceOptions): Tensor;
    /** `torch.max(input)`. */
    max(x: Tensor): Tensor;
    /** `torch.min(input)`: the smallest element (MinBackward1). */
    min(x: Tensor): Tensor;
    /** `torch.norm(input, p=2, dim=None, keepdim=False)`. */
    norm(x: Tensor, options?: NormOptions): Tensor;
  }
}

const reduceOverloads = [
  overload('(*, torch.dtype dtype)', 0, 1),
  overload('(tuple of ints dim, bool keepdim, *, torch.dtype dtype)', 1, 3),
  overload('(tuple of names dim, bool keepdim, *, torch.dtype dtype)', 1, 3),
];
const reduceForms = [
  overload('(Tensor input, *, torch.dtype dtype)', 1, 2),
  overload(
    '(Tensor input, tuple of ints dim, bool keepdim, *, torch.dtype dtype, Tensor out)',
    2,
    6,
  ),
  overload(
    '(Tensor input, tuple of names dim, bool keepdim, *, torch.dtype dtype, Tensor out)',
    2,
    6,
  ),
];

function reduceOptions(a: BoundArgs): ReduceOptions {
  const dtype = a.get('dtype') as DType | null;
  return {
    dim: a.get('dim') as Int | Int[] | null,
    keepdim: a.get('keepdim') === true,
    ...(dtype ? {dtype} : {}),
  };
}

function extremumDeclaration(kind: 'max' | 'min'): OpDeclaration {
  const all = kind === 'max' ? maxAll : minAll;
  const byDim = kind === 'max' ? maxDim : minDim;
  function method(this: Tensor, options?: {dim: Int; keepdim?: boolean}) {
    return options === undefined ? all(this) : byDim(this, options.dim, options.keepdim ?? false);
  }
  return declareOp({
    name: kind,
    nodes: kind === 'max' ? [MAX0, MAX1] : [MIN0, MIN1],
    methods: {[kind]: method},
    functions: {[kind]: (x: Tensor) => all(x)},
    python: {
      [kind]: {
        method: `${kind}(any dim=None, bool keepdim=False, Tensor? other=None)`,
        overloads: [
          overload('()', 0, 0),
          overload('(Tensor other)', 1, 1),
          overload('(int dim, bool keepdim)', 1, 2),
          overload('(name dim, bool keepdim)', 1, 2),
        ],
        function: [
          overload('(Tensor input)', 1, 1),
          overload('(Tensor input, Tensor other, *, Tensor out)', 2, 3),
          overload('(Tensor input, int dim, bool keepdim, *, tuple of Tensors out)', 2, 4),
          overload('(Tensor input, name dim, bool keepdim, *, tuple of Tensors out)', 2, 4),
        ],
        returns: {namedTuple: `torch.return_types.${kind}`, fields: ['values', 'indices']},
        call: (t, a, ctx) => {
          // `max(Tensor other)` is tried before `max(int dim)`: a 0-dim int tensor is `other`.
          const first = a.get('dim');
          const other = first instanceof Tensor ? first : (a.get('other') as Tensor | null);
          if (other !== null) {
            if (a.get('keepdim') === true || (first !== null && first !== other)) {
              ctx.invalidArguments();
            }
            // Through the method extremum.ts installs (importing it here would close a cycle).
            return kind === 'max' ? t.maximum(other) : t.minimum(other);
          }
          if (first !== null && typeof first !== 'bigint') ctx.invalidArguments();
          const dim = first === null ? null : ctx.int(first);
          if (dim === null) {
            // No overload takes keepdim without dim.
            if (a.get('keepdim') === true) ctx.invalidArguments();
            return all(t);
          }
          return byDim(t, dim, a.get('keepdim') === true);
        },
      },
    },
  });
}

/**
 * PyTorch 1.13's `norm(p='fro', dim=…)` calls `frobenius_norm(input, [dim] if an int else dim)`:
 * its argument parser's errors for anything but an int or a sequence of at most two ints.
 */
function checkFrobeniusDim(dim: unknown, ctx: PythonCallContext): void {
  if (dim === null || dim === undefined || typeof dim === 'bigint') return;
  const items = typeof dim === 'boolean' ? null : ctx.sequence(dim);
  if (items === null) {
    // A bool is not an int here: [True] is refused whole, as a list.
    const what = typeof dim === 'boolean' ? 'list' : ctx.typeName(dim);
    throw new TorchError(
      'TypeError',
      `frobenius_norm(): argument 'dim' (position 2) must be tuple of ints, not ${what}`,
    );
  }
  items.forEach((v, i) => {
    if (typeof v !== 'bigint') {
      throw new TorchError(
        'TypeError',
        `frobenius_norm(): argument 'dim' must be tuple of ints, but found element of type ${ctx.typeName(v)} at pos ${i + 1}`,
      );
    }
  });
  if (items.length > 2) {
    throw runtimeError(
      `Expected at most 2 dimensions, but got ${items.length} dimensions instead.`,
    );
  }
}

/** `Tensor.norm`'s Python arguments (PyTorch writes it in Python) as NormOptions. */
function normOptions(a: BoundArgs, ctx: PythonCallContext): NormOptions {
  const p = a.get('p');
  if (typeof p === 'string' && p !== 'fro') {
    throw new TorchError(
      'NotImplementedError',
      `norm(p='${p}') is not supported by grad-graph yet`,
    );
  }
  if (p === 'fro') checkFrobeniusDim(a.get('dim'), ctx);
  const out: NormOptions = {};
  if (typeof p === 'number' || typeof p === 'bigint' || typeof p === 'boolean') out.p = p;
  const dim = ctx.dims(a.get('dim'));
  if (dim !== null) out.dim = dim;
  if (a.get('keepdim') === true) out.keepdim = true;
  return out;
}

/** sum, mean, max, min, norm. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'sum',
    nodes: [SUM0, SUM1],
    methods: {
      sum(this: Tensor, options: ReduceOptions = {}) {
        return sum(this, options);
      },
    },
    functions: {sum: (x: Tensor, options: ReduceOptions = {}) => sum(x, options)},
    python: {
      sum: {
        method: 'sum(ints? dim=None, bool keepdim=False, *, dtype? dtype=None)',
        overloads: reduceOverloads,
        function: reduceForms,
        out: 'dtype',
        call: (t, a) => sum(t, reduceOptions(a)),
      },
    },
  }),
  declareOp({
    name: 'mean',
    nodes: [MEAN0, MEAN1],
    methods: {
      mean(this: Tensor, options: ReduceOptions = {}) {
        return mean(this, options);
      },
    },
    functions: {mean: (x: Tensor, options: ReduceOptions = {}) => mean(x, options)},
    python: {
      mean: {
        method: 'mean(ints? dim=None, bool keepdim=False, *, dtype? dtype=None)',
        overloads: reduceOverloads,
        function: reduceForms,
        out: 'cast',
        call: (t, a) => mean(t, reduceOptions(a)),
      },
    },
  }),
  extremumDeclaration('max'),
  extremumDeclaration('min'),
  declareOp({
    name: 'norm',
    nodes: [NORM1],
    methods: {
      norm(this: Tensor, options: NormOptions = {}) {
        return norm(this, options);
      },
    },
    functions: {norm: (x: Tensor, options: NormOptions = {}) => norm(x, options)},
    python: {
      norm: {
        method: 'Tensor.norm(any p=fro, any dim=None, any keepdim=False, any dtype=None)',
        style: 'python',
        function: true,
        call: (t, a, ctx) => norm(t, normOptions(a, ctx)),
      },
    },
  }),
];
