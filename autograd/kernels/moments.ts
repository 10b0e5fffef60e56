/**
 * ATen's `RowwiseMoments` (native/cpu/moments_utils.h) as PyTorch 1.13's AVX2 build computes it:
 * the mean and the biased variance of one contiguous row by Welford's algorithm over 8-lane
 * (float32) or 4-lane (float64) vectors in chunks of 16 vectors, the chunks merged in a cascade
 * (a binary counter of partial moments), then a scalar Welford over the leftovers and the lanes
 * merged into it one by one. Nothing is fused: compared with PyTorch on rows of many lengths, its
 * multiply-adds round twice.
 */
import {fma32, fma64} from './sleef.js';

const CHUNK = 16;

/**
 * A float type's arithmetic: its rounding, `a·b + c` rounded twice (mulAdd) and once (fma), and
 * its vector width.
 */
export interface FloatOps {
  readonly r: (x: number) => number;
  readonly mulAdd: (a: number, b: number, c: number) => number;
  readonly fma: (a: number, b: number, c: number) => number;
  readonly lanes: number;
}

const f = Math.fround;

/** float32 on AVX2: 8 lanes. */
export const FLOAT32: FloatOps = {r: f, mulAdd: (a, b, c) => f(f(a * b) + c), fma: fma32, lanes: 8};
/** float64 on AVX2: 4 lanes. */
export const FLOAT64: FloatOps = {
  r: (x) => x,
  mulAdd: (a, b, c) => a * b + c,
  fma: fma64,
  lanes: 4,
};

/** `utils::CeilLog2`: 1 up to 2, else ⌈log2 x⌉. */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return Math.floor(Math.log2(x - 1)) + 1;
}

/** Partial moments of every lane: count, means, sums of squared deviations. */
interface Moments {
  m0: number;
  m1: number[];
  m2: number[];
}

function zero(lanes: number): Moments {
  return {m0: 0, m1: new Array<number>(lanes).fill(0), m2: new Array<number>(lanes).fill(0)};
}

/** `AddMomentsVec` (and `AddMoments` lane by lane): merges `add` into `into`. */
function addMoments(ops: FloatOps, add: Moments, into: Moments): void {
  const {r, mulAdd} = ops;
  const n = into.m0 + add.m0;
  const c = n === 0 ? 0 : r(add.m0 / n);
  for (let l = 0; l < into.m1.length; l++) {
    const m1 = into.m1[l] ?? 0;
    const delta = r((add.m1[l] ?? 0) - m1);
    into.m1[l] = mulAdd(c, delta, m1);
    const t = r(r(delta * delta) * c);
    into.m2[l] = r((into.m2[l] ?? 0) + mulAdd(t, into.m0, add.m2[l] ?? 0));
  }
  into.m0 = n;
}

/** `[mean, variance]` of `x[off … off + n)` (variance divided by n), as RowwiseMoments gives. */
export function rowwiseMoments(
  x: ArrayLike<number>,
  off: number,
  count: number,
  ops: FloatOps,
): [number, number] {
  const {r, mulAdd, lanes} = ops;
  const n = Math.floor(count / lanes);
  const m = Math.ceil(n / CHUNK);
  const depth = ceilLog2(m);
  const stack = Array.from({length: depth}, () => zero(lanes));
  for (let i = 0; i < m; i++) {
    const base = off + i * CHUNK * lanes;
    const m0 = Math.min(CHUNK, n - i * CHUNK);
    const chunk = zero(lanes);
    for (let j = 0; j < m0; j++) {
      const c = r(1 / (j + 1));
      for (let l = 0; l < lanes; l++) {
        const v = x[base + j * lanes + l] ?? 0;
        const m1 = chunk.m1[l] ?? 0;
        const delta = r(v - m1);
        const next = mulAdd(delta, c, m1);
        chunk.m1[l] = next;
        chunk.m2[l] = mulAdd(delta, r(v - next), chunk.m2[l] ?? 0);
      }
    }
    chunk.m0 = m0;
    addMoments(ops, chunk, stack[0] ?? zero(lanes));
    let mask = i + 1;
    for (let j = 1; j < depth && (mask & 1) === 0; j++) {
      addMoments(ops, stack[j - 1] ?? zero(lanes), stack[j] ?? zero(lanes));
      stack[j - 1] = zero(lanes);
      mask >>= 1;
    }
  }
  const top = stack[0] ?? zero(lanes);
  for (let i = 1; i < depth; i++) addMoments(ops, stack[i] ?? zero(lanes), top);
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = n * lanes; i < count; i++) {
    const v = x[off + i] ?? 0;
    const delta = r(v - m1);
    m0++;
    m1 = r(m1 + r(delta / m0));
    m2 = mulAdd(delta, r(v - m1), m2);
  }
  const total: Moments = {m0, m1: [m1], m2: [m2]};
  for (let l = 0; l < lanes; l++) {
    addMoments(ops, {m0: n, m1: [top.m1[l] ?? 0], m2: [top.m2[l] ?? 0]}, total);
  }
  return [total.m1[0] ?? 0, r((total.m2[0] ?? 0) / count)];
}
