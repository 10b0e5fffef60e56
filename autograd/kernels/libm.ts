/**
 * Double-precision elementary functions with the results glibc's libm gives, for CPython's `math`
 * module, Python's float `**`, `random`, and the scalar (std::) paths of PyTorch's float64 kernels.
 *
 * V8's Math.exp, Math.sin, Math.pow, … are fdlibm ports whose results differ from glibc's in the
 * last bit for 3–10 % of arguments. glibc's exp, log, log2, pow, sin, cos, tan, atan, atan2, asin
 * and acos round correctly in all but about one case in a thousand, so these functions evaluate in
 * double-double arithmetic (about 100 bits) and round once. glibc's log10, sinh and cosh are
 * fdlibm's formulas over its own exp, expm1 and log, and are written that way here; its expm1,
 * log1p and tanh are fdlibm's, which V8 ports too.
 */

import {exp, exp2} from './libm-exp.js';

// ---------------------------------------------------------------- double-double arithmetic
// A double-double is hi + lo with |lo| ≤ ulp(hi)/2. Results are returned in the fields of one
// object (V8 updates a double field in place, where a module variable would box every write):
// h + l is the last double-double result, k the power of two expDD scales by, q the quadrant of
// reduceHalfPi, sh + sl and ch + cl sinCosDD's sine and cosine.
const R = {h: 0.5, l: 0.5, k: 0.5, q: 0.5, sh: 0.5, sl: 0.5, ch: 0.5, cl: 0.5};

const SPLITTER = 134217729; // 2^27 + 1

/** hi + lo = a + b exactly. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R.l = a - (s - bb) + (b - bb);
  R.h = s;
}

/** hi + lo = a + b exactly, for |a| ≥ |b|. */
function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  R.l = b - (s - a);
  R.h = s;
}

/** hi + lo = a · b exactly (Dekker's product). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  R.l = ah * bh - p + ah * bl + al * bh + al * bl;
  R.h = p;
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = R.h;
  let e = R.l;
  twoSum(al, bl);
  const f = R.l;
  e += R.h;
  quickTwoSum(s, e);
  quickTwoSum(R.h, R.l + f);
}

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  quickTwoSum(R.h, R.l + (ah * bl + al * bh));
}

function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  quickTwoSum(R.h, R.l + al * b);
}

/** A precise quotient a / b of a double-double by a double-double (three correction terms). */
function ddDivide(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -R.h, -R.l);
  const r1h = R.h;
  const r1l = R.l;
  const q2 = r1h / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(r1h, r1l, -R.h, -R.l);
  const q3 = R.h / bh;
  quickTwoSum(q1, q2);
  ddAdd(R.h, R.l, q3, 0);
}

function ddSqrt(ah: number, al: number): void {
  if (ah <= 0) {
    R.h = 0;
    R.l = 0;
    return;
  }
  const s = Math.sqrt(ah);
  twoProd(s, s);
  const corr = (ah - R.h - R.l + al) / (2 * s);
  quickTwoSum(s, corr);
}

// ---------------------------------------------------------------- constants (from 500-digit values)

const LN2_0 = 0.6931471805599453;
const LN2_1 = 2.3190468138462996e-17;
const LN2_2 = 5.707708438416212e-34;
const INV_LN2_0 = 1.4426950408889634;
const INV_LN2_1 = 2.0355273740931033e-17;
const HALF_PI_0 = 1.5707963267948966;
const HALF_PI_1 = 6.123233995736766e-17;
const HALF_PI_2 = -1.4973849048591698e-33;
const PI_0 = 3.141592653589793;
const PI_1 = 1.2246467991473532e-16;
/** ⌊2/π · 2^1280⌋, for reducing huge arguments of sin, cos and tan. */
const TWO_OVER_PI = BigInt(
  '0xa2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e006492eea09d1921cfe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f49c845f8bbdf9283b1ff897ffde05980fef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d0856033046fc7b6babf0cfbc209af4361da9e39161',
);
const TWO_OVER_PI_BITS = 1280;

