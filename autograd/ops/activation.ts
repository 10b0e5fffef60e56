/**
 * The activation functions of torch.nn.functional with a kernel of their own: leaky_relu, elu,
 * gelu, softplus, silu, mish, log_sigmoid, hardtanh (relu6), threshold and prelu, each with its
 * node as PyTorch 1.13 names it (LeakyReluBackward0, EluBackward0, …; the in-place forms that
 * keep their result, LeakyReluBackward1, EluBackward1, ThresholdBackward1). float32 and float64
 * values are those of PyTorch's CPU kernels (kernels/activation.ts, kernels/activation-double.ts).
 * Their `F.*` bindings are activation-functional.ts.
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
import {
  both,
  elu64,
  eluGrad64,
  eluResultGrad64,
  geluErf64,
  geluErfGrad64,
  geluTanh64,
  geluTanhGrad64,
  logSigmoid64,
  map64,
  map64Grad,
  mish64,
  mishGrad64,
  silu64,
  siluGrad64,
  softplus64,
  softplusGrad64,
} from '../kernels/activation-double.js';
import {erf as erfLibm} from '../kernels/libm-erf.js';
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
import * as arith from './arith.js';
import {pow} from './pow.js';
import {compare} from './compare.js';
import type {Comparison} from './compare.js';
import {gradNode, recordGrad} from './double-backward.js';
import * as factories from './factories.js';
import {transcendental} from './transcendental.js';
import * as unary from './unary.js';
import {isGradEnabled} from '../gradmode.js';
import * as masked from './masked.js';
import {muteInternal} from './nn.js';

/** A grad_fn whose gradient is differentiable again (create_graph=True passes through). */
const node = (name: string): NodeDeclaration => declareNode(name, true);

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

/** The nodes of their backward kernels under create_graph=True, as PyTorch names them. */
const GRAD_NODES = {
  leakyRelu: gradNode('LeakyReluBackwardBackward0'),
  elu: gradNode('EluBackwardBackward0'),
  gelu: gradNode('GeluBackwardBackward0'),
  softplus: gradNode('SoftplusBackwardBackward0'),
  logSigmoid: gradNode('LogSigmoidBackwardBackward0'),
  hardtanh: gradNode('HardtanhBackwardBackward0'),
  threshold: gradNode('ThresholdBackwardBackward0'),
  prelu: gradNode('PreluBackwardBackward0'),
} as const;

/**
 * The second derivative of a pointwise activation (derivatives.yaml's formula for its backward
 * kernel's `self` input): from the gradient `gg` of the first gradient, the gradient `g` that
 * made it and the saved tensor `s`, as recorded ops. The `grad_output` input's gradient is the
 * backward kernel again, applied to `gg`.
 */
interface SecondDerivative {
  readonly node: NodeDeclaration;
  readonly self: (gg: Tensor, g: Tensor, s: Tensor) => Tensor;
}

/** zeros_like(grad): the `self` derivative of the piecewise-linear activations' backward. */
const zerosSelf = (gg: Tensor): Tensor => factories.zerosOf(gg.shape, gg.dtype);

/** `(s < 0).type_as(g)`-style masks: a bool tensor multiplied in (its dtype promotes). */
const mask = (op: Comparison, s: Tensor, v: number): Tensor => compare(op, s, v);

