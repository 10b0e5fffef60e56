/**
 * float64 sin and cos as PyTorch 1.13's kernels compute them on x86 CPUs: SLEEF's xsin_u1 and
 * xcos_u1 (Sleef_sind4_u10, Sleef_cosd4_u10; AVX2 build with fused multiply-adds), over the
 * whole tensor in groups of four lanes. SLEEF reduces the argument by π in one of two ways, and
 * the choice is made per group: the short Cody–Waite reduction when every lane of the four is
 * under 15 in magnitude, the longer four-part one otherwise. So one large value changes the last
 * bit of its three neighbours' results; `sinArray`/`cosArray` keep that grouping.
 */
import {fma, rint} from './sleef-double.js';

/** The last dd result x + y. */
const R = {x: 0.5, y: 0.5};

const M_1_PI = 0.3183098861837907;
const PI_A = 3.1415926218032837;
const PI_B = 3.1786509424591713e-8;
const PI_C = 1.2246467864107189e-16;
const PI_D = 1.27366343270219e-24;
const PI_A2 = 3.141592653589793;
const PI_B2 = 1.2246467991473532e-16;
/** Groups whose lanes are all under this take the short reduction (SLEEF's TRIGRANGEMAX2). */
const SHORT_RANGE = 15;
/** The four-part reduction is exact up to this (SLEEF's TRIGRANGEMAX); beyond it, Payne–Hanek. */
const LONG_RANGE = 1e14;
const TWO24 = 16777216;

function add_d_d(x: number, y: number): void {
  const rx = x + y;
  R.x = rx;
  R.y = x - rx + y;
}
function add2_d_d(x: number, y: number): void {
  const rx = x + y;
  const v = rx - x;
  R.x = rx;
  R.y = x - (rx - v) + (y - v);
}
function add_d2_d(xx: number, xy: number, y: number): void {
  const rx = xx + y;
  R.x = rx;
  R.y = xx - rx + y + xy;
}
function add2_d2_d(xx: number, xy: number, y: number): void {
  const rx = xx + y;
  const v = rx - xx;
  R.x = rx;
  R.y = xx - (rx - v) + (y - v) + xy;
}

/** The shared polynomial of xsin_u1 and xcos_u1 on the reduced argument tx + ty. */
function poly(tx: number, ty: number): number {
  const sx = tx * tx;
  const sy = fma(tx + tx, ty, fma(tx, tx, -sx));
  const s2 = sx * sx;
  const s4 = s2 * s2;
  let u = fma(
    s4,
    fma(sx, 2.7205241613852957e-15, -7.642925941139545e-13),
    fma(
      s2,
      fma(sx, 1.605893701172779e-10, -2.5052106814843123e-8),
      fma(sx, 2.7557319210442822e-6, -0.00019841269841204645),
    ),
  );
  u = fma(u, sx, 0.00833333333333318);
  add_d_d(-0.16666666666666666, u * sx);
  // (R.x + R.y) · s, then 1 + that
  const mx = R.x * sx;
  const my = fma(R.x, sy, fma(R.y, sx, fma(R.x, sx, -mx)));
  const px = 1 + mx;
  const py = 1 - px + mx + my;
  return fma(tx, px, fma(ty, px, tx * py));
}

/** sin d with the short (long = false) or the four-part reduction. */
function sinWith(d: number, long: boolean): number {
  let ql: number;
  if (!long) {
    const dql = rint(d * M_1_PI);
    ql = dql;
    const u = fma(dql, -PI_A2, d);
    add_d_d(u, dql * -PI_B2);
  } else {
    const dqh = Math.trunc(d * (M_1_PI / TWO24)) * TWO24;
    const dql = rint(fma(d, M_1_PI, -dqh));
    ql = dql;
    const u = fma(dqh, -PI_A, d);
    add_d_d(u, dql * -PI_A);
    add2_d2_d(R.x, R.y, dqh * -PI_B);
    add2_d2_d(R.x, R.y, dql * -PI_B);
    add2_d2_d(R.x, R.y, dqh * -PI_C);
    add2_d2_d(R.x, R.y, dql * -PI_C);
    add_d2_d(R.x, R.y, (dqh + dql) * -PI_D);
  }
  let u = poly(R.x, R.y);
  if ((ql & 1) !== 0) u = -u;
  return d === 0 ? d : u;
}

