/**
 * The vectorised row reductions of PyTorch's softmax, log_softmax and norm kernels
 * (ATen's `vec::reduce_all` / `map_reduce_all` on AVX2), element for element, so float32 results
 * round as PyTorch's do: 8 lanes (4 for float64) accumulate side by side, a partial last vector
 * only updates its filled lanes, and the lanes are then folded together.
 */
import type {Storage} from '../dtype.js';
import {fma32} from './sleef.js';

const f = Math.fround;

/** How the lanes of a row reduction combine: a float32 sum, an FMA sum of products, or max. */
export type LaneOp = 'sum' | 'max';

/**
 * Reduces `n` values (`value(i)`) the way `vec::map_reduce_all` does with 8-lane (float32) or
 * 4-lane (float64) vectors; `round` is the storage's rounding.
 */
export function reduceAll(
  value: (i: number) => number,
  n: number,
  op: LaneOp,
  float32: boolean,
): number {
  const r = float32 ? f : (x: number) => x;
  const combine =
    op === 'sum'
      ? (a: number, b: number) => r(a + b)
      : (a: number, b: number) => (a !== a || a > b ? a : b !== b || b > a ? b : a);
  const lanes = float32 ? 8 : 4;
  if (n < lanes) {
    let acc = value(0);
    for (let i = 1; i < n; i++) acc = combine(acc, value(i));
    return acc;
  }
  const acc = new Array<number>(lanes);
  for (let l = 0; l < lanes; l++) acc[l] = value(l);
  let d = lanes;
  for (; d < n - (n % lanes); d += lanes) {
    for (let l = 0; l < lanes; l++) acc[l] = combine(acc[l] ?? 0, value(d + l));
  }
  for (let l = 0; d + l < n; l++) acc[l] = combine(acc[l] ?? 0, value(d + l));
  return fold(acc, combine, float32);
}

/**
 * Folds the lanes: AVX2 float32 halves the vector three times (lane i with lane i+4, then i+2,
 * then i+1); other vectors add lanes 1… into lane 0 in turn.
 */
function fold(acc: number[], combine: (a: number, b: number) => number, float32: boolean): number {
  if (float32) {
    const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0] = acc;
    const b0 = combine(a0, a4);
    const b1 = combine(a1, a5);
    const b2 = combine(a2, a6);
    const b3 = combine(a3, a7);
    return combine(combine(b0, b2), combine(b1, b3));
  }
  let s = acc[0] ?? 0;
  for (let i = 1; i < acc.length; i++) s = combine(s, acc[i] ?? 0);
  return s;
}

/** Reads element `i` of a row of `data` starting at `off`. */
export function rowReader(data: Storage, off: number): (i: number) => number {
  return (i) => data[off + i] ?? 0;
}

/**
 * Σ x² of one contiguous row as PyTorch's vectorised norm kernel adds it: 8 (float32) or 4
 * (float64) lanes of fused multiply-adds, the lanes added in turn, then the leftovers.
 */
export function sumSquaresRow(data: Storage, off: number, n: number, float32: boolean): number {
  const mulAdd = float32 ? fma32 : (a: number, b: number, c: number) => a * b + c;
  const add = float32 ? (a: number, b: number) => f(a + b) : (a: number, b: number) => a + b;
  const lanes = float32 ? 8 : 4;
  const acc = new Array<number>(lanes).fill(0);
  let d = 0;
  for (; d < n - (n % lanes); d += lanes) {
    for (let l = 0; l < lanes; l++) {
      const v = data[off + d + l] ?? 0;
      acc[l] = mulAdd(v, v, acc[l] ?? 0);
    }
  }
  let s = acc[0] ?? 0;
  for (let l = 1; l < lanes; l++) s = add(s, acc[l] ?? 0);
  // The compiler vectorises the leftover loop by 4 (squares rounded, then added in order) and
  // fuses the last few (fitted on 10,000 rows against PyTorch: scripts in bitwise.py's cases).
  if (float32 && n - d >= 4) {
    for (const end = d + 4; d < end; d++) {
      const v = data[off + d] ?? 0;
      s = add(s, f(v * v));
    }
  }
  for (; d < n; d++) {
    const v = data[off + d] ?? 0;
    s = mulAdd(v, v, s);
  }
  return s;
}
