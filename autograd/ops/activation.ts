/**
 * The activation functions of torch.nn.functional with a kernel of their own: leaky_relu, elu,
 * gelu, softplus, silu, mish, log_sigmoid, hardtanh (relu6), threshold and prelu, each with its
 * node as PyTorch 1.13 names it (LeakyReluBackward0, EluBackward0, …; the in-place forms that
 * keep their result, LeakyReluBackward1, EluBackward1, ThresholdBackward1). float32 values are
 * those of PyTorch's CPU kernels (kernels/activation.ts), float64 ones the same formulas in
 * double. Their `F.*` bindings are activation-functional.ts.
 */
import {allocate, isFloating, isIntegral, scalarTypeName, toStored} from '../dtype.js';
import type {DType, Scalar} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {
  eluGrad32,
  elu32,
  eluResultGrad32,
  geluErf32,
  geluErfGrad32,
  geluTanh32,
  geluTanhGrad32,
  logSigmoid32,
  logSigmoidGrad,
  map32,
  map32Grad,
  mish32,
  mishGrad32,
  silu32,
  siluGrad32,
  softplus32,
  softplusGrad32,
} from '../kernels/activation.js';
import type {Formula32, Formula32Grad} from '../kernels/activation.js';
import {clampKernel} from '../kernels/elementwise.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode} from '../op.js';
import type {NodeDeclaration} from '../op.js';
import type {OpArg} from '../observer.js';
import {Tensor} from '../tensor.js';
import * as reduce from './reduce.js';
import {fromKernel, grad0} from './util.js';

const node = (name: string): NodeDeclaration => declareNode(name, false);

/** The grad_fn names. */
export const NODES = {
  leakyRelu: node('LeakyReluBackward0'),
  leakyReluResult: node('LeakyReluBackward1'),
  elu: node('EluBackward0'),
  eluResult: node('EluBackward1'),
  gelu: node('GeluBackward0'),
  softplus: node('SoftplusBackward0'),
  silu: node('SiluBackward0'),
  mish: node('MishBackward0'),
  logSigmoid: node('LogSigmoidBackward0'),
  hardtanh: node('HardtanhBackward0'),
  threshold: node('ThresholdBackward0'),
  thresholdResult: node('ThresholdBackward1'),
  prelu: node('PreluBackward0'),
} as const;

