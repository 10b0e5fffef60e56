/**
 * float32 exp, log, tanh, sin and cos as PyTorch computes them on x86 CPUs: its vectorised kernels call SLEEF's
 * expf (Cody–Waite reduction by ln 2, a degree-6 polynomial, fused multiply-adds) and logf_u10
 * (double-float arithmetic around a degree-3 polynomial in ((m-1)/(m+1))²) and tanhf_u10 (a
 * double-float e^|x| and its reciprocal). Math.exp and
 * Math.log rounded to float32 differ from them by one ulp for some values, which shows in printed
 * tensors; these ports match them bit for bit on the golden sweep (test/autograd/sleef.test.ts).
 */

const f = Math.fround;

/** float32 a·b + c with one rounding (the fused multiply-add of PyTorch's AVX2 kernels). */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b; // exact: two float32 significands fit in a double
  const s = p + c;
  const r = f(s);
  if (r === s) return r;
  // s is p + c rounded to a double; only when s sits exactly halfway between two floats can
  // that first rounding change the second: then the lost part decides the direction.
  const lost = c - (s - p) + (p - (s - (s - p)));
  if (lost === 0 || r === 0 || !Number.isFinite(r)) return r;
  const other = s > r ? nextFloat(r, 1) : nextFloat(r, -1);
  if (s - r !== other - s) return r;
  return lost > 0 === other > r ? other : r;
}

/** Splits a double into high and low halves whose products are exact (Veltkamp). */
function split(a: number): [number, number] {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

/** float64 a·b + c with (almost always) one rounding: Dekker's exact product, then TwoSum. */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const productError = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const back = s - p;
  const sumError = p - (s - back) + (c - back);
  return s + (sumError + productError);
}

const bits = new Float32Array(1);
const ints = new Int32Array(bits.buffer);

/** The neighbouring float32 of `x` in direction `dir` (x finite, nonzero). */
function nextFloat(x: number, dir: 1 | -1): number {
  bits[0] = x;
  ints[0] = (ints[0] ?? 0) + (x > 0 === dir > 0 ? 1 : -1);
  return bits.at(0) ?? 0;
}

const fma = fma32;

/** Round half to even, as the CPU's float→int conversion does. */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const LOG2E = f(1.4426950408889634);
// ln 2 split into a high part with trailing zero bits and a low correction.
const LN2_HI = f(0.693145751953125);
const LN2_LO = f(1.428606765330187e-6);
const C6 = f(0.000198527617612853646278381);
const C5 = f(0.00139304355252534151077271);
const C4 = f(0.00833336077630519866943359);
const C3 = f(0.0416664853692054748535156);
const C2 = f(0.166666671633720397949219);

/** e^x in float32, bit-exact with PyTorch's CPU kernel. */
export function expf(x: number): number {
  if (x !== x) return NaN;
  if (x < -104) return 0;
  if (x > 100) return Infinity;
  const q = rint(f(x * LOG2E));
  const s = fma(q, -LN2_LO, fma(q, -LN2_HI, x));
  let u = fma(C6, s, C5);
  u = fma(u, s, C4);
  u = fma(u, s, C3);
  u = fma(u, s, C2);
  u = fma(u, s, 0.5);
  u = f(1 + fma(f(s * s), u, s));
  // Scale by 2^q in two steps so neither factor overflows.
  const h = q >> 1;
  return f(u * 2 ** h * 2 ** (q - h));
}

/** sigmoid(x) = 1 / (1 + e^-x) in float32, as PyTorch's vectorised kernel evaluates it. */
export function sigmoidf(x: number): number {
  return f(1 / f(1 + expf(f(-x))));
}

/** The bits of a float32. */
export function asInt(x: number): number {
  bits[0] = x;
  return ints[0] ?? 0;
}

/** The float32 with these bits. */
export function asFloat(i: number): number {
  ints[0] = i;
  return bits.at(0) ?? 0;
}