/** 1/d(n) for n < length as double-doubles: high parts, then low parts. */
function reciprocals(length: number, d: (n: number) => number): [Float64Array, Float64Array] {
  const hi = new Float64Array(length);
  const lo = new Float64Array(length);
  for (let n = 0; n < length; n++) {
    const v = d(n);
    if (v === 0) continue;
    hi[n] = 1 / v;
    twoProd(1 / v, v);
    lo[n] = (1 - R.h - R.l) / v;
  }
  return [hi, lo];
}
/** 1/n, the coefficients of the log, atan and exp series. */
const [INV_H, INV_L] = reciprocals(64, (n) => n);
/** 1/(n(n − 1)), the ratio of successive terms of the sine and cosine series. */
const [TAYLOR_H, TAYLOR_L] = reciprocals(30, (n) => (n < 2 ? 0 : n * (n - 1)));

// ---------------------------------------------------------------- bits of a double

const view = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(0);
}

/** x with its high word replaced. */
function withHighWord(x: number, hi: number): number {
  view.setFloat64(0, x);
  view.setUint32(0, hi >>> 0);
  return view.getFloat64(0);
}

/** (hi + lo) · 2^k rounded once to a double, subnormal and overflowing results included. */
function scaleRound(hi: number, lo: number, k: number): number {
  const s = hi + lo;
  if (k >= -1021) {
    if (k > 1023) return s * 2 ** 1023 * 2 ** (k - 1023);
    return s * 2 ** k;
  }
  // The result may be subnormal: round (hi + lo)·2^(k+1074) to an integer, ties to even.
  const shift = k + 1074;
  if (shift < 0) return Math.sign(s) * 0;
  const vh = hi * 2 ** shift;
  const vl = lo * 2 ** shift;
  const f = Math.floor(vh);
  const frac = vh - f + vl;
  let n = f;
  if (frac > 0.5 || (frac === 0.5 && f % 2 !== 0)) n = f + 1;
  else if (frac < -0.5 || (frac === -0.5 && f % 2 !== 0)) n = f - 1;
  else if (frac < 0 && frac > -0.5) n = f;
  return n * 2 ** -1074;
}

// ---------------------------------------------------------------- exp and log

/** e^(xh + xl) as (H + L) · 2^K, |xh| ≤ 746. */
function expDD(xh: number, xl: number): void {
  const k = Math.round(xh * INV_LN2_0);
  twoProd(k, LN2_0);
  ddAdd(xh, xl, -R.h, -R.l);
  const rh0 = R.h;
  const rl0 = R.l;
  twoProd(k, LN2_1);
  ddAdd(rh0, rl0, -R.h, -R.l - k * LN2_2);
  // e^r = (e^(r/256))^256, with e^(r/256) − 1 from its Taylor series.
  const rh = R.h / 256;
  const rl = R.l / 256;
  let th = 1;
  let tl = 0;
  for (let n = 11; n >= 2; n--) {
    ddMul(rh, rl, th, tl);
    const ih = INV_H[n] as number;
    const il = INV_L[n] as number;
    ddMul(R.h, R.l, ih, il);
    ddAdd(1, 0, R.h, R.l);
    th = R.h;
    tl = R.l;
  }
  ddMul(rh, rl, th, tl);
  let eh = R.h;
  let el = R.l;
  for (let i = 0; i < 8; i++) {
    ddAdd(2, 0, eh, el);
    ddMul(eh, el, R.h, R.l);
    eh = R.h;
    el = R.l;
  }
  ddAdd(1, 0, eh, el);
  R.k = k;
}

const LOG_TERMS = 22;

