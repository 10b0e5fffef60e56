/**
 * More float32 functions as PyTorch 1.13's AVX2 kernels compute them, ported from SLEEF's FMA
 * build beside the ones in sleef.ts: tan, asin, acos, atan, atan2 (the u1 versions PyTorch's
 * `Sleef_*f8_u10` names), log2, log10, log1p, expm1, exp2, sinh, cosh, and erf (PyTorch's own
 * vectorised Abramowitz–Stegun formula around SLEEF's expf). Each takes and returns float32
 * values held in JS numbers. Outside the range the reduction covers (tan beyond |x| ≥ 125), the
 * result is the correctly rounded one instead.
 */
import type {DF} from './sleef.js';
import {
  asFloat,
  asInt,
  dfAdd2,
  dfAdd2F,
  dfAddFD,
  dfMul,
  dfRec,
  dfSqu,
  dfadd2,
  dfaddDD,
  dfaddDF,
  dfdiv,
  dfmul,
  expk2,
  fma32,
  fma64,
  logReduce,
  PA,
  PB,
  PC,
  rint,
  sdAddFF,
} from './sleef.js';

const f = Math.fround;
const FLT_MIN = 1.1754943508222875e-38;
const HALF_PI = f(Math.PI / 2);

/** Whether x is negative or -0. */
const negative = (x: number): boolean => x < 0 || Object.is(x, -0);
/** |x| with the sign of y (SLEEF's vmulsign: the sign bits are xor-ed). */
const mulsign = (x: number, y: number): number => (negative(y) ? -x : x);
const normalize = (t: DF): DF => {
  const s = f(t[0] + t[1]);
  return [s, f(f(t[0] - s) + t[1])];
};
const dfSub = (x: DF, y: DF): DF => {
  const s = f(x[0] - y[0]);
  return [s, f(f(f(f(x[0] - s) - y[0]) + x[1]) - y[1])];
};
const dfSubF = (x: DF, y: number): DF => {
  const s = f(x[0] - y);
  return [s, f(f(f(x[0] - s) - y) + x[1])];
};
const dfMulFF = (x: number, y: number): DF => {
  const s = f(x * y);
  return [s, fma32(x, y, -s)];
};
const dfAdd2FD = (x: number, y: DF): DF => {
  const s = f(x + y[0]);
  const v = f(s - x);
  return [s, f(f(f(x - f(s - v)) + f(y[0] - v)) + y[1])];
};
const dfRecF = (d: number): DF => {
  const s = f(1 / d);
  return [s, f(s * fma32(-d, s, 1))];
};
const dfSqrtF = (d: number): DF => {
  const t = f(Math.sqrt(d));
  const r = dfMul(dfAdd2FD(d, dfMulFF(t, t)), dfRecF(t));
  return [f(r[0] * 0.5), f(r[1] * 0.5)];
};

/** tan x (SLEEF's xtanf_u1; |x| < 125). */
export function tanf(d: number): number {
  if (!(Math.abs(d) < 125)) return Number.isFinite(d) ? f(Math.tan(d)) : NaN;
  const u = rint(f(d * f(2 * (1 / Math.PI))));
  const v = fma32(u, f(-PA * 0.5), d);
  let s = sdAddFF(v, f(u * f(-PB * 0.5)));
  s = dfaddDF(s, f(u * f(-PC * 0.5)));
  const odd = (u & 1) === 1;
  if (odd) s = [-s[0], -s[1]];
  const t = s;
  s = normalize(dfSqu(s));
  let p = f(0.004466364625841379);
  p = fma32(p, s[0], f(-8.392018207814544e-5));
  p = fma32(p, s[0], f(0.01096392422914505));
  p = fma32(p, s[0], f(0.021236030384898186));
  p = fma32(p, s[0], f(0.05406871438026428));
  let x = sdAddFF(f(0.13332566618919373), f(p * s[0]));
  x = dfAddFD(1, dfMul(dfAddFD(f(0.3333336114883423), dfMul(s, x)), s));
  x = dfMul(t, x);
  if (odd) x = dfRec(x);
  const r = f(x[0] + x[1]);
  return Object.is(d, -0) ? -0 : r;
}