/** x·y - z, fused. */
const fmapn = (x: number, y: number, z: number) => fma32(x, y, -z);
/** z - x·y, fused. */
const fmanp = (x: number, y: number, z: number) => fma32(-x, y, z);
/** A double-float: an unevaluated sum of a float32 and a smaller correction. */
export type DF = [number, number];
/** Two floats' exact sum as a double-float (SLEEF's dfadd2_vf2_vf_vf). */
export function dfadd2(x: number, y: number): DF {
  const s = f(x + y);
  const v = f(s - x);
  return [s, f(f(x - f(s - v)) + f(y - v))];
}
/** n / d in double-float (SLEEF's dfdiv, FMA build). */
export function dfdiv(n: DF, d: DF): DF {
  const t = f(1 / d[0]);
  const s = f(n[0] * t);
  const u = fmapn(t, n[0], s);
  const v = fmanp(d[1], t, fmanp(d[0], t, 1));
  return [s, fma32(s, v, fma32(n[1], t, u))];
}
/** A double-float times a float (SLEEF's dfmul_vf2_vf2_vf, FMA build). */
export function dfmul(x: DF, y: number): DF {
  const s = f(x[0] * y);
  return [s, fma32(x[1], y, fmapn(x[0], y, s))];
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf2). */
export function dfaddDD(x: DF, y: DF): DF {
  const s = f(x[0] + y[0]);
  return [s, f(f(f(f(x[0] - s) + y[0]) + x[1]) + y[1])];
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf). */
export function dfaddDF(x: DF, y: number): DF {
  const s = f(x[0] + y);
  return [s, f(f(f(x[0] - s) + y) + x[1])];
}
/**
 * The reduction SLEEF's logarithms share: d = m·2^e with m in [0.75, 1.5) (subnormal d scaled by
 * 2^64 first).
 */
export function logReduce(d0: number): {e: number; m: number} {
  let d = d0;
  const tiny = d < 1.1754943508222875e-38;
  if (tiny) d = f(d * f(2 ** 32) * f(2 ** 32));
  const e = ((asInt(f(d * f(1 / 0.75))) >> 23) & 0xff) - 0x7f;
  return {e: tiny ? e - 64 : e, m: asFloat(asInt(d) + (-e << 23))};
}

/** ln x in float32, bit-exact with PyTorch's CPU kernel (SLEEF's xlogf_u1, FMA build). */
export function logf(d0: number): number {
  const {e, m} = logReduce(f(d0));
  let s = dfmul([f(0.69314718246459960938), f(-1.904654323148236017e-9)], e);
  const x = dfdiv(dfadd2(-1, m), dfadd2(1, m));
  const x2 = f(x[0] * x[0]);
  let t = f(0.3027294874);
  t = fma32(t, x2, f(0.3996108174));
  t = fma32(t, x2, f(0.666669488));
  s = dfaddDD(s, [f(x[0] * 2), f(x[1] * 2)]);
  s = dfaddDF(s, f(f(x2 * x[0]) * t));
  let r = f(s[0] + s[1]);
  if (d0 === Infinity) r = Infinity;
  if (d0 < 0 || d0 !== d0) r = NaN;
  if (d0 === 0) r = -Infinity;
  return r;
}

// ---- tanh: double-float exp, then (e^y - e^-y) / (e^y + e^-y) ------------------------------