/** log(x) as H + L for a finite x > 0. */
function logDD(x: number): void {
  let e = 0;
  let m = x;
  if (m < 2 ** -1022) {
    m *= 2 ** 54;
    e = -54;
  }
  const hi = highWord(m);
  e += (hi >>> 20) - 1023;
  m = withHighWord(m, (hi & 0x000fffff) | 0x3ff00000);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = 2·atanh(s), s = (m − 1)/(m + 1); m − 1 is exact.
  twoSum(m, 1);
  ddDivide(m - 1, 0, R.h, R.l);
  const sh = R.h;
  const sl = R.l;
  ddMul(sh, sl, sh, sl);
  const s2h = R.h;
  const s2l = R.l;
  let th = INV_H[2 * LOG_TERMS + 1] as number;
  let tl = INV_L[2 * LOG_TERMS + 1] as number;
  for (let j = LOG_TERMS - 1; j >= 0; j--) {
    ddMul(s2h, s2l, th, tl);
    const ih = INV_H[2 * j + 1] as number;
    const il = INV_L[2 * j + 1] as number;
    ddAdd(ih, il, R.h, R.l);
    th = R.h;
    tl = R.l;
  }
  ddMul(sh, sl, th, tl);
  const lh = 2 * R.h;
  const ll = 2 * R.l;
  if (e === 0) {
    R.h = lh;
    R.l = ll;
    return;
  }
  twoProd(e, LN2_0);
  const ph = R.h;
  const pl = R.l;
  twoProd(e, LN2_1);
  ddAdd(ph, pl, R.h, R.l + e * LN2_2);
  ddAdd(R.h, R.l, lh, ll);
}

/** glibc's exp and exp2 (table-driven, not correctly rounded: libm-exp.ts). */
export {exp, exp2};

/** glibc's log. */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  logDD(x);
  return R.h + R.l;
}

/** glibc's log2. */
export function log2(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  logDD(x);
  ddMul(R.h, R.l, INV_LN2_0, INV_LN2_1);
  return R.h + R.l;
}

/** glibc's log10: fdlibm's e_log10.c over glibc's log. */
export function log10(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  let k = 0;
  let v = x;
  if (v < 2 ** -1022) {
    k -= 54;
    v *= 2 ** 54;
  }
  const hx = highWord(v);
  k += (hx >>> 20) - 1023;
  const i = k < 0 ? 1 : 0;
  v = withHighWord(v, (hx & 0x000fffff) | ((0x3ff - i) << 20));
  const y = k + i;
  const z = y * 3.69423907715893078616e-13 + 4.34294481903251816668e-1 * log(v);
  return z + y * 3.01029995663611771306e-1;
}

/** glibc's sinh: fdlibm's e_sinh.c over glibc's exp and expm1. */
export function sinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const h = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < 2 ** -28) return x;
    const t = Math.expm1(ax);
    if (ax < 1) return h * (2.0 * t - (t * t) / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ax < 709.7822265625) return h * exp(ax);
  const w = exp(0.5 * ax);
  return h * w * w;
}

/** glibc's cosh: fdlibm's e_cosh.c over glibc's exp and expm1. */
export function cosh(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 0.5 * LN2_0) {
    const t = Math.expm1(ax);
    const w = 1 + t;
    if (ax < 2 ** -55) return w;
    return 1 + (t * t) / (w + w);
  }
  if (ax < 22) {
    const t = exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < 709.7822265625) return 0.5 * exp(ax);
  const w = exp(0.5 * ax);
  return 0.5 * w * w;
}

// ---------------------------------------------------------------- pow

/** The double nearest to num/den · 2^e2 (num, den > 0), ties to even. */
function roundRational(num: bigint, den: bigint, e2: number): number {
  const bits = (v: bigint) => v.toString(2).length;
  const s = 56 - (bits(num) - bits(den));
  const q = s >= 0 ? (num << BigInt(s)) / den : num / (den << BigInt(-s));
  const rem = s >= 0 ? (num << BigInt(s)) % den : num % (den << BigInt(-s));
  const qb = bits(q);
  let drop = qb - 53;
  const lsb = e2 - s + drop;
  if (lsb < -1074) drop += -1074 - lsb;
  if (drop > qb + 1) return 0;
  const mask = (1n << BigInt(drop)) - 1n;
  const half = 1n << BigInt(drop - 1);
  let n = q >> BigInt(drop);
  const rest = q & mask;
  if (rest > half || (rest === half && (rem !== 0n || (n & 1n) === 1n))) n += 1n;
  const exponent = e2 - s + drop;
  const value = Number(n);
  if (exponent > 1000) return value * 2 ** 1000 * 2 ** (exponent - 1000);
  if (exponent < -1000) return value * 2 ** -1000 * 2 ** (exponent + 1000);
  return value * 2 ** exponent;
}