/** PyTorch's dispatch error for a dtype its floating kernel has no case for. */
function floatingOnly(x: Tensor, kernel: string): void {
  if (!isFloating(x.dtype) || x.dtype === 'float16') {
    throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
}

/** An elementwise function: float32 as PyTorch's kernel, float64 by the same formula. */
interface Pointwise {
  readonly f32: Formula32;
  readonly f64: (x: number) => number;
}

/** Its backward of (grad, saved) in both dtypes. */
interface PointwiseGrad {
  readonly f32: Formula32Grad;
  readonly f64: (g: number, x: number) => number;
}

function mapValues(x: Tensor, fn: Pointwise): Tensor {
  const n = x.numel();
  if (x.dtype === 'float32') {
    const out = new Float32Array(n);
    map32(gather(x, 'float32'), out, fn.f32);
    return new Tensor(out, [...x.shape], 'float32');
  }
  const src = gather(x, 'float64');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn.f64(src[i] ?? 0);
  return new Tensor(out, [...x.shape], x.dtype);
}

function mapGrad(g: Tensor, s: Tensor, fn: PointwiseGrad): Tensor {
  const n = s.numel();
  if (s.dtype === 'float32') {
    const out = new Float32Array(n);
    map32Grad(gather(g, 'float32'), gather(s, 'float32'), out, fn.f32);
    return new Tensor(out, [...s.shape], 'float32');
  }
  const gv = gather(g, 'float64');
  const sv = gather(s, 'float64');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn.f64(gv[i] ?? 0, sv[i] ?? 0);
  return new Tensor(out, [...s.shape], s.dtype);
}

/** Runs a pointwise activation and records its node, saving the input or the result. */
function pointwise(
  op: string,
  x: Tensor,
  forward: Pointwise,
  nodeDecl: NodeDeclaration,
  saves: 'self' | 'result',
  backward: PointwiseGrad,
  args: Readonly<Record<string, OpArg>>,
  check?: () => void,
): Tensor {
  const out = mapValues(x, forward);
  if (needsGrad(x)) {
    attach(
      nodeDecl,
      [x],
      [out],
      (grads, saved) => {
        check?.();
        return [mapGrad(grad0(grads), saved[0] ?? x, backward)];
      },
      () => [saves === 'self' ? save(x) : save(out, true)],
    );
  }
  reportOp(op, [x], args, [out]);
  return out;
}

/** `F.leaky_relu(x, negative_slope)`; `result`: the node of leaky_relu_ (on the result). */
export function leakyRelu(x: Tensor, slope: number, result = false): Tensor {
  floatingOnly(x, 'leaky_relu_cpu');
  const s32 = Math.fround(slope);
  const f32 = (v: number) => (v > 0 ? v : Math.fround(v * s32));
  const g32 = (g: number, v: number) => (v > 0 ? g : Math.fround(g * s32));
  return pointwise(
    'leaky_relu',
    x,
    {f32: {vec: f32, tail: f32}, f64: (v) => (v > 0 ? v : v * slope)},
    result ? NODES.leakyReluResult : NODES.leakyRelu,
    result ? 'result' : 'self',
    {f32: {vec: g32, tail: g32}, f64: (g, v) => (v > 0 ? g : g * slope)},
    {negative_slope: slope},
    result && slope < 0
      ? () => {
          throw runtimeError(
            'In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope',
          );
        }
      : undefined,
  );
}

/** `F.elu(x, alpha)` (scale = input_scale = 1); `result`: elu_'s node, on the result. */
export function elu(x: Tensor, alpha: number, result = false): Tensor {
  floatingOnly(x, 'elu_cpu');
  const f64 = (v: number) => (v > 0 ? v : Math.expm1(v) * alpha);
  const grad64 = result
    ? (g: number, y: number) => (y <= 0 ? g * (y + alpha) : g)
    : (g: number, v: number) => (v <= 0 ? g * alpha * Math.exp(v) : g);
  return pointwise(
    'elu',
    x,
    {f32: elu32(alpha, 1, 1), f64},
    result ? NODES.eluResult : NODES.elu,
    result ? 'result' : 'self',
    {f32: result ? eluResultGrad32(alpha, 1, 1) : eluGrad32(alpha, 1, 1), f64: grad64},
    {alpha},
    result && alpha < 0
      ? () => {
          throw runtimeError(
            'In-place elu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.',
          );
        }
      : undefined,
  );
}

/** float64 erf (PyTorch's double kernels call libm's erf; Math has none). */
function erf64(x: number): number {
  // Abramowitz–Stegun 7.1.26 refined by one Newton step on erf' = 2/√π·e^(-x²) would still
  // miss ulps; sum the Taylor series near 0 and the continued fraction of erfc beyond.
  const a = Math.abs(x);
  let r: number;
  if (a < 2.5) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200; n++) {
      term *= (-a * a) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    let fr = a;
    let c = a;
    let d = 0;
    for (let n = 1; n < 300; n++) {
      d = 1 / (a + (n / 2) * d);
      c = a + n / 2 / c;
      fr *= c * d;
      if (Math.abs(c * d - 1) < 1e-16) break;
    }
    r = 1 - Math.exp(-a * a) / (fr * Math.sqrt(Math.PI));
  }
  return x < 0 ? -r : r;
}

const GELU_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;

