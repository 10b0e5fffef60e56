/**
 * float64 activation formulas as PyTorch 1.13's AVX2 kernels (aten/src/ATen/native/cpu/
 * Activation.cpp) compute them: `cpu_kernel_vec` runs its Vectorized<double> lambda on whole
 * blocks of 8 doubles (two 4-lane registers) and its scalar lambda on the last n % 8. The vector
 * side calls SLEEF (sleef-double*.ts: exp, log1p, tanh, erf), the scalar side glibc (libm*.ts;
 * glibc's log1p and tanh are fdlibm's, as V8's Math.log1p and Math.tanh), and GCC fuses
 * `a·b + c` into one multiply-add where the source writes one, as on the float32 side
 * (activation.ts). GELU without approximation takes this native kernel in float64 (oneDNN only
 * serves float32).
 */
import type {Formula32 as Formula, Formula32Grad as FormulaGrad} from './activation.js';
import {exp as expLibm} from './libm.js';
import {erf as erfLibm} from './libm-erf.js';
import {erf as erfSleef} from './sleef-double-special.js';
import {exp as expSleef, fma, log1p as log1pSleef, tanh as tanhSleef} from './sleef-double.js';

type Fn = (x: number) => number;

/** The elements of one float64 cpu_kernel_vec row that go through the vectorised lambda. */
export function vectorEnd64(n: number): number {
  return n - (n % 8);
}

/** `out[i] = formula(x[i])` over one contiguous float64 row, as cpu_kernel_vec splits it. */
export function map64(x: ArrayLike<number>, out: Float64Array, formula: Formula): void {
  const n = out.length;
  const end = vectorEnd64(n);
  const {vec, tail} = formula;
  for (let i = 0; i < end; i++) out[i] = vec(x[i] ?? 0);
  for (let i = end; i < n; i++) out[i] = tail(x[i] ?? 0);
}

/** `out[i] = formula(g[i], x[i])` over one contiguous float64 row, as cpu_kernel_vec splits it. */
export function map64Grad(
  g: ArrayLike<number>,
  x: ArrayLike<number>,
  out: Float64Array,
  formula: FormulaGrad,
): void {
  const n = out.length;
  const end = vectorEnd64(n);
  const {vec, tail} = formula;
  for (let i = 0; i < end; i++) out[i] = vec(g[i] ?? 0, x[i] ?? 0);
  for (let i = end; i < n; i++) out[i] = tail(g[i] ?? 0, x[i] ?? 0);
}

/** The same formula on both sides (no libm call in it). */
export const both = (fn: Fn): Formula => ({vec: fn, tail: fn});

/** elu: x > 0 ? x·scale : (e^(x·input_scale) - 1)·alpha·scale. */
export function elu64(alpha: number, scale: number, inputScale: number): Formula {
  const neg = alpha * scale;
  const at = (exp: Fn) => (x: number) => (x > 0 ? x * scale : (exp(x * inputScale) - 1) * neg);
  return {vec: at(expSleef), tail: at(expLibm)};
}

/** elu_backward on the input: x ≤ 0 ? g·input_scale·alpha·scale·e^(x·input_scale) : g·scale. */
export function eluGrad64(alpha: number, scale: number, inputScale: number): FormulaGrad {
  const neg = alpha * scale;
  const at = (exp: Fn) => (g: number, x: number) =>
    x <= 0 ? g * inputScale * neg * exp(x * inputScale) : g * scale;
  return {vec: at(expSleef), tail: at(expLibm)};
}

/** elu_backward on the result (elu_): y ≤ 0 ? g·input_scale·(y + alpha·scale) : g·scale. */
export function eluResultGrad64(alpha: number, scale: number, inputScale: number): FormulaGrad {
  const neg = alpha * scale;
  const at = (g: number, y: number) => (y <= 0 ? g * inputScale * (y + neg) : g * scale);
  return {vec: at, tail: at};
}

/** C's M_2_SQRTPI, M_SQRT2 and M_SQRT1_2 as doubles. */
const M_2_SQRTPI = 1.1283791670955126;
const BETA = Math.SQRT2 * M_2_SQRTPI * 0.5;
const KAPPA = 0.044715;
const KAPPA3 = 3 * KAPPA;
/** The normal pdf's factor, as GeluBackwardKernelImpl writes it: M_2_SQRTPI · M_SQRT1_2 · ½. */
const PDF = M_2_SQRTPI * Math.SQRT1_2 * 0.5;