/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf). */
export const dfAdd2F = (x: DF, y: number): DF => {
  const s = f(x[0] + y),
    v = f(s - x[0]);
  const t = f(f(x[0] - f(s - v)) + f(y - v));
  return [s, f(t + x[1])];
};
/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf2). */
export const dfAdd2 = (x: DF, y: DF): DF => {
  const s = f(x[0] + y[0]),
    v = f(s - x[0]);
  const t = f(f(x[0] - f(s - v)) + f(y[0] - v));
  return [s, f(t + f(x[1] + y[1]))];
};
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf2). */
export const dfAddFD = (x: number, y: DF): DF => {
  const s = f(x + y[0]);
  return [s, f(f(f(x - s) + y[0]) + y[1])];
};
/** x · y in double-float (SLEEF's dfmul_vf2_vf2_vf2, FMA build). */
export const dfMul = (x: DF, y: DF): DF => {
  const s = f(x[0] * y[0]);
  return [s, fma32(x[0], y[1], fma32(x[1], y[0], fma32(x[0], y[0], -s)))];
};
/** x² in double-float (SLEEF's dfsqu_vf2_vf2, FMA build). */
export const dfSqu = (x: DF): DF => {
  const s = f(x[0] * x[0]);
  return [s, fma32(f(x[0] + x[0]), x[1], fma32(x[0], x[0], -s))];
};
/** 1 / d in double-float (SLEEF's dfrec_vf2_vf2, FMA build). */
export const dfRec = (d: DF): DF => {
  const s = f(1 / d[0]);
  return [s, f(s * fma32(-d[1], s, fma32(-d[0], s, 1)))];
};
/** SLEEF's expk2f: e^d for a double-float d, as a double-float. */
export function expk2(d: DF): DF {
  const u0 = f(f(d[0] + d[1]) * LOG2E);
  const q = rint(u0);
  let s = dfAdd2F(d, f(q * -LN2_HI));
  s = dfAdd2F(s, f(q * -LN2_LO));
  let u = f(0.1980960224e-3);
  u = fma32(u, s[0], f(0.1394256484e-2));
  u = fma32(u, s[0], f(0.8333456703e-2));
  u = fma32(u, s[0], f(0.4166637361e-1));
  let t = dfAdd2F(dfmul(s, u), f(0.16666665941423425));
  t = dfAdd2F(dfMul(s, t), 0.5);
  t = dfAdd2(s, dfMul(dfSqu(s), t));
  t = dfAddFD(1, t);
  const h = q >> 1;
  const sc = (v: number) => f(f(v * 2 ** h) * 2 ** (q - h));
  let r: DF = [sc(t[0]), sc(t[1])];
  if (d[0] < -104) r = [0, 0];
  return r;
}
/** tanh x in float32, bit-exact with PyTorch's CPU kernel (SLEEF's xtanhf_u1, FMA build). */
export function tanhf(x: number): number {
  const y0 = Math.abs(x);
  let d = expk2([y0, 0]);
  const e = dfRec(d);
  const neg: DF = [-e[0], -e[1]];
  d = dfdiv(dfAdd2(d, neg), dfAdd2(d, e));
  let y = f(d[0] + d[1]);
  if (y0 > f(8.664339742) || y !== y) y = 1;
  y = x < 0 || Object.is(x, -0) ? -y : y;
  if (x !== x) y = NaN;
  return y;
}

// ---- sin and cos: Cody–Waite reduction by π in double-float, one polynomial -------------------

/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf). */
export const sdAddFF = (x: number, y: number): DF => {
  const s = f(x + y);
  return [s, f(f(x - s) + y)];
};
const sdMulToF = (x: DF, y: DF): number => fma32(x[0], y[0], fma32(x[1], y[0], f(x[0] * y[1])));
/** 1/π as a float. */
export const M_1_PI = f(0.3183098861837907);
/** π split in three floats for Cody–Waite reduction (SLEEF's PI_A2f, PI_B2f, PI_C2f). */
export const PA = f(3.1414794921875),
  PB = f(0.0001131594181060791),
  PC = f(1.984187258941006e-9);
/** The shared sin polynomial on the reduced argument, in double-float. */
function poly(s0: DF, t: DF): number {
  const s = dfSqu(s0);
  let u = f(2.6083159809786593541503e-6);
  u = fma32(u, s[0], f(-0.0001981069071916863322258));
  u = fma32(u, s[0], f(0.00833307858556509017944336));
  const x = dfAddFD(1, dfMul(sdAddFF(f(-0.166666597127914428710938), f(u * s[0])), s));
  return sdMulToF(t, x);
}
/** sin x in float32, bit-exact with PyTorch's CPU kernel for |x| < 125 (SLEEF's xsinf_u1). */
export function sinf(d: number): number {
  if (!(Math.abs(d) < 125)) return Number.isFinite(d) ? f(Math.sin(d)) : NaN;
  const u = rint(f(d * M_1_PI));
  const q = u;
  const vv = fma32(u, -PA, d);
  let s = dfadd2(vv, f(u * -PB));
  s = dfaddDF(s, f(u * -PC));
  let r = poly(s, s);
  if ((q & 1) === 1) r = -r;
  if (Object.is(d, -0)) r = d;
  return r;
}
/** cos x in float32, bit-exact with PyTorch's CPU kernel for |x| < 125 (SLEEF's xcosf_u1). */
export function cosf(d: number): number {
  if (!(Math.abs(d) < 125)) return Number.isFinite(d) ? f(Math.cos(d)) : NaN;
  const dq = fma32(rint(fma32(d, M_1_PI, f(-0.5))), 2, 1);
  const q = dq;
  let s = dfadd2(d, f(dq * f(-PA * 0.5)));
  s = dfAdd2F(s, f(dq * f(-PB * 0.5)));
  s = dfAdd2F(s, f(dq * f(-PC * 0.5)));
  let r = poly(s, s);
  if ((q & 2) === 0) r = -r;
  return r;
}

