/**
 * float32 activation formulas as PyTorch 1.13's AVX2 kernels (aten/src/ATen/native/cpu/
 * Activation.cpp) compute them. `cpu_kernel_vec` runs its vectorised lambda on whole blocks of
 * 16 floats (two 8-lane registers) and its scalar lambda on the last n % 16: the vector side
 * calls SLEEF (sleef.ts), the scalar side glibc (libm-float.ts), and GCC fuses `a·b + c` into one
 * multiply-add on both sides where the source writes one (the AVX2 build has -mfma). GELU
 * without approximation runs through oneDNN's eltwise gelu_erf on every element instead.
 * Each formula takes float32 values in JS numbers and returns a float32.
 */
import {log1pf} from './sleef-more.js';
import {expf, fma32, tanhf} from './sleef.js';
import {expfLibm, log1pfLibm, tanhfLibm} from './libm-float.js';

const f = Math.fround;

/** One elementwise function: its vectorised and scalar lambdas (equal where no libm is called). */
export interface Formula32 {
  readonly vec: (x: number) => number;
  readonly tail: (x: number) => number;
}

/** One backward function of (grad, x) in the same two forms. */
export interface Formula32Grad {
  readonly vec: (g: number, x: number) => number;
  readonly tail: (g: number, x: number) => number;
}

/** The elements of one cpu_kernel_vec row that go through the vectorised lambda. */
export function vectorEnd(n: number): number {
  return n - (n % 16);
}

/** `out[i] = formula(x[i])` over one contiguous row, as cpu_kernel_vec splits it. */
export function map32(x: ArrayLike<number>, out: Float32Array, formula: Formula32): void {
  const n = out.length;
  const end = vectorEnd(n);
  const {vec, tail} = formula;
  for (let i = 0; i < end; i++) out[i] = vec(x[i] ?? 0);
  for (let i = end; i < n; i++) out[i] = tail(x[i] ?? 0);
}

/** `out[i] = formula(g[i], x[i])` over one contiguous row, as cpu_kernel_vec splits it. */
export function map32Grad(
  g: ArrayLike<number>,
  x: ArrayLike<number>,
  out: Float32Array,
  formula: Formula32Grad,
): void {
  const n = out.length;
  const end = vectorEnd(n);
  const {vec, tail} = formula;
  for (let i = 0; i < end; i++) out[i] = vec(g[i] ?? 0, x[i] ?? 0);
  for (let i = end; i < n; i++) out[i] = tail(g[i] ?? 0, x[i] ?? 0);
}

type Exp = (x: number) => number;

/** elu: x > 0 ? x·scale : (e^(x·input_scale) - 1)·alpha·scale. */
export function elu32(alpha: number, scale: number, inputScale: number): Formula32 {
  const neg = f(f(alpha) * f(scale));
  const pos = f(scale);
  const ipt = f(inputScale);
  const at = (exp: Exp) => (x: number) => (x > 0 ? f(x * pos) : f(f(exp(f(x * ipt)) - 1) * neg));
  return {vec: at(expf), tail: at(expfLibm)};
}

/** elu_backward on the input: x ≤ 0 ? g·input_scale·alpha·scale·e^(x·input_scale) : g·scale. */
export function eluGrad32(alpha: number, scale: number, inputScale: number): Formula32Grad {
  const neg = f(f(alpha) * f(scale));
  const pos = f(scale);
  const ipt = f(inputScale);
  const at = (exp: Exp) => (g: number, x: number) =>
    x <= 0 ? f(f(f(g * ipt) * neg) * exp(f(x * ipt))) : f(g * pos);
  return {vec: at(expf), tail: at(expfLibm)};
}

/** elu_backward on the result (elu_): y ≤ 0 ? g·input_scale·(y + alpha·scale) : g·scale. */
export function eluResultGrad32(alpha: number, scale: number, inputScale: number): Formula32Grad {
  const neg = f(f(alpha) * f(scale));
  const pos = f(scale);
  const ipt = f(inputScale);
  const at = (g: number, y: number) => (y <= 0 ? f(f(g * ipt) * f(y + neg)) : f(g * pos));
  return {vec: at, tail: at};
}

