/**
 * softmax and log_softmax along a dim that is not the last, as PyTorch 1.13's SoftMaxKernel.cpp
 * computes them on the CPU: softmax's forward is _vec_softmax (eight inner positions at a time
 * through SLEEF's expf and a float sum, the inner positions left over through glibc's expf),
 * log_softmax's _vec_log_softmax (chunks of inner positions), and the backwards
 * _vec_softmax_backward. float64 takes the same paths with four lanes and SLEEF's double
 * functions (sleef-double.ts), glibc's exp (libm.ts) beyond. The layout is outer × size × inner, the softmax running over `size`.
 */
import type {Storage} from '../dtype.js';
import {exp as exp64} from './libm.js';
import {expfLibm} from './libm-float.js';
import {expf, fma32, fma64, logf} from './sleef.js';
import {exp as sleefExp64, log as sleefLog64} from './sleef-double.js';

/** The shape around the softmax's dim. */
export interface DimLayout {
  readonly outer: number;
  readonly size: number;
  readonly inner: number;
  readonly float32: boolean;
}

/** std::max(a, b): b only when a < b (a NaN stays). */
const max = (a: number, b: number): number => (a < b ? b : a);

/** softmax over the middle dim of x into out. */
export function softmaxDim(x: Storage, out: Storage, layout: DimLayout): void {
  const {outer, size, inner, float32} = layout;
  const r = float32 ? Math.fround : (v: number) => v;
  const lanes = float32 ? 8 : 4;
  const vectorEnd = inner - (inner % lanes);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      const vector = i < vectorEnd;
      let m = x[base] ?? 0;
      for (let k = 1; k < size; k++) {
        const v = x[base + k * inner] ?? 0;
        // The vector path's maximum propagates NaN; std::max keeps its first argument.
        m = vector && (v !== v || m !== m) ? NaN : max(m, v);
      }
      const exp = float32 ? (vector ? expf : expfLibm) : vector ? sleefExp64 : exp64;
      let sum = 0;
      for (let k = 0; k < size; k++) {
        const e = exp(r((x[base + k * inner] ?? 0) - m));
        out[base + k * inner] = e;
        sum = r(sum + e);
      }
      for (let k = 0; k < size; k++) out[base + k * inner] = r((out[base + k * inner] ?? 0) / sum);
    }
  }
}

/** How many inner positions the kernels take at a time: 128 KiB of the dim, whole vectors. */
function chunkSize(size: number, float32: boolean): number {
  const lanes = float32 ? 8 : 4;
  const chunk = Math.max(Math.floor((128 * 1024) / size / (float32 ? 4 : 8)), lanes);
  return Math.floor(chunk / lanes) * lanes;
}

/**
 * log_softmax over the middle dim (_vec_log_softmax): per chunk of inner positions, the max, the
 * float sum of e^(x - max) (SLEEF on whole vectors of the chunk, glibc beyond), its log (SLEEF's
 * logf on every position), then (x - max) - log Σ.
 */
export function logSoftmaxDim(x: Storage, out: Storage, layout: DimLayout): void {
  const {outer, size, inner, float32} = layout;
  const r = float32 ? Math.fround : (v: number) => v;
  const lanes = float32 ? 8 : 4;
  const chunk = chunkSize(size, float32);
  for (let o = 0; o < outer; o++) {
    for (let start = 0; start < inner; start += chunk) {
      const width = Math.min(chunk, inner - start);
      const vectorEnd = width - (width % lanes);
      for (let j = 0; j < width; j++) {
        const base = o * size * inner + start + j;
        let m = -Infinity;
        for (let k = 0; k < size; k++) {
          const v = x[base + k * inner] ?? 0;
          m = v > m ? v : m;
        }
        const exp = float32
          ? j < vectorEnd
            ? expf
            : expfLibm
          : j < vectorEnd
            ? sleefExp64
            : exp64;
        let sum = 0;
        for (let k = 0; k < size; k++) sum = r(sum + exp(r((x[base + k * inner] ?? 0) - m)));
        const l = float32 ? logf(sum) : sleefLog64(sum);
        for (let k = 0; k < size; k++) {
          out[base + k * inner] = r(r((x[base + k * inner] ?? 0) - m) - l);
        }
      }
    }
  }
}

/**
 * The backward of either over the middle dim (_vec_softmax_backward and its log form): the sum
 * over the dim in float, log_softmax g - e^y·Σg, softmax y·(g - Σ g·y), each product fused
 * into its sum as the AVX2 build does, e^y through SLEEF.
 */
export function softmaxDimBackward(
  g: Storage,
  y: Storage,
  out: Storage,
  layout: DimLayout,
  log: boolean,
): void {
  const {outer, size, inner, float32} = layout;
  const r = float32 ? Math.fround : (v: number) => v;
  const fma = float32 ? fma32 : fma64;
  const lanes = float32 ? 8 : 4;
  const chunk = chunkSize(size, float32);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      const width = Math.min(chunk, inner - Math.floor(i / chunk) * chunk);
      const vector = i % chunk < width - (width % lanes);
      const exp = float32 ? (vector ? expf : expfLibm) : vector ? sleefExp64 : exp64;
      let sum = 0;
      for (let k = 0; k < size; k++) {
        const at = base + k * inner;
        sum = log ? r(sum + (g[at] ?? 0)) : fma(g[at] ?? 0, y[at] ?? 0, sum);
      }
      for (let k = 0; k < size; k++) {
        const at = base + k * inner;
        const gv = g[at] ?? 0;
        const yv = y[at] ?? 0;
        out[at] = log ? fma(-exp(yv), sum, gv) : r(yv * r(gv - sum));
      }
    }
  }
}