/** gelu(approximate='tanh'): ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export const geluTanh64: Formula = (() => {
  const at = (tanh: Fn) => (x: number) => {
    const inner = BETA * fma(KAPPA, x * x * x, x);
    return 0.5 * x * (1 + tanh(inner));
  };
  return {vec: at(tanhSleef), tail: at(Math.tanh)};
})();

/** gelu_backward(approximate='tanh'), in GeluBackwardKernelImpl's order of operations. */
export const geluTanhGrad64: FormulaGrad = (() => {
  const at = (tanh: Fn) => (g: number, x: number) => {
    const sq = x * x;
    const t = tanh(BETA * fma(KAPPA, sq * x, x));
    const leftDerivative = 0.5 * (1 + t);
    const tanhDerivative = fma(-t, t, 1);
    const innerDerivative = BETA * fma(KAPPA3, sq, 1);
    return g * (leftDerivative + 0.5 * x * tanhDerivative * innerDerivative);
  };
  return {vec: at(tanhSleef), tail: at(Math.tanh)};
})();

/** gelu (erf form): x·½·(1 + erf(x/√2)). */
export const geluErf64: Formula = (() => {
  const at = (erf: Fn) => (x: number) => x * 0.5 * (1 + erf(x * Math.SQRT1_2));
  return {vec: at(erfSleef), tail: at(erfLibm)};
})();

/** gelu_backward (erf form): g·(cdf + x·pdf), cdf = ½·(1 + erf(x/√2)), pdf = c·e^(-x²/2). */
export const geluErfGrad64: FormulaGrad = (() => {
  const at = (erf: Fn, exp: Fn, fused: boolean) => (g: number, x: number) => {
    const cdf = 0.5 * (1 + erf(x * Math.SQRT1_2));
    const pdf = PDF * exp(x * x * -0.5);
    return g * (fused ? fma(x, pdf, cdf) : cdf + x * pdf);
  };
  return {vec: at(erfSleef, expSleef, true), tail: at(erfLibm, expLibm, false)};
})();

/** softplus: x·β > threshold ? x : log1p(e^(x·β))/β. */
export function softplus64(beta: number, threshold: number): Formula {
  const at = (exp: Fn, log1p: Fn) => (x: number) => {
    const bx = x * beta;
    return bx > threshold ? x : log1p(exp(bx)) / beta;
  };
  return {vec: at(expSleef, log1pSleef), tail: at(expLibm, Math.log1p)};
}

/** softplus_backward: x·β > threshold ? g : g·z/(z + 1), z = e^(x·β). */
export function softplusGrad64(beta: number, threshold: number): FormulaGrad {
  const at = (exp: Fn) => (g: number, x: number) => {
    const bx = x * beta;
    const z = exp(bx);
    return bx > threshold ? g : (g * z) / (z + 1);
  };
  return {vec: at(expSleef), tail: at(expLibm)};
}

/** silu: x / (1 + e^-x). */
export const silu64: Formula = (() => {
  const at = (exp: Fn) => (x: number) => x / (1 + exp(-x));
  return {vec: at(expSleef), tail: at(expLibm)};
})();

/** silu_backward: g·σ·(1 + x·(1 - σ)), σ = 1/(1 + e^-x). */
export const siluGrad64: FormulaGrad = (() => {
  const at = (exp: Fn) => (g: number, x: number) => {
    const s = 1 / (1 + exp(-x));
    return g * s * fma(x, 1 - s, 1);
  };
  return {vec: at(expSleef), tail: at(expLibm)};
})();

/** mish: x·tanh(log1p(e^x)). */
export const mish64: Formula = (() => {
  const at = (exp: Fn, log1p: Fn, tanh: Fn) => (x: number) => x * tanh(log1p(exp(x)));
  return {vec: at(expSleef, log1pSleef, tanhSleef), tail: at(expLibm, Math.log1p, Math.tanh)};
})();

/** mish_backward: g·(t + x·σ·(1 - t²)), t = tanh(softplus(x)), σ = 1/(1 + e^-x). */
export const mishGrad64: FormulaGrad = (() => {
  const at = (exp: Fn, log1p: Fn, tanh: Fn) => (g: number, x: number) => {
    const s = 1 / (1 + exp(-x));
    const t = tanh(log1p(exp(x)));
    return g * fma(x * s, fma(-t, t, 1), t);
  };
  return {vec: at(expSleef, log1pSleef, tanhSleef), tail: at(expLibm, Math.log1p, Math.tanh)};
})();

/**
 * log_sigmoid's forward for one double: its buffer e^-|x| and min(x, 0) - log1p(buffer), SLEEF
 * on every element (the loop runs the vector code on a partial last vector too). The buffer is
 * written to `buffer[i]`, the value returned.
 */
export function logSigmoid64(x: number, buffer: Float64Array, i: number): number {
  const b = expSleef(-Math.abs(x));
  buffer[i] = b;
  return (x !== x ? x : Math.min(x, 0)) - log1pSleef(b);
}