const BETA = f(Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5);
const KAPPA = f(0.044715);
const KAPPA3 = f(3 * KAPPA);

/** gelu(approximate='tanh'): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export const geluTanh32: Formula32 = (() => {
  const at = (tanh: Exp) => (x: number) => {
    const inner = f(BETA * fma32(KAPPA, f(f(x * x) * x), x));
    return f(f(0.5 * x) * f(1 + tanh(inner)));
  };
  return {vec: at(tanhf), tail: at(tanhfLibm)};
})();

/** gelu_backward(approximate='tanh'), in GeluBackwardKernelImpl's order of operations. */
export const geluTanhGrad32: Formula32Grad = (() => {
  const at = (tanh: Exp) => (g: number, x: number) => {
    const sq = f(x * x);
    const t = tanh(f(BETA * fma32(KAPPA, f(sq * x), x)));
    const left = f(0.5 * x);
    const leftDerivative = f(0.5 * f(1 + t));
    const tanhDerivative = fma32(-t, t, 1);
    const innerDerivative = f(BETA * fma32(KAPPA3, sq, 1));
    return f(g * f(leftDerivative + f(f(left * tanhDerivative) * innerDerivative)));
  };
  return {vec: at(tanhf), tail: at(tanhfLibm)};
})();

/** A float32 constant from its bits. */
function bitsToFloat(bits: number): number {
  return new Float32Array(new Uint32Array([bits]).buffer)[0] ?? 0;
}

const LN_FLT_MAX = bitsToFloat(0x42b17218);
const LN_FLT_MIN = bitsToFloat(0xc2aeac50);
const LOG2E = bitsToFloat(0x3fb8aa3b);
const LN2 = bitsToFloat(0x3f317218);
const EXP_POL = [0x3f7ffffb, 0x3efffee3, 0x3e2aad40, 0x3d2b9d0d, 0x3c07cfce].map(bitsToFloat);

/** oneDNN's jit exp: n = ⌊x·log₂e + ½⌋, a quintic in r = x - n·ln 2, times 2^(n-1)·2. */
function dnnlExp(x0: number): number {
  if (x0 !== x0) return x0;
  const x = Math.max(Math.min(x0, LN_FLT_MAX), LN_FLT_MIN);
  const n = Math.floor(f(f(x * LOG2E) + 0.5));
  const r = fma32(-n, LN2, x);
  let p = EXP_POL[4] ?? 0;
  for (let k = 3; k >= 0; k--) p = fma32(p, r, EXP_POL[k] ?? 0);
  p = fma32(p, r, 1);
  return x0 < LN_FLT_MIN ? 0 : f(f(p * 2 ** (n - 1)) * 2);
}

const ONE_OVER_SQRT_TWO = bitsToFloat(0x3f3504f3);
/** oneDNN's table holds 0.564189553f for 1/√π, one ulp below the float32 nearest it. */
const ONE_OVER_SQRT_PI = f(0.564189553);
const ERF_P = f(0.3275911);
const ERF_POL = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429].map(f);

/** oneDNN's Abramowitz–Stegun erf(x) given q = -e^(-x²): sign(x)·(1 + q·t·r(t)). */
function dnnlErf(x: number, q: number): number {
  const t = f(1 / fma32(ERF_P, Math.abs(x), 1));
  let r = ERF_POL[4] ?? 0;
  for (let k = 3; k >= 0; k--) r = fma32(r, t, ERF_POL[k] ?? 0);
  const e = fma32(f(q * t), r, 1);
  return x < 0 || Object.is(x, -0) ? -e : e;
}

/** gelu (erf form) as oneDNN's eltwise gelu_erf computes it: S + S·erf(x/√2), S = x/2. */
export function geluErf32(s: number): number {
  const x = f(s * ONE_OVER_SQRT_TWO);
  const erf = dnnlErf(x, -dnnlExp(-f(x * x)));
  const half = f(s * 0.5);
  return fma32(erf, half, half);
}

