/**
 * Vector norms: `x.norm(p=2, dim=None, keepdim=False)` / `torch.norm` (NormBackward1), with
 * PyTorch's exact float32 paths for p = 1 and 2 and its argument checks for `p='fro'`.
 */
import type {Scalar} from '../dtype.js';
import {allocate, isFloating, scalarTypeName} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {fma32} from '../kernels/sleef.js';
import {sumSquaresRow} from '../kernels/vecreduce.js';
import {reduceDim} from '../kernels/reduce.js';
import {binary} from '../kernels/elementwise.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import {numelOf} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {pow} from './pow.js';
import * as unary from './unary.js';
import {fromKernel, grad0, layoutOf} from './util.js';
import {dimsOf, expandBack, reducedShape, sum, sumDims} from './reduce.js';

const NORM1 = declareNode('NormBackward1', false);

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
  const num = arith.mul(x, pow(absx, p - 2));
  return zeroWhereZero(arith.mul(g, arith.div(num, pow(normv, p - 1))), normv);
}

function zeroWhereZero(v: Tensor, normv: Tensor): Tensor {
  const nz = fromKernel(binary('ne', normv, layoutOf(0, normv.dtype), 'bool'), 'bool');
  const res = binary('mul', v, nz, v.dtype);
  for (let i = 0; i < res.data.length; i++) if (res.data[i] !== res.data[i]) res.data[i] = 0;
  return fromKernel(res, v.dtype);
}

/** Options of `norm` (`p`, `dim`, `keepdim`). */
export interface NormOptions {
  p?: Scalar;
  dim?: Int | readonly Int[] | null;
  keepdim?: boolean;
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

declare module '../tensor.js' {
  interface Tensor {
    /** `norm(p=2, dim=None, keepdim=False)` (p is 2 or 1, or any positive number). */
    norm(options?: NormOptions): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.norm(input, p=2, dim=None, keepdim=False)`. */
    norm(x: Tensor, options?: NormOptions): Tensor;
  }
}

/** norm. */
export const declarations: readonly OpDeclaration[] = [
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