/** SLEEF's atan2kf_u1: atan(y/x) plus quadrant, as a double-float (y ≥ 0). */
function atan2k(y0: DF, x0: DF): DF {
  let x = x0;
  let q = x[0] < 0 ? -2 : 0;
  if (x[0] < 0) x = [-x[0], -x[1]];
  const y = y0;
  const p = x[0] < y[0];
  if (p) q += 1;
  let s: DF = p ? [-x[0], -x[1]] : y;
  let t: DF = p ? y : x;
  s = dfdiv(s, t);
  t = normalize(dfSqu(s));
  let u = f(-0.0017639790894463658);
  u = fma32(u, t[0], f(0.010790090076625347));
  u = fma32(u, t[0], f(-0.030956460162997246));
  u = fma32(u, t[0], f(0.057736508548259735));
  u = fma32(u, t[0], f(-0.08389507234096527));
  u = fma32(u, t[0], f(0.10946355760097504));
  u = fma32(u, t[0], f(-0.1426268219947815));
  u = fma32(u, t[0], f(0.19998319447040558));
  t = dfMul(t, sdAddFF(f(-0.3333328664302826), f(u * t[0])));
  t = dfMul(s, dfAddFD(1, t));
  return dfaddDD(dfmul([f(1.5707963705062866), f(-4.371138828673793e-8)], q), t);
}

/** atan2(y, x) (SLEEF's xatan2f_u1). */
export function atan2f(y0: number, x0: number): number {
  let x = x0;
  let y = y0;
  if (Math.abs(x) < 2.938737278354183e-39) {
    x = f(x * 2 ** 24);
    y = f(y * 2 ** 24);
  }
  const d = atan2k([Math.abs(y), 0], [x, 0]);
  let r = mulsign(f(d[0] + d[1]), x);
  const infX = Math.abs(x) === Infinity;
  if (infX || x === 0) r = f(HALF_PI - (infX ? mulsign(HALF_PI, x) : 0));
  if (Math.abs(y) === Infinity) r = f(HALF_PI - (infX ? mulsign(f(Math.PI / 4), x) : 0));
  if (y === 0) r = negative(x) ? f(Math.PI) : 0;
  return x !== x || y !== y ? NaN : mulsign(r, y);
}

/** atan x (SLEEF's xatanf_u1). */
export function atanf(d: number): number {
  const t = atan2k([Math.abs(d), 0], [1, 0]);
  let r = f(t[0] + t[1]);
  if (Math.abs(d) === Infinity) r = HALF_PI;
  return d !== d ? NaN : mulsign(r, d);
}

/** The arcsine polynomial and argument shared by asin and acos. */
function arcsine(d: number): {small: boolean; x2: number; x: DF; u: number} {
  const small = Math.abs(d) < 0.5;
  const x2 = small ? f(d * d) : f(f(1 - Math.abs(d)) * 0.5);
  let x: DF = small ? [Math.abs(d), 0] : dfSqrtF(x2);
  if (Math.abs(d) === 1) x = [0, 0];
  let u = f(0.4197454825e-1);
  u = fma32(u, x2, f(0.2424046025e-1));
  u = fma32(u, x2, f(0.4547423869e-1));
  u = fma32(u, x2, f(0.7495029271e-1));
  u = fma32(u, x2, f(0.1666677296));
  return {small, x2, x, u: f(u * f(x2 * x[0]))};
}

const PI_DF: DF = [f(3.1415927410125732), f(-8.742277657347586e-8)];

/** asin x (SLEEF's xasinf_u1). */
export function asinf(d: number): number {
  const {small, x, u} = arcsine(d);
  const y = dfSubF(dfSub([f(PI_DF[0] / 4), f(PI_DF[1] / 4)], x), u);
  const r = small ? f(u + x[0]) : f(f(y[0] + y[1]) * 2);
  return d !== d || Math.abs(d) > 1 ? NaN : mulsign(r, d);
}

/** acos x (SLEEF's xacosf_u1). */
export function acosf(d: number): number {
  const {small, x, u} = arcsine(d);
  let y = dfSub([f(PI_DF[0] / 2), f(PI_DF[1] / 2)], sdAddFF(mulsign(x[0], d), mulsign(u, d)));
  const xs = dfaddDF(x, u);
  if (!small) y = [f(xs[0] * 2), f(xs[1] * 2)];
  if (!small && d < 0) y = dfSub(PI_DF, y);
  return d !== d || Math.abs(d) > 1 ? NaN : f(y[0] + y[1]);
}

/** The special values every logarithm shares. */
function logSpecial(d: number, r: number): number {
  if (d === Infinity) return Infinity;
  if (d < 0 || d !== d) return NaN;
  if (d === 0) return -Infinity;
  return r;
}