/** `F.gelu(x, approximate='none'|'tanh')`. */
export function gelu(x: Tensor, approximate: string): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw runtimeError('approximate argument must be either none or tanh.');
  }
  floatingOnly(x, 'GeluKernelImpl');
  const f = Math.fround;
  let forward: Pointwise;
  let backward: PointwiseGrad;
  if (approximate === 'tanh') {
    forward = {
      f32: geluTanh32,
      f64: (v) => 0.5 * v * (1 + Math.tanh(GELU_BETA * (v + 0.044715 * v * v * v))),
    };
    backward = {
      f32: geluTanhGrad32,
      f64: (g, v) => {
        const t = Math.tanh(GELU_BETA * (v + 0.044715 * v * v * v));
        const inner = GELU_BETA * (1 + 3 * 0.044715 * v * v);
        return g * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * inner);
      },
    };
  } else {
    // float32 goes through oneDNN (use_mkldnn: contiguous, more than one element); a single
    // element takes the native scalar formula x·½·(1 + erf(x/√2)).
    const dnnl = x.numel() > 1;
    const scalar = (v: number) => f(f(v * 0.5) * f(1 + f(erf64(f(v * f(Math.SQRT1_2))))));
    const one = dnnl ? geluErf32 : scalar;
    forward = {f32: {vec: one, tail: one}, f64: (v) => v * 0.5 * (1 + erf64(v * Math.SQRT1_2))};
    backward = {
      f32: {vec: geluErfGrad32, tail: geluErfGrad32},
      f64: (g, v) => {
        const cdf = 0.5 * (1 + erf64(v * Math.SQRT1_2));
        const pdf = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5 * Math.exp(v * v * -0.5);
        return g * (cdf + v * pdf);
      },
    };
  }
  return pointwise('gelu', x, forward, NODES.gelu, 'self', backward, {approximate});
}

/** `F.softplus(x, beta=1, threshold=20)`. */
export function softplus(x: Tensor, beta: number, threshold: number): Tensor {
  floatingOnly(x, 'softplus_cpu');
  return pointwise(
    'softplus',
    x,
    {
      f32: softplus32(beta, threshold),
      f64: (v) => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta),
    },
    NODES.softplus,
    'self',
    {
      f32: softplusGrad32(beta, threshold),
      f64: (g, v) => {
        const z = Math.exp(v * beta);
        return v * beta > threshold ? g : (g * z) / (z + 1);
      },
    },
    {beta, threshold},
  );
}

/** `F.silu(x)`: x·σ(x). */
export function silu(x: Tensor): Tensor {
  floatingOnly(x, 'silu_cpu');
  return pointwise(
    'silu',
    x,
    {f32: silu32, f64: (v) => v / (1 + Math.exp(-v))},
    NODES.silu,
    'self',
    {
      f32: siluGrad32,
      f64: (g, v) => {
        const s = 1 / (1 + Math.exp(-v));
        return g * s * (1 + v * (1 - s));
      },
    },
    {},
  );
}

/** `F.mish(x)`: x·tanh(softplus(x)). */
export function mish(x: Tensor): Tensor {
  floatingOnly(x, 'mish_cpu');
  return pointwise(
    'mish',
    x,
    {f32: mish32, f64: (v) => v * Math.tanh(Math.log1p(Math.exp(v)))},
    NODES.mish,
    'self',
    {
      f32: mishGrad32,
      f64: (g, v) => {
        const s = 1 / (1 + Math.exp(-v));
        const t = Math.tanh(Math.log1p(Math.exp(v)));
        return g * (t + v * s * (1 - t * t));
      },
    },
    {},
  );
}