// ---- pow: e^(y·ln|x|) with a double-float logarithm and exponential -------------------------

/** SLEEF's vldexp_vf_vf_vi2: x·2^q in steps, so neither a factor nor a partial product overflows. */
export function ldexpf(x: number, q: number): number {
  let m = q >> 31;
  m = (((m + q) >> 6) - m) << 4;
  const rest = q - (m << 2);
  m += 0x7f;
  m = m > 0 ? m : 0;
  if (m > 0xff) m = 0xff;
  const u = asFloat(m << 23);
  const scaled = f(f(f(f(x * u) * u) * u) * u);
  return f(scaled * asFloat((rest + 0x7f) << 23));
}

/** SLEEF's logkf: ln d as a double-float (d > 0). */
function logk(d0: number): DF {
  const {e, m} = logReduce(d0);
  const x = dfdiv(dfadd2(-1, m), dfadd2(1, m));
  const x2 = dfSqu(x);
  let t = f(0.2403203547000885);
  t = fma32(t, x2[0], f(0.2851126790046692));
  t = fma32(t, x2[0], f(0.4000079929828644));
  const c: DF = [f(0.6666666269302368), f(3.691838612596143e-9)];
  let s = dfmul([f(0.69314718246459960938), f(-1.904654323148236017e-9)], e);
  s = dfaddDD(s, [f(x[0] * 2), f(x[1] * 2)]);
  return dfaddDD(s, dfMul(dfMul(x2, x), dfAdd2(dfmul(x2, t), c)));
}

/** SLEEF's expkf: e^d for a double-float d, rounded to float32. */
function expk(d: DF): number {
  const q = rint(f(f(d[0] + d[1]) * LOG2E));
  let s = dfAdd2F(d, f(q * -LN2_HI));
  s = dfAdd2F(s, f(q * -LN2_LO));
  const n = f(s[0] + s[1]);
  s = [n, f(f(s[0] - n) + s[1])];
  let u = f(0.0013632464688271284);
  u = fma32(u, s[0], f(0.00836596917361021));
  u = fma32(u, s[0], f(0.041671082377433777));
  u = fma32(u, s[0], f(0.16666552424430847));
  u = fma32(u, s[0], f(0.49999985098838806));
  let t = dfaddDD(s, dfmul(dfSqu(s), u));
  t = dfAddFD(1, t);
  const r = ldexpf(f(t[0] + t[1]), q);
  return d[0] < -104 ? 0 : r;
}

/**
 * x^y in float32 as PyTorch's vectorised pow kernel computes it (SLEEF's xpowf, u10, FMA build),
 * with C's special cases (odd integer powers keep the sign, 0^negative is ∞, 1^y and x^0 are 1).
 */
export function powf(x: number, y: number): number {
  const ay = Math.abs(y);
  const yIsInt = Math.trunc(y) === y || ay > 2 ** 24;
  const yIsOdd = yIsInt && ay < 2 ** 24 && (Math.trunc(y) & 1) === 1;
  let result = expk(dfmul(logk(Math.abs(x)), y));
  if (result !== result) result = Infinity;
  result = f(result * (x > 0 ? 1 : yIsInt ? (yIsOdd ? -1 : 1) : NaN));
  const efx = y < 0 || Object.is(y, -0) ? -f(Math.abs(x) - 1) : f(Math.abs(x) - 1);
  if (ay === Infinity) result = efx < 0 ? 0 : efx === 0 ? 1 : Infinity;
  if (Math.abs(x) === Infinity || x === 0) {
    const sign = yIsOdd ? (x < 0 || Object.is(x, -0) ? -1 : 1) : 1;
    result = sign * ((x === 0 ? -y : y) < 0 ? 0 : Infinity);
  }
  if (x !== x || y !== y) result = NaN;
  if (y === 0 || x === 1) result = 1;
  return result;
}