/** log2 x (SLEEF's xlog2f, u10). */
export function log2f(d0: number): number {
  const {e, m} = logReduce(d0);
  const x = dfdiv(dfadd2(-1, m), dfadd2(1, m));
  const x2 = f(x[0] * x[0]);
  let t = f(0.4374550283);
  t = fma32(t, x2, f(0.5764790177));
  t = fma32(t, x2, f(0.961801290512));
  let s = dfAdd2FD(e, dfMul(x, [f(2.885390043258667), f(3.273447448356849e-8)]));
  s = dfAdd2F(s, f(f(x2 * x[0]) * t));
  return logSpecial(d0, f(s[0] + s[1]));
}

/** log10 x (SLEEF's xlog10f, u10). */
export function log10f(d0: number): number {
  const {e, m} = logReduce(d0);
  const x = dfdiv(dfadd2(-1, m), dfadd2(1, m));
  const x2 = f(x[0] * x[0]);
  let t = f(0.1314289868);
  t = fma32(t, x2, f(0.1735493541));
  t = fma32(t, x2, f(0.2895309627));
  let s = dfmul([f(0.30103001), f(-1.432098889e-8)], e);
  s = dfaddDD(s, dfMul(x, [f(0.868588984), f(-2.170757285e-8)]));
  s = dfaddDF(s, f(f(x2 * x[0]) * t));
  return logSpecial(d0, f(s[0] + s[1]));
}

/** log(1 + x) (SLEEF's xlog1pf, u10). */
export function log1pf(d: number): number {
  let dp1 = f(d + 1);
  const tiny = dp1 < FLT_MIN;
  if (tiny) dp1 = f(dp1 * f(2 ** 32) * f(2 ** 32));
  let e = ((asInt(f(dp1 * f(1 / 0.75))) >> 23) & 0xff) - 0x7f;
  const t0 = asFloat(asInt(1) + (-e << 23));
  const m = fma32(d, t0, f(t0 - 1));
  if (tiny) e -= 64;
  let s = dfmul([f(0.6931471824645996), f(-1.904654323148236e-9)], e);
  const x = dfdiv([m, 0], sdAddFF(2, m));
  const x2 = f(x[0] * x[0]);
  let t = f(0.3027294874);
  t = fma32(t, x2, f(0.3996108174));
  t = fma32(t, x2, f(0.666669488));
  s = dfaddDD(s, [f(x[0] * 2), f(x[1] * 2)]);
  s = dfaddDF(s, f(f(x2 * x[0]) * t));
  let r = f(s[0] + s[1]);
  if (d > 1e38) r = Infinity;
  if (-1 > d || d !== d) r = NaN;
  if (d === -1) r = -Infinity;
  if (Object.is(d, -0)) r = -0;
  return r;
}

/** e^x - 1 (SLEEF's xexpm1f, u10). */
export function expm1f(a: number): number {
  const d = dfAdd2F(expk2([a, 0]), -1);
  let x = f(d[0] + d[1]);
  if (a > 88.72283172607422) x = Infinity;
  if (a < -16.635532333438686) x = -1;
  if (Object.is(a, -0)) x = -0;
  return a !== a ? NaN : x;
}

/** A hexadecimal float literal's value: 0x1.<mantissa>p<exponent>. */
const hex = (mantissa: string, exponent: number): number =>
  (parseInt(`1${mantissa}`, 16) / 2 ** (4 * mantissa.length)) * 2 ** exponent;
/** 2^(i/32) for i < 32, each the double nearest it (glibc's exp2f table). */
const EXP2_TABLE = Array.from({length: 32}, (_, i) => 2 ** (i / 32));
const EXP2_C0 = hex('c6af84b912394', -5);
const EXP2_C1 = hex('ebfce50fac4f3', -3);
const EXP2_C2 = hex('62e42ff0c52d6', -1);

/**
 * 2^x as PyTorch 1.13 computes it on CPUs: its vectorised exp2 maps glibc's exp2f over the
 * values (x = k/32 + r, a 32-entry table for 2^(k/32) and a cubic in r, in double, with the
 * fused multiply-adds of glibc's FMA build), rounded once to float32.
 */
export function exp2f(x: number): number {
  if (x !== x) return NaN;
  if (x >= 128) return Infinity;
  if (x <= -150) return 0;
  const k = rint(x * 32);
  const r = x - k / 32;
  const i = ((k % 32) + 32) % 32;
  const scale = (EXP2_TABLE[i] ?? 1) * 2 ** ((k - i) / 32);
  const z = fma64(EXP2_C0, r, EXP2_C1);
  const r2 = r * r;
  const y = fma64(z, r2, fma64(EXP2_C2, r, 1));
  return f(y * scale);
}

