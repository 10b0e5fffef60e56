/**
 * Statistics over dimensions, as PyTorch 1.13 computes them on the CPU:
 * - `var`/`std` (VarBackward0, StdBackward0): over everything, the float32 mean in double and the
 *   squared deviations summed in double (std_var_all_cpu); over dims, Welford's running mean and
 *   M2 in double; the result rounded once. Backward: (2/dof)·grad·(x − mean).
 * - `prod` (ProdBackward0/1): backward grad·(result/x), or the exclusive products from both sides
 *   where x has zeros.
 * - `logsumexp` (LogsumexpBackward0): max + log Σ exp(x − max), by PyTorch's own ops.
 * - `amax`/`amin` (AmaxBackward0, AminBackward0): the gradient shared evenly among ties.
 */
import type {DType} from '../dtype.js';
import {allocate, isFloating, refuseHalf} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {numelOf, toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import * as unary from './unary.js';
import {cat} from './join.js';
import {flip} from './rearrange.js';
import {mean, sum} from './reduce.js';
import {cumprod} from './scan.js';
import {grad0, quietly} from './util.js';
import {expand, slice, unsqueeze} from './views.js';
import * as factories from './factories.js';
import {compare} from './compare.js';

const VAR = declareNode('VarBackward0', true);
const STD = declareNode('StdBackward0', true);
const PROD0 = declareNode('ProdBackward0', true);
const PROD1 = declareNode('ProdBackward1', true);
const LOGSUMEXP = declareNode('LogsumexpBackward0', true);
const AMAX = declareNode('AmaxBackward0', true);
const AMIN = declareNode('AminBackward0', true);

/** Sorted unique dims, or every dim for null / an empty list. */
function dimsOf(dim: Int | readonly Int[] | null | undefined, ndim: number): number[] {
  if (dim === null || dim === undefined) return Array.from({length: ndim}, (_, i) => i);
  const list = typeof dim === 'object' ? dim : [dim];
  if (list.length === 0) return Array.from({length: ndim}, (_, i) => i);
  return [...new Set(list.map((d) => wrapDim(d, Math.max(ndim, 1))))].sort((a, b) => a - b);
}

function keptShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  return shape.flatMap((s, i) => (dims.includes(i) ? (keepdim ? [1] : []) : [s]));
}

/**
 * Visits each output of a reduction over `dims`: `reduce(values)` gets the reduced elements of one
 * output, in row-major order of x.
 */
function reduceOver(
  x: Tensor,
  dims: readonly number[],
  dtype: DType,
  reduce: (values: Float64Array) => number,
): Tensor['data'] {
  const data = gather(x, x.dtype);
  const shape = x.shape;
  const kept = shape.map((_, i) => i).filter((d) => !dims.includes(d));
  const outCount = numelOf(kept.map((d) => shape[d] ?? 1));
  const inner = numelOf(dims.map((d) => shape[d] ?? 1));
  const strides = shape.map((_, d) => numelOf(shape.slice(d + 1)));
  const out = allocate(dtype, outCount);
  const values = new Float64Array(inner);
  const keptIndex = new Array<number>(kept.length).fill(0);
  for (let o = 0; o < outCount; o++) {
    const base = kept.reduce((at, d, k) => at + (keptIndex[k] ?? 0) * (strides[d] ?? 0), 0);
    const index = new Array<number>(dims.length).fill(0);
    for (let i = 0; i < inner; i++) {
      const at = dims.reduce((a, d, k) => a + (index[k] ?? 0) * (strides[d] ?? 0), base);
      values[i] = data[at] ?? 0;
      for (let k = dims.length - 1; k >= 0; k--) {
        index[k] = (index[k] ?? 0) + 1;
        if ((index[k] ?? 0) < (shape[dims[k] ?? 0] ?? 1)) break;
        index[k] = 0;
      }
    }
    out[o] = reduce(values);
    for (let k = kept.length - 1; k >= 0; k--) {
      keptIndex[k] = (keptIndex[k] ?? 0) + 1;
      if ((keptIndex[k] ?? 0) < (shape[kept[k] ?? 0] ?? 1)) break;
      keptIndex[k] = 0;
    }
  }
  return out;
}

/** Options of var/std. */
export interface VarOptions {
  dim?: Int | readonly Int[] | null;
  /** Subtracted from the count (1: Bessel's correction, the default; unbiased=False is 0). */
  correction?: number;
  keepdim?: boolean;
}