/**
 * gelu's derivative (erf form) as oneDNN's eltwise backward computes it: (T + ½) + ½·erf(R),
 * R = x/√2, T = R/√π·e^(-R²), times the gradient.
 */
export function geluErfGrad32(g: number, s: number): number {
  const x = f(s * ONE_OVER_SQRT_TWO);
  const q = dnnlExp(-f(x * x));
  const t = f(f(x * ONE_OVER_SQRT_PI) * q);
  const erf = dnnlErf(x, -q);
  return f(g * fma32(erf, 0.5, f(t + 0.5)));
}

/** softplus: x·β > threshold ? x : log1p(e^(x·β))/β. */
export function softplus32(beta: number, threshold: number): Formula32 {
  const b = f(beta);
  const th = f(threshold);
  const at = (exp: Exp, log1p: Exp) => (x: number) => {
    const bx = f(x * b);
    return bx > th ? x : f(log1p(exp(bx)) / b);
  };
  return {vec: at(expf, log1pf), tail: at(expfLibm, log1pfLibm)};
}

/** softplus_backward: x·β > threshold ? g : g·z/(z + 1), z = e^(x·β). */
export function softplusGrad32(beta: number, threshold: number): Formula32Grad {
  const b = f(beta);
  const th = f(threshold);
  const at = (exp: Exp) => (g: number, x: number) => {
    const bx = f(x * b);
    const z = exp(bx);
    return bx > th ? g : f(f(g * z) / f(z + 1));
  };
  return {vec: at(expf), tail: at(expfLibm)};
}

/** silu: x / (1 + e^-x). */
export const silu32: Formula32 = (() => {
  const at = (exp: Exp) => (x: number) => f(x / f(1 + exp(-x)));
  return {vec: at(expf), tail: at(expfLibm)};
})();

/** silu_backward: g·σ·(1 + x·(1 - σ)), σ = 1/(1 + e^-x). */
export const siluGrad32: Formula32Grad = (() => {
  const at = (exp: Exp) => (g: number, x: number) => {
    const s = f(1 / f(1 + exp(-x)));
    return f(f(g * s) * fma32(x, f(1 - s), 1));
  };
  return {vec: at(expf), tail: at(expfLibm)};
})();

/** mish: x·tanh(log1p(e^x)). */
export const mish32: Formula32 = (() => {
  const at = (exp: Exp, log1p: Exp, tanh: Exp) => (x: number) => f(x * tanh(log1p(exp(x))));
  return {vec: at(expf, log1pf, tanhf), tail: at(expfLibm, log1pfLibm, tanhfLibm)};
})();

/** mish_backward: g·(t + x·σ·(1 - t²)), t = tanh(softplus(x)), σ = 1/(1 + e^-x). */
export const mishGrad32: Formula32Grad = (() => {
  const at = (exp: Exp, log1p: Exp, tanh: Exp) => (g: number, x: number) => {
    const s = f(1 / f(1 + exp(-x)));
    const t = tanh(log1p(exp(x)));
    return f(g * fma32(f(x * s), fma32(-t, t, 1), t));
  };
  return {vec: at(expf, log1pf, tanhf), tail: at(expfLibm, log1pfLibm, tanhfLibm)};
})();

/**
 * log_sigmoid's forward writes its buffer e^-|x| and min(x, 0) - log1p(buffer); its loop runs
 * the vector code on a partial last vector too, so every element takes SLEEF's functions.
 */
export function logSigmoid32(x: number): {out: number; buffer: number} {
  const buffer = expf(-Math.abs(x));
  return {out: f(Math.min(x, 0) - log1pf(buffer)), buffer};
}

/** log_sigmoid_backward: (x < 0 ? 1 - b/(1 + b) : b/(1 + b))·g, b the forward's buffer. */
export function logSigmoidGrad(g: number, x: number, b: number, r: (v: number) => number): number {
  const q = r(b / r(1 + b));
  return r((x < 0 ? r(1 - q) : q) * g);
}
