/**
 * softmax and log_softmax along the last dim, forward and backward, as PyTorch 1.13's
 * vectorised CPU kernels compute them (aten/src/ATen/native/cpu/SoftMaxKernel.cpp): the row's
 * max, exp of the shifted row, the vectorised sum (kernels/vecreduce.ts), then one reciprocal
 * (softmax) or one log (log_softmax) per row; float32 rounding at every step. float64 takes the
 * same steps with SLEEF's double exp and log (sleef-double.ts).
 */
import type {Storage} from '../dtype.js';
import {reduceAll} from './vecreduce.js';
import {expf, fma32, logf} from './sleef.js';
import {exp as exp64, fma as fma64, log as log64} from './sleef-double.js';

/** One row-wise kernel over `rows` rows of `size` contiguous values. */
interface Rows {
  rows: number;
  size: number;
  float32: boolean;
}

function ops(float32: boolean) {
  const r = float32 ? Math.fround : (x: number) => x;
  const exp = float32 ? expf : exp64;
  const log = float32 ? logf : log64;
  return {r, exp, log};
}

/** softmax (or log_softmax) of each row of `x` into `out`. */
export function softmaxRows(
  x: Storage,
  out: Storage,
  {rows, size, float32}: Rows,
  log: boolean,
): void {
  const {r, exp, log: ln} = ops(float32);
  for (let row = 0; row < rows; row++) {
    const off = row * size;
    const at = (i: number) => x[off + i] ?? 0;
    const max = reduceAll(at, size, 'max', float32);
    if (log) {
      const sum = reduceAll((i) => exp(r(at(i) - max)), size, 'sum', float32);
      const logSum = ln(sum);
      for (let i = 0; i < size; i++) out[off + i] = r(r(at(i) - max) - logSum);
      continue;
    }
    for (let i = 0; i < size; i++) out[off + i] = exp(r(at(i) - max));
    const sum = reduceAll((i) => out[off + i] ?? 0, size, 'sum', float32);
    const inv = r(1 / sum);
    for (let i = 0; i < size; i++) out[off + i] = r((out[off + i] ?? 0) * inv);
  }
}

/**
 * The gradient of softmax (`(g - Σ g·y)·y`) or log_softmax (`g - exp(y)·Σ g`) for each row,
 * from the output gradient `g` and the forward output `y`.
 */
export function softmaxBackwardRows(
  g: Storage,
  y: Storage,
  out: Storage,
  {rows, size, float32}: Rows,
  log: boolean,
): void {
  const {r, exp} = ops(float32);
  // The AVX2 build fuses these multiply-adds (checked against PyTorch in bitwise.json).
  const mulAdd = float32 ? fma32 : fma64;
  for (let row = 0; row < rows; row++) {
    const off = row * size;
    const gi = (i: number) => g[off + i] ?? 0;
    const yi = (i: number) => y[off + i] ?? 0;
    if (log) {
      const sum = reduceAll(gi, size, 'sum', float32);
      for (let i = 0; i < size; i++) out[off + i] = mulAdd(-exp(yi(i)), sum, gi(i));
      continue;
    }
    const sum = dotRow(gi, yi, size, float32, mulAdd, r);
    for (let i = 0; i < size; i++) out[off + i] = r(r(gi(i) - sum) * yi(i));
  }
}

/** `map2_reduce_all(x·y, +)`: lane-wise products accumulated (fused) in 8 or 4 lanes. */
function dotRow(
  a: (i: number) => number,
  b: (i: number) => number,
  n: number,
  float32: boolean,
  mulAdd: (a: number, b: number, c: number) => number,
  r: (x: number) => number,
): number {
  const lanes = float32 ? 8 : 4;
  if (n < lanes) {
    let acc = r(a(0) * b(0));
    for (let i = 1; i < n; i++) acc = r(acc + r(a(i) * b(i)));
    return acc;
  }
  const acc = Array.from({length: lanes}, (_, l) => r(a(l) * b(l)));
  let d = lanes;
  for (; d < n - (n % lanes); d += lanes) {
    for (let l = 0; l < lanes; l++) acc[l] = mulAdd(a(d + l), b(d + l), acc[l] ?? 0);
  }
  for (let l = 0; d + l < n; l++) acc[l] = mulAdd(a(d + l), b(d + l), acc[l] ?? 0);
  return reduceAll((i) => acc[i] ?? 0, lanes, 'sum', float32);
}