/** `F.logsigmoid(x)`: min(x, 0) - log1p(e^-|x|); the node keeps x and the buffer e^-|x|. */
export function logSigmoid(x: Tensor): Tensor {
  floatingOnly(x, 'log_sigmoid_cpu');
  const n = x.numel();
  const src = gather(x, x.dtype === 'float32' ? 'float32' : 'float64');
  const out = allocate(x.dtype, n);
  const buffer = allocate(x.dtype, n);
  for (let i = 0; i < n; i++) {
    const v = src[i] ?? 0;
    if (x.dtype === 'float32') {
      const r = logSigmoid32(v);
      out[i] = r.out;
      buffer[i] = r.buffer;
    } else {
      buffer[i] = Math.exp(-Math.abs(v));
      out[i] = Math.min(v, 0) - Math.log1p(buffer[i] ?? 0);
    }
  }
  const y = new Tensor(out, [...x.shape], x.dtype);
  if (needsGrad(x)) {
    const buf = new Tensor(buffer, [...x.shape], x.dtype);
    attach(
      NODES.logSigmoid,
      [x],
      [y],
      (grads, saved) => {
        const s = saved[0] ?? x;
        const b = gather(saved[1] ?? buf, 'float64');
        const g = gather(grad0(grads), 'float64');
        const xs = gather(s, 'float64');
        const r = s.dtype === 'float32' ? Math.fround : (v: number) => v;
        const res = allocate(s.dtype, n);
        for (let i = 0; i < n; i++) res[i] = logSigmoidGrad(g[i] ?? 0, xs[i] ?? 0, b[i] ?? 0, r);
        return [new Tensor(res, [...s.shape], s.dtype)];
      },
      () => [save(x), save(buf)],
    );
  }
  reportOp('log_sigmoid', [x], {}, [y]);
  return y;
}

/** `F.hardtanh(x, min_val, max_val)` (`F.relu6` is hardtanh(x, 0, 6)): a clamp, HardtanhBackward0. */
export function hardtanh(x: Tensor, min: Scalar, max: Scalar, op = 'hardtanh'): Tensor {
  if (x.dtype === 'bool') throw runtimeError('Bool inputs not supported for hardtanh');
  if (x.dtype === 'float16') {
    throw runtimeError(`"clamp_scalar_cpu" not implemented for 'Half'`);
  }
  const integral = isIntegral(x.dtype);
  const lo = integral ? Math.trunc(Number(min)) : Number(min);
  const hi = integral ? Math.trunc(Number(max)) : Number(max);
  if (x.dtype === 'uint8' && (lo < 0 || hi < 0)) {
    throw runtimeError('cannot do hardtanh on an unsigned type with negative limits');
  }
  const dtype: DType = x.dtype;
  const out = fromKernel(clampKernel(x, toStored(lo, dtype), toStored(hi, dtype), dtype), dtype);
  if (needsGrad(x)) {
    attach(
      NODES.hardtanh,
      [x],
      [out],
      (grads, saved) => {
        const s = saved[0] ?? x;
        const g = gather(grad0(grads), 'float64');
        const xs = gather(s, 'float64');
        const res = allocate(s.dtype, xs.length);
        for (let i = 0; i < xs.length; i++) {
          const v = xs[i] ?? 0;
          res[i] = v <= lo || v >= hi ? 0 : (g[i] ?? 0);
        }
        return [new Tensor(res, [...s.shape], s.dtype)];
      },
      () => [save(x)],
    );
  }
  reportOp(op, [x], op === 'hardtanh' ? {min_val: lo, max_val: hi} : {}, [out]);
  return out;
}

/**
 * `F.threshold(x, threshold, value)`: x ≤ threshold ? value : x, in x's dtype (both numbers
 * converted to it). `result`: threshold_'s node, whose backward reads the result.
 */