/** cos d with the short (long = false) or the four-part reduction. */
function cosWith(d: number, long: boolean): number {
  let ql: number;
  if (!long) {
    const dql = fma(2, rint(fma(d, M_1_PI, -0.5)), 1);
    ql = dql;
    add2_d_d(d, dql * (-PI_A2 * 0.5));
    add_d2_d(R.x, R.y, dql * (-PI_B2 * 0.5));
  } else {
    let dqh = Math.trunc(fma(d, M_1_PI / (TWO24 / 2), -M_1_PI / TWO24));
    ql = rint(d * M_1_PI + fma(dqh, -(TWO24 / 2), -0.5));
    dqh *= TWO24;
    ql = ql + ql + 1;
    const dql = ql;
    const u = fma(dqh, -PI_A * 0.5, d);
    add2_d_d(u, dql * (-PI_A * 0.5));
    add2_d2_d(R.x, R.y, dqh * (-PI_B * 0.5));
    add2_d2_d(R.x, R.y, dql * (-PI_B * 0.5));
    add2_d2_d(R.x, R.y, dqh * (-PI_C * 0.5));
    add2_d2_d(R.x, R.y, dql * (-PI_C * 0.5));
    add_d2_d(R.x, R.y, (dqh + dql) * (-PI_D * 0.5));
  }
  const u = poly(R.x, R.y);
  return (ql & 2) === 0 ? -u : u;
}

/** sin d of one value, as the kernel computes it when its group has no larger neighbour. */
export function sin(d: number): number {
  const a = Math.abs(d);
  if (!(a < LONG_RANGE)) return a === Infinity || d !== d ? NaN : Math.sin(d);
  return sinWith(d, a >= SHORT_RANGE);
}

/** cos d of one value, as the kernel computes it when its group has no larger neighbour. */
export function cos(d: number): number {
  const a = Math.abs(d);
  if (!(a < LONG_RANGE)) return a === Infinity || d !== d ? NaN : Math.cos(d);
  return cosWith(d, a >= SHORT_RANGE);
}

/** Whether the group of four lanes from `start` takes the long reduction. */
function longGroup(src: ArrayLike<number>, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (!(Math.abs(src[j] ?? 0) < SHORT_RANGE)) return true;
  return false;
}

function mapGroups(
  fn: (d: number, long: boolean) => number,
  fallback: (d: number) => number,
  src: ArrayLike<number>,
  srcOffset: number,
  out: {[i: number]: number},
  n: number,
): void {
  for (let i = 0; i < n; i += 4) {
    const end = Math.min(i + 4, n);
    const long = longGroup(src, srcOffset + i, srcOffset + end);
    for (let j = i; j < end; j++) {
      const d = src[srcOffset + j] ?? 0;
      const a = Math.abs(d);
      out[j] = a < LONG_RANGE ? fn(d, long) : a === Infinity || d !== d ? NaN : fallback(d);
    }
  }
}

/** out[i] = sin(src[srcOffset + i]) for i < n, grouped in fours as PyTorch's kernel runs. */
export function sinArray(
  src: ArrayLike<number>,
  srcOffset: number,
  out: {[i: number]: number},
  n: number,
): void {
  mapGroups(sinWith, Math.sin, src, srcOffset, out, n);
}

/** out[i] = cos(src[srcOffset + i]) for i < n, grouped in fours as PyTorch's kernel runs. */
export function cosArray(
  src: ArrayLike<number>,
  srcOffset: number,
  out: {[i: number]: number},
  n: number,
): void {
  mapGroups(cosWith, Math.cos, src, srcOffset, out, n);
}