/** m and e with x = m · 2^e, m an odd integer (x finite, > 0). */
function integerMantissa(x: number): [bigint, number] {
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2 ** 32;
    e -= 32;
  }
  let big = BigInt(m);
  while ((big & 1n) === 0n) {
    big >>= 1n;
    e += 1;
  }
  return [big, e];
}

/**
 * glibc's pow for finite x > 0 and finite y ≠ 0 (the caller handles signs, zeros, infinities and
 * NaN as C and Python define them). Small integer exponents are computed exactly and rounded once.
 */
export function powPositive(x: number, y: number): number {
  if (x === 1) return 1;
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === -1) return 1 / x;
  if (y === 0.5) return Math.sqrt(x);
  logDD(x);
  // the product y·log x, with y scaled so Dekker's split cannot overflow
  if (Math.abs(y) > 2 ** 900) ddMulD(R.h * 2 ** 100, R.l * 2 ** 100, y * 2 ** -100);
  else ddMulD(R.h, R.l, y);
  const ph = R.h;
  const pl = R.l;
  if (ph > 709.8) return Infinity;
  if (ph < -745.2) return 0;
  if (Number.isInteger(y) && Math.abs(y) <= 64) {
    const [m, e] = integerMantissa(x);
    const p = m ** BigInt(Math.abs(y));
    return y > 0 ? roundRational(p, 1n, e * y) : roundRational(1n, p, e * y);
  }
  expDD(ph, pl);
  return scaleRound(R.h, R.l, R.k);
}

// ---------------------------------------------------------------- sin, cos, tan

/** x − Q·π/2 as H + L with |H| ≤ π/4 (about), Q taken mod 4. */
function reduceHalfPi(x: number): void {
  const ax = Math.abs(x);
  if (ax <= Math.PI / 4) {
    R.q = 0;
    R.h = x;
    R.l = 0;
    return;
  }
  if (ax < 2 ** 28) {
    const k = Math.round(x * (2 / Math.PI));
    twoProd(k, HALF_PI_0);
    ddAdd(x, 0, -R.h, -R.l);
    const rh = R.h;
    const rl = R.l;
    twoProd(k, HALF_PI_1);
    ddAdd(rh, rl, -R.h, -R.l - k * HALF_PI_2);
    R.q = ((k % 4) + 4) % 4;
    return;
  }
  // Payne–Hanek: the fraction of x·2/π from enough bits of 2/π.
  const [m, e] = integerMantissa(ax);
  const prod = m * TWO_OVER_PI;
  const shift = TWO_OVER_PI_BITS - e;
  const whole = prod >> BigInt(shift);
  let frac = prod - (whole << BigInt(shift));
  let q = Number(whole & 3n);
  // keep 128 bits of the fraction
  const keep = BigInt(shift - 128);
  frac >>= keep;
  const top = Number(frac >> 75n) * 2 ** -53;
  const next = Number(frac & ((1n << 75n) - 1n)) * 2 ** -128;
  quickTwoSum(top, next);
  let fh = R.h;
  let fl = R.l;
  if (fh >= 0.5) {
    ddAdd(fh, fl, -1, 0);
    fh = R.h;
    fl = R.l;
    q += 1;
  }
  ddMul(fh, fl, HALF_PI_0, HALF_PI_1);
  if (x < 0) {
    R.h = -R.h;
    R.l = -R.l;
    q = -q;
  }
  R.q = ((q % 4) + 4) % 4;
}