/** sinh x (SLEEF's xsinhf, u10). */
export function sinhf(x: number): number {
  const e = expk2([Math.abs(x), 0]);
  const d = dfSub(e, dfRec(e));
  let y = f(f(d[0] + d[1]) * 0.5);
  if (Math.abs(x) > 89 || y !== y) y = Infinity;
  return x !== x ? NaN : mulsign(y, x);
}

/** cosh x (SLEEF's xcoshf, u10). */
export function coshf(x: number): number {
  const e = expk2([Math.abs(x), 0]);
  const d = dfaddDD(e, dfRec(e));
  let y = f(f(d[0] + d[1]) * 0.5);
  if (Math.abs(x) > 89 || y !== y) y = Infinity;
  return x !== x ? NaN : y;
}

/** A double constant as a double-float (SLEEF's vcast_vf2_d). */
const df = (d: number): DF => [f(d), f(d - f(d))];

/** erf x (SLEEF's xerff_u1): a polynomial below 1.1, 1 - e^(polynomial) up to 4, else ±1. */
export function erff(x: number): number {
  const a = Math.abs(x);
  const o0 = a < f(1.1);
  const o1 = a < f(2.4);
  const pick = (p: number, q: number, r: number) => f(o0 ? p : o1 ? q : r);
  const u = o0 ? f(a * a) : a;
  let t = pick(0.7089292194e-4, -0.1792667899e-4, -0.9495757695e-5);
  t = fma32(t, u, pick(-0.7768311189e-3, 0.393763301e-3, 0.2481465926e-3));
  t = fma32(t, u, pick(0.5159463733e-2, -0.3949181177e-2, -0.2918176819e-2));
  t = fma32(t, u, pick(-0.2683781274e-1, 0.244547464e-1, 0.2059706673e-1));
  t = fma32(t, u, pick(0.1128318012, -0.107099615, -0.9901899844e-1));
  let d = dfMulFF(t, u);
  d = dfAdd2(d, df(o0 ? -0.37612587600065744 : o1 ? -0.6345889059084104 : -0.6435980505478917));
  d = dfmul(d, u);
  d = dfAdd2(d, df(o0 ? 1.1283791602105915 : o1 ? -1.128798558266945 : -1.1246148774284557));
  d = dfmul(d, a);
  if (!o0) {
    const e = expk2(d);
    d = dfAddFD(1, [-e[0], -e[1]]);
  }
  const r = a < 4 ? f(d[0] + d[1]) : 1;
  return x !== x ? NaN : mulsign(r, x);
}

/** erfc x (SLEEF's xerfcf_u15). */
export function erfcf(x: number): number {
  const a = Math.abs(x);
  const o0 = a < 1;
  const o1 = a < f(2.2);
  const o2 = a < f(4.3);
  const o3 = a < f(10.1);
  const pick = (p: number, q: number, r: number, s: number) => (o0 ? p : o1 ? q : o2 ? r : s);
  const u: DF = o1 ? [a, 0] : dfdiv([1, 0], [a, 0]);
  let t = f(pick(-0.8638041618e-4, -0.6236977242e-5, -0.3869504035, 0.1115344167e1));
  t = fma32(t, u[0], f(pick(0.6000166177e-3, 0.5749821503e-4, 0.1288077235e1, -0.9454904199)));
  t = fma32(t, u[0], f(pick(-0.1665703603e-2, 0.6002851478e-5, -0.1816803217e1, -0.3667259514)));
  t = fma32(t, u[0], f(pick(0.1795156277e-3, -0.2851036377e-2, 0.1249150872e1, 0.7155663371)));
  t = fma32(t, u[0], f(pick(0.1914106123e-1, 0.2260518074e-1, -0.1328857988, -0.1262947265e-1)));
  let d = dfmul(u, t);
  d = dfAdd2(
    d,
    df(pick(-0.10277535934393028, -0.10524758345933863, -0.4823653103330453, -0.49896154625453765)),
  );
  d = dfMul(d, u);
  d = dfAdd2(
    d,
    df(
      pick(-0.6366194832084819, -0.635609463574589, -0.0013445020322453399, -4.711995434228485e-5),
    ),
  );
  d = dfMul(d, u);
  d = dfAdd2(
    d,
    df(pick(-1.128379177905374, -1.1285598737666862, -0.572319781150473, -0.572364030327966)),
  );
  let e = dfmul(o1 ? d : [-a, 0], a);
  if (!o1) e = dfAdd2(e, d);
  e = expk2(e);
  if (!o1) e = dfMul(e, u);
  let r = o3 ? f(e[0] + e[1]) : 0;
  if (negative(x)) r = f(2 - r);
  return x !== x ? NaN : r;
}