/** PyTorch's dispatch error for a dtype its floating kernel has no case for. */
function floatingOnly(x: Tensor, kernel: string): void {
  if (!isFloating(x.dtype) || x.dtype === 'float16') {
    throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
}

/** An elementwise function in both dtypes, as PyTorch's kernels split and compute it. */
interface Pointwise {
  readonly f32: Formula32;
  readonly f64: Formula32;
}

/** Its backward of (grad, saved) in both dtypes. */
interface PointwiseGrad {
  readonly f32: Formula32Grad;
  readonly f64: Formula32Grad;
}

function mapValues(x: Tensor, fn: Pointwise): Tensor {
  const n = x.numel();
  if (x.dtype === 'float32') {
    const out = new Float32Array(n);
    map32(gather(x, 'float32'), out, fn.f32);
    return new Tensor(out, [...x.shape], 'float32');
  }
  const out = new Float64Array(n);
  map64(gather(x, 'float64'), out, fn.f64);
  return new Tensor(out, [...x.shape], x.dtype);
}

function mapGrad(g: Tensor, s: Tensor, fn: PointwiseGrad): Tensor {
  const n = s.numel();
  if (s.dtype === 'float32') {
    const out = new Float32Array(n);
    map32Grad(gather(g, 'float32'), gather(s, 'float32'), out, fn.f32);
    return new Tensor(out, [...s.shape], 'float32');
  }
  const out = new Float64Array(n);
  map64Grad(gather(g, 'float64'), gather(s, 'float64'), out, fn.f64);
  return new Tensor(out, [...s.shape], s.dtype);
}

/** The backward kernel's result, recorded as its own node when create_graph=True needs it. */
function gradOf(g: Tensor, s: Tensor, backward: PointwiseGrad, second?: SecondDerivative): Tensor {
  const gi = mapGrad(g, s, backward);
  if (second === undefined) return gi;
  return recordGrad(second.node, [g, s], gi, (gg) => [
    gradOf(gg, s, backward, second),
    second.self(gg, g, s),
  ]);
}

/**
 * Runs a pointwise activation and records its node, saving the input or the result. `second`:
 * how its gradient is differentiated again (a backward kernel's node, or the composite formula
 * PyTorch uses instead of the kernel when grad mode is on).
 */
function pointwise(
  op: string,
  x: Tensor,
  forward: Pointwise,
  nodeDecl: NodeDeclaration,
  saves: 'self' | 'result',
  backward: PointwiseGrad,
  args: Readonly<Record<string, OpArg>>,
  check?: () => void,
  second?: SecondDerivative | ((g: Tensor, s: Tensor) => Tensor),
): Tensor {
  const out = mapValues(x, forward);
  if (needsGrad(x)) {
    attach(
      nodeDecl,
      [x],
      [out],
      (grads, saved) => {
        check?.();
        const g = grad0(grads);
        const s = saved[0] ?? x;
        // A composite formula (silu, mish) is PyTorch's choice when grad mode is on.
        if (typeof second === 'function' && isGradEnabled() && (g.requiresGrad || s.requiresGrad)) {
          return [second(g, s)];
        }
        return [gradOf(g, s, backward, typeof second === 'function' ? undefined : second)];
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
  const g64 = (g: number, v: number) => (v > 0 ? g : g * slope);
  return pointwise(
    'leaky_relu',
    x,
    {f32: {vec: f32, tail: f32}, f64: both((v) => (v > 0 ? v : v * slope))},
    result ? NODES.leakyReluResult : NODES.leakyRelu,
    result ? 'result' : 'self',
    {f32: {vec: g32, tail: g32}, f64: {vec: g64, tail: g64}},
    {negative_slope: slope},
    result && slope < 0
      ? () => {
          throw runtimeError(
            'In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope',
          );
        }
      : undefined,
    {node: GRAD_NODES.leakyRelu, self: zerosSelf},
  );
}

/** `F.elu(x, alpha)` (scale = input_scale = 1); `result`: elu_'s node, on the result. */
export function elu(x: Tensor, alpha: number, result = false): Tensor {
  floatingOnly(x, 'elu_cpu');
  const backward: PointwiseGrad = {
    f32: result ? eluResultGrad32(alpha, 1, 1) : eluGrad32(alpha, 1, 1),
    f64: result ? eluResultGrad64(alpha, 1, 1) : eluGrad64(alpha, 1, 1),
  };
  // elu_double_backward: grad·grad_output·input_scale·(y < 0) on the result, else
  // elu_backward(grad·grad_output·input_scale, x)·(x < 0).
  const second: SecondDerivative = {
    node: GRAD_NODES.elu,
    self: (gg, g, s) =>
      arith.mul(
        result ? arith.mul(gg, g) : gradOf(arith.mul(gg, g), s, backward, second),
        mask('lt', s, 0),
      ),
  };
  return pointwise(
    'elu',
    x,
    {f32: elu32(alpha, 1, 1), f64: elu64(alpha, 1, 1)},
    result ? NODES.eluResult : NODES.elu,
    result ? 'result' : 'self',
    backward,
    {alpha},
    result && alpha < 0
      ? () => {
          throw runtimeError(
            'In-place elu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.',
          );
        }
      : undefined,
    second,
  );
}

const GELU_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
/** The normal pdf's 1/√(2π), as PyTorch writes it (M_2_SQRTPI · M_SQRT1_2 · 0.5). */
const GELU_PDF = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;

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
    forward = {f32: geluTanh32, f64: geluTanh64};
    backward = {f32: geluTanhGrad32, f64: geluTanhGrad64};
  } else {
    // float32 goes through oneDNN (use_mkldnn: contiguous, more than one element); a single
    // element takes the native scalar formula x·½·(1 + erf(x/√2)).
    const dnnl = x.numel() > 1;
    const scalar = (v: number) => f(f(v * 0.5) * f(1 + f(erfLibm(f(v * f(Math.SQRT1_2))))));
    const one = dnnl ? geluErf32 : scalar;
    forward = {f32: {vec: one, tail: one}, f64: geluErf64};
    backward = {f32: {vec: geluErfGrad32, tail: geluErfGrad32}, f64: geluErfGrad64};
  }
  const second: SecondDerivative = {
    node: GRAD_NODES.gelu,
    self: (gg, g, s) => arith.mul(arith.mul(gg, g), geluSecond(s, approximate === 'tanh')),
  };
  return pointwise(
    'gelu',
    x,
    forward,
    NODES.gelu,
    'self',
    backward,
    {approximate},
    undefined,
    second,
  );
}

/** gelu'' of x as recorded ops (FunctionsManual's gelu_double_backward without its ggI·gO). */
function geluSecond(x: Tensor, tanhForm: boolean): Tensor {
  const {mul, add} = arith;
  if (!tanhForm) {
    // 2·pdf(x) + x·pdf'(x), pdf'(x) = -x·pdf(x).
    const pdf = mul(unary.exp(mul(mul(x, x), -0.5)), GELU_PDF);
    return add(mul(pdf, 2), mul(x, mul(unary.neg(x), pdf)));
  }
  const kappa = 0.044715;
  const inner = mul(add(x, mul(pow(x, 3n), kappa)), GELU_BETA);
  const t = unary.tanh(inner);
  const sech = arith.rdiv(transcendental('cosh', inner), 1);
  const f = mul(x, 0.5);
  const g = arith.rsub(mul(t, t), 1);
  const h = mul(add(mul(mul(x, x), 3 * kappa), 1), GELU_BETA);
  const fPrimeGh = mul(mul(g, 0.5), h);
  const gPrime = mul(mul(mul(sech, 2), mul(unary.neg(sech), t)), h);
  const gPrimeFh = mul(mul(f, h), gPrime);
  const hPrimeFg = mul(mul(f, g), mul(x, 6 * kappa * GELU_BETA));
  return add(add(add(fPrimeGh, fPrimeGh), gPrimeFh), hPrimeFg);
}

/** `F.softplus(x, beta=1, threshold=20)`. */
export function softplus(x: Tensor, beta: number, threshold: number): Tensor {
  floatingOnly(x, 'softplus_cpu');
  return pointwise(
    'softplus',
    x,
    {
      f32: softplus32(beta, threshold),
      f64: softplus64(beta, threshold),
    },
    NODES.softplus,
    'self',
    {
      f32: softplusGrad32(beta, threshold),
      f64: softplusGrad64(beta, threshold),
    },
    {beta, threshold},
    undefined,
    {
      node: GRAD_NODES.softplus,
      // softplus_double_backward: sigmoid_backward(grad·grad_output, σ(βx))·(βx < threshold)·β.
      self: (gg, g, s) => {
        const bx = arith.mul(s, beta);
        const d = unary.sigmoidBackward(arith.mul(gg, g), unary.sigmoid(bx));
        return arith.mul(arith.mul(d, mask('lt', bx, threshold)), beta);
      },
    },
  );
}

/** `F.silu(x)`: x·σ(x). */
export function silu(x: Tensor): Tensor {
  floatingOnly(x, 'silu_cpu');
  return pointwise(
    'silu',
    x,
    {f32: silu32, f64: silu64},
    NODES.silu,
    'self',
    {f32: siluGrad32, f64: siluGrad64},
    {},
    undefined,
    // infinitely_differentiable_silu_backward: grad·σ(x)·(1 + x·(1 - σ(x))).
    (g, s) => {
      const sig = unary.sigmoid(s);
      return arith.mul(arith.mul(g, sig), arith.add(arith.mul(s, arith.rsub(sig, 1)), 1));
    },
  );
}

/** `F.mish(x)`: x·tanh(softplus(x)). */
export function mish(x: Tensor): Tensor {
  floatingOnly(x, 'mish_cpu');
  return pointwise(
    'mish',
    x,
    {f32: mish32, f64: mish64},
    NODES.mish,
    'self',
    {f32: mishGrad32, f64: mishGrad64},
    {},
    undefined,
    // infinitely_differentiable_mish_backward: grad·(t + x·σ(x)·(1 - t²)), t = tanh(softplus(x)).
    (g, s) => {
      const sig = unary.sigmoid(s);
      const t = unary.tanh(softplus(s, 1, 20));
      const inner = arith.mul(arith.mul(s, sig), arith.rsub(arith.mul(t, t), 1));
      return arith.mul(g, arith.add(t, inner));
    },
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
    } else out[i] = logSigmoid64(v, buffer as Float64Array, i);
  }
  const y = new Tensor(out, [...x.shape], x.dtype);
  if (needsGrad(x)) {
    const buf = new Tensor(buffer, [...x.shape], x.dtype);
    attach(
      NODES.logSigmoid,
      [x],
      [y],
      (grads, saved) => [logSigmoidBackward(grad0(grads), saved[0] ?? x, saved[1] ?? buf)],
      () => [save(x), save(buf)],
    );
  }
  reportOp('log_sigmoid', [x], {}, [y]);
  return y;
}

/**
 * `log_sigmoid_backward(grad, x, buffer)`; LogSigmoidBackwardBackward0 under create_graph=True
 * (∂/∂x: log_sigmoid_double_backward, grad·grad_output·(σ(x) - 1)·σ(x)).
 */
function logSigmoidBackward(grad: Tensor, s: Tensor, buffer: Tensor): Tensor {
  const n = s.numel();
  const b = gather(buffer, 'float64');
  const g = gather(grad, 'float64');
  const xs = gather(s, 'float64');
  const r = s.dtype === 'float32' ? Math.fround : (v: number) => v;
  const res = allocate(s.dtype, n);
  for (let i = 0; i < n; i++) res[i] = logSigmoidGrad(g[i] ?? 0, xs[i] ?? 0, b[i] ?? 0, r);
  return recordGrad(
    GRAD_NODES.logSigmoid,
    [grad, s],
    new Tensor(res, [...s.shape], s.dtype),
    (gg) => {
      const z = unary.sigmoid(s);
      return [
        logSigmoidBackward(gg, s, buffer),
        arith.mul(arith.mul(arith.mul(gg, grad), arith.sub(z, 1)), z),
      ];
    },
  );
}

/**
 * The gradient of a clamp-like activation: grad where `passes(x)`, else 0; recorded under
 * create_graph=True as `node` (∂/∂grad: the same kernel on gg; ∂/∂x: zeros).
 */
function maskedGrad(
  node: NodeDeclaration,
  grad: Tensor,
  s: Tensor,
  passes: (v: number) => boolean,
): Tensor {
  const g = gather(grad, 'float64');
  const xs = gather(s, 'float64');
  const res = allocate(s.dtype, xs.length);
  for (let i = 0; i < xs.length; i++) res[i] = passes(xs[i] ?? 0) ? (g[i] ?? 0) : 0;
  return recordGrad(node, [grad, s], new Tensor(res, [...s.shape], s.dtype), (gg) => [
    maskedGrad(node, gg, s, passes),
    zerosSelf(gg),
  ]);
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
      (grads, saved) => [
        maskedGrad(GRAD_NODES.hardtanh, grad0(grads), saved[0] ?? x, (v) => !(v <= lo || v >= hi)),
      ],
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
      (grads, saved) => [
        maskedGrad(GRAD_NODES.threshold, grad0(grads), saved[0] ?? x, (v) => !(v <= t)),
      ],
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
      (grads, saved) => preluBackward(grad0(grads), saved[0] ?? x, saved[1] ?? weight),
      () => [save(x), save(weight)],
    );
  }
  reportOp('prelu', [x, weight], {}, [y]);
  return y;
}