/** sin(r) and cos(r) of a reduced r = rh + rl, into S = (SH, SL), C = (CH, CL). */
function sinCosDD(rh: number, rl: number): void {
  ddMul(rh, rl, rh, rl);
  const r2h = R.h;
  const r2l = R.l;
  let th = 1;
  let tl = 0;
  for (let n = 29; n >= 3; n -= 2) {
    ddMul(r2h, r2l, th, tl);
    const ih = TAYLOR_H[n] as number;
    const il = TAYLOR_L[n] as number;
    ddMul(R.h, R.l, ih, il);
    ddAdd(1, 0, -R.h, -R.l);
    th = R.h;
    tl = R.l;
  }
  ddMul(rh, rl, th, tl);
  R.sh = R.h;
  R.sl = R.l;
  th = 1;
  tl = 0;
  for (let n = 28; n >= 2; n -= 2) {
    ddMul(r2h, r2l, th, tl);
    const ih = TAYLOR_H[n] as number;
    const il = TAYLOR_L[n] as number;
    ddMul(R.h, R.l, ih, il);
    ddAdd(1, 0, -R.h, -R.l);
    th = R.h;
    tl = R.l;
  }
  R.ch = th;
  R.cl = tl;
}

/** glibc's sin. */
export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 2 ** -26) return x;
  reduceHalfPi(x);
  sinCosDD(R.h, R.l);
  switch (R.q) {
    case 0:
      return R.sh + R.sl;
    case 1:
      return R.ch + R.cl;
    case 2:
      return -(R.sh + R.sl);
    default:
      return -(R.ch + R.cl);
  }
}

/** glibc's cos. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 2 ** -27) return 1;
  reduceHalfPi(x);
  sinCosDD(R.h, R.l);
  switch (R.q) {
    case 0:
      return R.ch + R.cl;
    case 1:
      return -(R.sh + R.sl);
    case 2:
      return -(R.ch + R.cl);
    default:
      return R.sh + R.sl;
  }
}

/** glibc's tan. */
export function tan(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (Math.abs(x) < 2 ** -27) return x;
  reduceHalfPi(x);
  sinCosDD(R.h, R.l);
  if (R.q % 2 === 0) ddDivide(R.sh, R.sl, R.ch, R.cl);
  else ddDivide(-R.ch, -R.cl, R.sh, R.sl);
  return R.h + R.l;
}

// ---------------------------------------------------------------- atan, atan2, asin, acos

const ATAN_TERMS = 17;

/** atan(a) as H + L for a double-double a ≥ 0. */
function atanDD(ah: number, al: number): void {
  let inverted = false;
  let xh = ah;
  let xl = al;
  if (xh > 1) {
    ddDivide(1, 0, xh, xl);
    xh = R.h;
    xl = R.l;
    inverted = true;
  }
  // atan x = 2·atan(x / (1 + √(1 + x²))), three times: x ≤ tan(π/32)
  for (let i = 0; i < 3; i++) {
    ddMul(xh, xl, xh, xl);
    ddAdd(1, 0, R.h, R.l);
    ddSqrt(R.h, R.l);
    ddAdd(1, 0, R.h, R.l);
    ddDivide(xh, xl, R.h, R.l);
    xh = R.h;
    xl = R.l;
  }
  ddMul(xh, xl, xh, xl);
  const x2h = R.h;
  const x2l = R.l;
  let th = INV_H[2 * ATAN_TERMS + 1] as number;
  let tl = INV_L[2 * ATAN_TERMS + 1] as number;
  if (ATAN_TERMS % 2 === 1) {
    th = -th;
    tl = -tl;
  }
  for (let j = ATAN_TERMS - 1; j >= 0; j--) {
    ddMul(x2h, x2l, th, tl);
    const ih = INV_H[2 * j + 1] as number;
    const il = INV_L[2 * j + 1] as number;
    if (j % 2 === 0) ddAdd(ih, il, R.h, R.l);
    else ddAdd(-ih, -il, R.h, R.l);
    th = R.h;
    tl = R.l;
  }
  ddMul(xh, xl, th, tl);
  const rh = 8 * R.h;
  const rl = 8 * R.l;
  if (inverted) ddAdd(HALF_PI_0, HALF_PI_1, -rh, -rl);
  else {
    R.h = rh;
    R.l = rl;
  }
}