function varStd(x: Tensor, options: VarOptions, root: boolean): Tensor {
  if (!isFloating(x.dtype)) {
    throw runtimeError('std and var only support floating point and complex dtypes');
  }
  const correction = options.correction ?? 1;
  const keepdim = options.keepdim ?? false;
  const all = options.dim === null || options.dim === undefined;
  const dims = dimsOf(options.dim, x.shape.length);
  const shape = keptShape(x.shape, dims, keepdim);
  const finish = (m2: number, n: number) => {
    const v = m2 / Math.max(0, n - correction);
    return root ? Math.sqrt(v) : v;
  };
  let data: Tensor['data'];
  if (dims.length === x.shape.length) {
    // std_var_all_cpu: the mean in the tensor's dtype, the squared deviations summed in double.
    const m = Number(quietly(() => mean(x)).item());
    const values = gather(x, x.dtype);
    let s = 0;
    for (const v of values) s += (v - m) * (v - m);
    data = allocate(x.dtype, 1);
    data[0] = finish(s, values.length);
  } else {
    data = reduceOver(x, dims, x.dtype, (values) => {
      let meanAcc = 0;
      let m2 = 0;
      values.forEach((v, i) => {
        const delta = v - meanAcc;
        meanAcc += delta / (i + 1);
        m2 += delta * (v - meanAcc);
      });
      return finish(m2, values.length);
    });
  }
  const out = new Tensor(data, shape, x.dtype);
  if (needsGrad(x)) {
    attach(
      root ? STD : VAR,
      [x],
      [out],
      (grads, saved) => {
        let g = grad0(grads);
        const input = saved[0] ?? x;
        if (root) {
          // std_backward: grad / (2·result), 0 where the result is 0.
          const result = saved[1] ?? out;
          const ratio = arith.div(g, arith.mul(result, 2));
          g = arith.mul(ratio, compare('ne', result, 0));
        }
        const dof =
          (all ? input.numel() : numelOf(dims.map((d) => input.shape[d] ?? 1))) - correction;
        if (!all && !keepdim && input.shape.length > 1) {
          for (const d of dims) g = unsqueeze(g, d);
        }
        const centred = arith.sub(
          input,
          all ? mean(input) : mean(input, {dim: dims, keepdim: true}),
        );
        return [arith.mul(arith.mul(g, 2 / dof), centred)];
      },
      () => (root ? [save(x), save(out, true)] : [save(x)]),
    );
  }
  reportOp(root ? 'std' : 'var', [x], {dim: dims, keepdim, correction}, [out]);
  return out;
}

/** `x.var(dim=None, unbiased=True, keepdim=False)` / `correction=`. */
export function variance(x: Tensor, options: VarOptions = {}): Tensor {
  return varStd(x, options, false);
}

/** `x.std(dim=None, unbiased=True, keepdim=False)` / `correction=`. */
export function std(x: Tensor, options: VarOptions = {}): Tensor {
  return varStd(x, options, true);
}