/**
 * `prelu_backward(grad, x, w)`: ∂/∂x = x > 0 ? grad : w·grad, ∂/∂w = Σ (x > 0 ? 0 : x·grad)
 * over every dim but the channel's. Under create_graph=True both are outputs of one
 * PreluBackwardBackward0, whose backward is FunctionsManual's prelu_double_backward.
 */
function preluBackward(grad: Tensor, s: Tensor, weight: Tensor): [Tensor, Tensor] {
  const k = weight.numel();
  const r = s.dtype === 'float32' ? Math.fround : (v: number) => v;
  const {channel} = channels(s, k);
  const w = gather(weight, 'float64');
  const g = gather(grad, 'float64');
  const sv = gather(s, 'float64');
  const gi = allocate(s.dtype, sv.length);
  const collector = allocate(s.dtype, sv.length);
  for (let i = 0; i < sv.length; i++) {
    const v = sv[i] ?? 0;
    const gv = g[i] ?? 0;
    gi[i] = v > 0 ? gv : r((w[channel(i)] ?? 0) * gv);
    collector[i] = v > 0 ? 0 : r(v * gv);
  }
  const gradInput = new Tensor(gi, [...s.shape], s.dtype);
  const gradWeight = muteInternal(() =>
    weightSum(new Tensor(collector, [...s.shape], s.dtype), weight),
  );
  if (isGradEnabled() && (grad.requiresGrad || s.requiresGrad || weight.requiresGrad)) {
    attach(GRAD_NODES.prelu, [grad, s, weight], [gradInput, gradWeight], (grads, _saved, n) => {
      const [ggI, ggW] = grads;
      const positive = mask('gt', s, 0);
      const wide = (t: Tensor) => perChannel(t, s, k);
      // ∂/∂grad = x > 0 ? ggI : w·ggI + ggW·x
      let dGrad: Tensor | null = null;
      if (n.needsInputGrad(0)) {
        const negative = [
          ggI ? arith.mul(ggI, wide(weight)) : null,
          ggW ? arith.mul(wide(ggW), s) : null,
        ].filter((t): t is Tensor => t !== null);
        const rest = negative.reduce((a, b) => arith.add(a, b));
        dGrad = masked.where(positive, ggI ?? factories.zerosOf(s.shape, s.dtype), rest);
      }
      // ∂/∂x = x > 0 ? 0 : ggW·grad;  ∂/∂w = Σ (x > 0 ? 0 : ggI·grad); an absent gradient
      // counts as zeros, as prelu_double_backward zero-fills it (the results are zeros then).
      const dSelf = !n.needsInputGrad(1)
        ? null
        : ggW
          ? masked.where(positive, 0, arith.mul(wide(ggW), grad))
          : factories.zerosOf(s.shape, s.dtype);
      const dWeight = !n.needsInputGrad(2)
        ? null
        : ggI
          ? weightSum(masked.where(positive, 0, arith.mul(ggI, grad)), weight)
          : factories.zerosOf(weight.shape, weight.dtype);
      return [dGrad, dSelf, dWeight];
    });
  }
  return [gradInput, gradWeight];
}

/** `t` (a per-element tensor of x's shape) summed to prelu's weight's shape. */
function weightSum(t: Tensor, weight: Tensor): Tensor {
  if (weight.numel() === 1 || t.dim() <= 1) return reduce.sum(t).reshape([...weight.shape]);
  return reduce.sum(t, {dim: t.shape.map((_, d) => d).filter((d) => d !== 1)});
}

/** prelu's weight (or a tensor of its shape) viewed to broadcast over x's channels (dim 1). */
function perChannel(w: Tensor, x: Tensor, k: number): Tensor {
  if (k === 1 || x.dim() <= 1) return w.reshape([]);
  return w.reshape([1, k, ...x.shape.slice(2).map(() => 1)]);
}
