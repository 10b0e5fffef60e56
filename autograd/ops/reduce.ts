/**
 * Reductions: sum, mean, max, min, and sumTo (the broadcasting gradient's reduction). Forward
 * and backward side by side; a reduced dim's gradient is the output gradient expanded back.
 */
import type {DType} from '../dtype.js';
import {allocate, isFloating, roundHalf, scalarTypeName} from '../dtype.js';
import {isGradEnabled} from '../gradmode.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {SERIAL_NUMEL, torchSum} from '../kernels/cascade.js';
import {reduceDim, sumAll} from '../kernels/reduce.js';
import {binary} from '../kernels/elementwise.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, Formula, OpDeclaration} from '../op.js';
import {numelOf, sameShape, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import type {ReduceOptions} from '../tensor.js';
import * as arith from './arith.js';
import * as convert from './convert.js';
import {fromKernel, grad0} from './util.js';

const SUM0 = declareNode('SumBackward0', true, [1]);
const SUM1 = declareNode('SumBackward1', true, [1]);
const meanGrad: readonly [Formula] = [{div: [1, {reducedCount: true}]}];
const MEAN0 = declareNode('MeanBackward0', true, meanGrad);
const MEAN1 = declareNode('MeanBackward1', true, meanGrad);
const MAX0 = declareNode('MaxBackward0', false);
const MAX1 = declareNode('MaxBackward1', false);
const MIN0 = declareNode('MinBackward0', false);
const MIN1 = declareNode('MinBackward1', false);

/** Normalises a `dim` argument into sorted unique dims; null means all dims. */
export function dimsOf(
  dim: Int | readonly Int[] | null | undefined,
  ndim: number,
): number[] | null {
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
export function sumDims(
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

export function reducedShape(
  shape: readonly number[],
  dims: readonly number[] | null,
  keepdim: boolean,
): number[] {
  if (dims === null) return keepdim ? shape.map(() => 1) : [];
  return shape.flatMap((s, i) => (dims.includes(i) ? (keepdim ? [1] : []) : [s]));
}

/** Expands a reduced gradient back over `dims` of `shape` (unsqueezing them unless kept). */
export function expandBack(
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
    // mean_backward: sum_backward(grad, …) / numel, a division by a C++ int (DivBackward1).
    attach(dims === null ? MEAN0 : MEAN1, [x], [out], (grads) => [
      arith.scalarOp(
        'div',
        expandBack(grad0(grads), inShape, dims, dims === null ? false : keepdim),
        count,
      ),
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

/** sum, mean, max, min. */
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
];