/** `x.prod(dim=None, keepdim=False, dtype=None)`: the product, in the tensor's type. */
export function prod(
  x: Tensor,
  dimArg: Int | null = null,
  keepdim = false,
  dtype?: DType | null,
): Tensor {
  const outType: DType = dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64');
  refuseHalf(outType, 'prod_cpu');
  const all = dimArg === null;
  const dims = all ? dimsOf(null, x.shape.length) : [wrapDim(dimArg, Math.max(1, x.shape.length))];
  const round = outType === 'float32' ? Math.fround : (v: number) => v;
  const data = reduceOver(x, dims, outType, (values) => values.reduce((p, v) => round(p * v), 1));
  const out = new Tensor(data, keptShape(x.shape, dims, all ? false : keepdim), outType);
  if (needsGrad(x)) {
    const dim = dims[0] ?? 0;
    attach(
      all ? PROD0 : PROD1,
      [x],
      [out],
      (grads, saved) => {
        let g = grad0(grads);
        const input = saved[0] ?? x;
        let result = saved[1] ?? out;
        if (input.shape.length === 0) return [g];
        if (all) {
          g = expand(g, input.shape);
          result = expand(result, input.shape);
        } else if (!keepdim && input.shape.length !== 1) {
          g = unsqueeze(g, dim);
          result = unsqueeze(result, dim);
        }
        const zeros = Array.prototype.some.call(gather(input, input.dtype), (v: number) => v === 0);
        if (!zeros) return [arith.mul(g, arith.div(result, input))];
        const flat = all ? input.reshape([-1]) : input;
        const at = all ? 0 : dim;
        const safe = arith.mul(all ? g.reshape([-1]) : g, prodSafeZeros(flat, at));
        return [all ? safe.reshape([...input.shape]) : safe];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp('prod', [x], {dim: all ? null : (dims[0] ?? 0), keepdim}, [out]);
  return out;
}

/** PyTorch's prod_safe_zeros_backward factor: the exclusive products from the left and the right. */
function prodSafeZeros(input: Tensor, dim: number): Tensor {
  const n = input.shape[dim] ?? 1;
  const onesShape = [...input.shape];
  onesShape[dim] = 1;
  const ones = factories.ones(onesShape, {dtype: input.dtype});
  const left = cumprod(cat([ones, slice(input, dim, 0, n - 1)], dim), dim);
  const right = flip(cumprod(cat([ones, flip(slice(input, dim, 1, n), [dim])], dim), dim), [dim]);
  return arith.mul(left, right);
}

/** `torch.logsumexp(x, dim, keepdim=False)`: max + log(Σ exp(x − max)). */
export function logsumexp(x: Tensor, dimArg: Int | readonly Int[], keepdim = false): Tensor {
  refuseHalf(x.dtype, 'exp_vml_cpu');
  const dims = dimsOf(dimArg, x.shape.length);
  const out = quietly(() => {
    const maxes = amax(x, dims, true);
    // Infinite maxima count as 0 (PyTorch's masked_fill_ of |max| == inf).
    const finite = new Tensor(
      Float64Array.from(gather(maxes, maxes.dtype), (v) => (Number.isFinite(v) ? v : 0)),
      [...maxes.shape],
      'float64',
    ).to(maxes.dtype);
    const s = sum(unary.exp(arith.sub(x, finite)), {dim: dims, keepdim: true});
    const r = arith.add(unary.log(s), finite);
    return keepdim ? r : r.reshape(keptShape(x.shape, dims, false));
  });
  const result = new Tensor(gather(out, out.dtype), [...out.shape], out.dtype);
  if (needsGrad(x)) {
    attach(
      LOGSUMEXP,
      [x],
      [result],
      (grads, saved) => {
        let g = grad0(grads);
        const input = saved[0] ?? x;
        let r = saved[1] ?? result;
        if (!keepdim && input.shape.length > 0) {
          for (const d of dims) {
            g = unsqueeze(g, d);
            r = unsqueeze(r, d);
          }
        }
        return [arith.mul(g, unary.exp(arith.sub(input, r)))];
      },
      () => [save(x), save(result, true)],
    );
  }
  reportOp('logsumexp', [x], {dim: dims, keepdim}, [result]);
  return result;
}

function extremum(
  x: Tensor,
  dimArg: Int | readonly Int[] | null,
  keepdim: boolean,
  max: boolean,
): Tensor {
  const dims = dimsOf(dimArg, x.shape.length);
  const pick = (values: Float64Array) => {
    let best = values[0] ?? NaN;
    for (const v of values) {
      if (Number.isNaN(v)) return NaN;
      if (max ? v > best : v < best) best = v;
    }
    return best;
  };
  const out = new Tensor(
    reduceOver(x, dims, x.dtype, pick),
    keptShape(x.shape, dims, keepdim),
    x.dtype,
  );
  if (needsGrad(x)) {
    attach(
      max ? AMAX : AMIN,
      [x],
      [out],
      (grads, saved) => {
        let g = grad0(grads);
        const input = saved[0] ?? x;
        let r = saved[1] ?? out;
        if (!keepdim) {
          for (const d of dims) {
            g = unsqueeze(g, d);
            r = unsqueeze(r, d);
          }
        }
        // scale_grad_by_count: grad / (ties) where x equals the result.
        const mask = compare('eq', input, r);
        const count = sum(mask, {dim: dims, keepdim: true});
        return [arith.mul(arith.div(g, count), mask)];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp(max ? 'amax' : 'amin', [x], {dim: dims, keepdim}, [out]);
  return out;
}

/** `x.amax(dim=(), keepdim=False)`. */
export function amax(x: Tensor, dim: Int | readonly Int[] | null = null, keepdim = false): Tensor {
  return extremum(x, dim, keepdim, true);
}

/** `x.amin(dim=(), keepdim=False)`. */
export function amin(x: Tensor, dim: Int | readonly Int[] | null = null, keepdim = false): Tensor {
  return extremum(x, dim, keepdim, false);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `var(dim=None, unbiased=True, keepdim=False)`. */
    var(options?: VarOptions): Tensor;
    /** `std(dim=None, unbiased=True, keepdim=False)`. */
    std(options?: VarOptions): Tensor;
    /** `prod(dim=None, keepdim=False, dtype=None)`. */
    prod(dim?: Int | null, keepdim?: boolean, dtype?: DType | null): Tensor;
    /** `logsumexp(dim, keepdim=False)`. */
    logsumexp(dim: Int | readonly Int[], keepdim?: boolean): Tensor;
    /** `amax(dim=(), keepdim=False)`. */
    amax(dim?: Int | readonly Int[] | null, keepdim?: boolean): Tensor;
    /** `amin(dim=(), keepdim=False)`. */
    amin(dim?: Int | readonly Int[] | null, keepdim?: boolean): Tensor;
  }
}

/** var/std's Python arguments: `unbiased` (a bool, or the old positional form) or `correction`. */
function varOptions(a: BoundArgs, ctx: PythonCallContext): VarOptions {
  const raw = a.get('dim');
  let dim: Int | Int[] | null | boolean = typeof raw === 'boolean' ? raw : ctx.dims(raw);
  let unbiased = a.get('unbiased');
  if (typeof dim === 'boolean') {
    // var(False): PyTorch's overload var(bool unbiased).
    unbiased = dim;
    dim = null;
  }
  const correction = a.get('correction');
  // correction is an int (PyTorch's parser refuses anything else).
  if (correction !== null && correction !== undefined && typeof correction !== 'bigint') {
    ctx.invalidArguments();
  }
  return {
    dim: typeof dim === 'boolean' ? null : dim,
    correction:
      correction !== null && correction !== undefined
        ? toInt(correction)
        : unbiased === false
          ? 0
          : 1,
    keepdim: a.get('keepdim') === true,
  };
}

const varSignature = (name: string) =>
  `${name}(any dim=None, any unbiased=True, bool keepdim=False, *, any correction=None)`;

/** var, std, prod, logsumexp, amax, amin. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'var',
    nodes: [VAR, STD],
    methods: {
      var(this: Tensor, options?: VarOptions) {
        return variance(this, options);
      },
      std(this: Tensor, options?: VarOptions) {
        return std(this, options);
      },
    },
    python: {
      var: {
        method: varSignature('var'),
        function: true,
        call: (t, a, ctx) => variance(t, varOptions(a, ctx)),
      },
      std: {
        method: varSignature('std'),
        function: true,
        call: (t, a, ctx) => std(t, varOptions(a, ctx)),
      },
    },
  }),
  declareOp({
    name: 'prod',
    nodes: [PROD0, PROD1],
    methods: {
      prod(this: Tensor, dim?: Int | null, keepdim?: boolean, dtype?: DType | null) {
        return prod(this, dim ?? null, keepdim ?? false, dtype);
      },
    },
    python: {
      prod: {
        method: 'prod(int? dim=None, bool keepdim=False, *, dtype? dtype=None)',
        function: true,
        call: (t, a) =>
          prod(
            t,
            a.get('dim') as Int | null,
            a.get('keepdim') === true,
            a.get('dtype') as DType | null,
          ),
      },
    },
  }),
  declareOp({
    name: 'logsumexp',
    nodes: [LOGSUMEXP],
    methods: {
      logsumexp(this: Tensor, dim: Int | readonly Int[], keepdim?: boolean) {
        return logsumexp(this, dim, keepdim);
      },
    },
    python: {
      logsumexp: {
        method: 'logsumexp(ints dim, bool keepdim=False)',
        function: true,
        call: (t, a) => logsumexp(t, a.get('dim') as Int | Int[], a.get('keepdim') === true),
      },
    },
  }),
  declareOp({
    name: 'amax',
    nodes: [AMAX, AMIN],
    methods: {
      amax(this: Tensor, dim?: Int | readonly Int[] | null, keepdim?: boolean) {
        return amax(this, dim ?? null, keepdim ?? false);
      },
      amin(this: Tensor, dim?: Int | readonly Int[] | null, keepdim?: boolean) {
        return amin(this, dim ?? null, keepdim ?? false);
      },
    },
    python: {
      amax: {
        method: 'amax(ints dim=None, bool keepdim=False)',
        function: true,
        call: (t, a) => amax(t, a.get('dim') as Int | Int[] | null, a.get('keepdim') === true),
      },
      amin: {
        method: 'amin(ints dim=None, bool keepdim=False)',
        function: true,
        call: (t, a) => amin(t, a.get('dim') as Int | Int[] | null, a.get('keepdim') === true),
      },
    },
  }),
];