export function threshold(x: Tensor, th: Scalar, value: Scalar, result = false): Tensor {
  if (x.dtype === 'bool' || x.dtype === 'float16') {
    throw runtimeError(`"threshold_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  const dtype = x.dtype;
  const t = toStored(isFloating(dtype) ? Number(th) : Math.trunc(Number(th)), dtype);
  const v = toStored(isFloating(dtype) ? Number(value) : Math.trunc(Number(value)), dtype);
  const src = gather(x, dtype === 'float32' ? 'float32' : 'float64');
  const out = allocate(dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const e = src[i] ?? 0;
    out[i] = e <= t ? v : e;
  }
  const y = new Tensor(out, [...x.shape], dtype);
  if (needsGrad(x)) {
    attach(
      result ? NODES.thresholdResult : NODES.threshold,
      [x],
      [y],
      (grads, saved) => {
        const s = saved[0] ?? x;
        const g = gather(grad0(grads), 'float64');
        const xs = gather(s, 'float64');
        const res = allocate(s.dtype, xs.length);
        for (let i = 0; i < xs.length; i++) res[i] = (xs[i] ?? 0) <= t ? 0 : (g[i] ?? 0);
        return [new Tensor(res, [...s.shape], s.dtype)];
      },
      () => [result ? save(y, true) : save(x)],
    );
  }
  reportOp('threshold', [x], {threshold: Number(th), value: Number(value)}, [y]);
  return y;
}

/** The channel of each element of `x` for prelu's weight (dim 1; one channel for 1-D input). */
function channels(x: Tensor, weights: number): {channel: (i: number) => number} {
  if (weights === 1) return {channel: () => 0};
  const size1 = x.shape.length > 1 ? (x.shape[1] ?? 1) : 1;
  const inner = x.shape.slice(2).reduce((p, s) => p * s, 1);
  return {channel: (i) => (x.shape.length > 1 ? Math.floor(i / inner) % size1 : 0)};
}

/** `torch.prelu(x, weight)`: x > 0 ? x : w·x, w shared or one per channel (dim 1). */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  if (!isFloating(x.dtype) || x.dtype === 'float16') {
    throw runtimeError(`"prelu_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  if (weight.dim() > 1) {
    throw runtimeError(
      `prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.dim()}`,
    );
  }
  const k = weight.numel();
  if (k !== 1) {
    if (x.dim() === 0) throw runtimeError('Not allow zero-dim input tensor.');
    const size = x.dim() > 1 ? (x.shape[1] ?? 1) : 1;
    if (size !== k) {
      throw runtimeError(
        `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${k} and channel size = ${size}.`,
      );
    }
  }
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const {channel} = channels(x, k);
  const xs = gather(x, 'float64');
  const ws = gather(weight, 'float64');
  const out = allocate(x.dtype, xs.length);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] ?? 0;
    out[i] = v > 0 ? v : r((ws[channel(i)] ?? 0) * v);
  }
  const y = new Tensor(out, [...x.shape], x.dtype);
  if (needsGrad(x, weight)) {
    attach(
      NODES.prelu,
      [x, weight],
      [y],
      (grads, saved, n) => {
        const s = saved[0] ?? x;
        const w = gather(saved[1] ?? weight, 'float64');
        const g = gather(grad0(grads), 'float64');
        const sv = gather(s, 'float64');
        const gi = allocate(s.dtype, sv.length);
        const collector = allocate(s.dtype, sv.length);
        for (let i = 0; i < sv.length; i++) {
          const v = sv[i] ?? 0;
          const gv = g[i] ?? 0;
          gi[i] = v > 0 ? gv : r((w[channel(i)] ?? 0) * gv);
          collector[i] = v > 0 ? 0 : r(v * gv);
        }
        let gw: Tensor | null = null;
        if (n.needsInputGrad(1)) {
          const c = new Tensor(collector, [...s.shape], s.dtype);
          const dims = s.shape.map((_, d) => d).filter((d) => d !== 1);
          gw =
            k === 1 || s.dim() <= 1
              ? reduce.sum(c).reshape([...weight.shape])
              : reduce.sum(c, {dim: dims});
        }
        return [n.needsInputGrad(0) ? new Tensor(gi, [...s.shape], s.dtype) : null, gw];
      },
      () => [save(x), save(weight)],
    );
  }
  reportOp('prelu', [x, weight], {}, [y]);
  return y;
}