/** atan2 of two double-doubles (finite, not both zero) as H + L. */
function atan2DD(yh: number, yl: number, xh: number, xl: number): void {
  const negY = yh < 0 || (yh === 0 && Object.is(yh, -0));
  const ayh = Math.abs(yh);
  const ayl = yh < 0 ? -yl : yl;
  const axh = Math.abs(xh);
  const axl = xh < 0 ? -xl : xl;
  if (ayh === 0) {
    R.h = xh < 0 ? PI_0 : 0;
    R.l = xh < 0 ? PI_1 : 0;
  } else if (axh === 0) {
    R.h = HALF_PI_0;
    R.l = HALF_PI_1;
  } else {
    ddDivide(ayh, ayl, axh, axl);
    atanDD(R.h, R.l);
    if (xh < 0) ddAdd(PI_0, PI_1, -R.h, -R.l);
  }
  if (negY) {
    R.h = -R.h;
    R.l = -R.l;
  }
}

/** glibc's atan. */
export function atan(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x === Infinity) return HALF_PI_0;
  if (x === -Infinity) return -HALF_PI_0;
  if (Math.abs(x) < 2 ** -27) return x;
  // π/2 − 1/x rounds to π/2's double once 1/x < 2^-60
  if (Math.abs(x) > 2 ** 60) return x < 0 ? -HALF_PI_0 : HALF_PI_0;
  atanDD(Math.abs(x), 0);
  const r = R.h + R.l;
  return x < 0 ? -r : r;
}

/** glibc's atan2 for finite y and x (Python's math.atan2 handles the rest). */
export function atan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return Math.atan2(y, x);
  if (y === 0 || x === 0) return Math.atan2(y, x);
  const sign = y < 0 ? -1 : 1;
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  const big = Math.max(ay, ax);
  if (Math.min(ay, ax) / big < 2 ** -60) {
    // atan of a ratio below 2^-60 is the ratio, and π − it or π/2 ± it round to π or π/2
    if (ay > ax) return sign * HALF_PI_0;
    return x > 0 ? y / x : sign * PI_0;
  }
  // atan2 does not change when both scale by 2^-e, which keeps the products below overflow
  const e = -Math.floor(Math.log2(big));
  const s1 = 2 ** Math.trunc(e / 2);
  const s2 = 2 ** (e - Math.trunc(e / 2));
  atan2DD(y * s1 * s2, 0, x * s1 * s2, 0);
  return R.h + R.l;
}

/** √(1 − x²) for |x| ≤ 1 as H + L. */
function cosOfAsin(x: number): void {
  twoSum(1, -x);
  const ah = R.h;
  const al = R.l;
  twoSum(1, x);
  ddMul(ah, al, R.h, R.l);
  ddSqrt(R.h, R.l);
}

/** glibc's asin. */
export function asin(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (Math.abs(x) < 2 ** -26) return x;
  cosOfAsin(x);
  atan2DD(x, 0, R.h, R.l);
  return R.h + R.l;
}

/** glibc's acos. */
export function acos(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) > 1) return NaN;
  if (x === 1) return 0;
  cosOfAsin(x);
  atan2DD(R.h, R.l, x, 0);
  return R.h + R.l;
}

/** glibc's pow, with C99's special cases (pow(x, ±0) = 1, pow(1, y) = 1, pow(−1, ±∞) = 1). */
export function pow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return Math.pow(x, y);
  if (x > 0) return powPositive(x, y);
  if (!Number.isInteger(y)) return NaN;
  const r = powPositive(-x, y);
  return Math.abs(y) % 2 === 1 ? -r : r;
}
