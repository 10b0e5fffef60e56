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
  // that first rounding change the second: then s is the midpoint of r and the float 2s - r
  // (exact in double), and the part the first rounding lost decides the direction.
  const other = 2 * s - r;
  if (f(other) !== other || r === 0 || !Number.isFinite(r)) return r;
  const lost = c - (s - p) + (p - (s - (s - p)));
  if (lost === 0) return r;
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

const fma = fma32;

const POW2_BIAS = 160;
const POW2 = Float64Array.from({length: 2 * POW2_BIAS + 1}, (_, i) => 2 ** (i - POW2_BIAS));
/** 2^k for an integer k, from a table in the range the kernels reach (exact either way). */
function pow2(k: number): number {
  return k >= -POW2_BIAS && k <= POW2_BIAS ? (POW2[k + POW2_BIAS] as number) : 2 ** k;
}

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
  return f(u * pow2(h) * pow2(q - h));
}

/** sigmoid(x) = 1 / (1 + e^-x) in float32, as PyTorch's vectorised kernel evaluates it. */
export function sigmoidf(x: number): number {
  return f(1 / f(1 + expf(f(-x))));
}

/** The bits of a float32. */
export function asInt(x: number): number {
  bits[0] = x;
  return ints[0] as number;
}

/** The float32 with these bits. */
export function asFloat(i: number): number {
  ints[0] = i;
  return bits[0] as number;
}

// ---- double-float arithmetic ------------------------------------------------------------------
// SLEEF's double-float (df) operations on unevaluated sums hi + lo of two floats. The kernels
// below run millions of times per tensor op, so each operation takes and returns its halves as
// plain numbers: the result is left in the registers hi() and lo() (read them before the next
// operation), and no pair is allocated. The DF-returning forms further down wrap them for the
// rarer kernels of sleef-more.ts.

/**
 * The registers: the last double-float result's high and low halves (0, 1), the last log
 * reduction's exponent and mantissa (2, 3). A typed array holds them unboxed: a module-level `let`
 * holding a double would allocate a heap number at every write.
 */
const reg = new Float64Array(4);
/** The high half of the last double-float result. */
const hi = (): number => reg[0] as number;
/** The low half of the last double-float result. */
const lo = (): number => reg[1] as number;

/** x + y of two floats, exactly (SLEEF's dfadd2_vf2_vf_vf). */
function add2FF(x: number, y: number): void {
  const s = f(x + y);
  const v = f(s - x);
  reg[0] = s;
  reg[1] = f(f(x - f(s - v)) + f(y - v));
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf). */
function addFF(x: number, y: number): void {
  const s = f(x + y);
  reg[0] = s;
  reg[1] = f(f(x - s) + y);
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf2). */
function addDD(xh: number, xl: number, yh: number, yl: number): void {
  const s = f(xh + yh);
  reg[0] = s;
  reg[1] = f(f(f(f(xh - s) + yh) + xl) + yl);
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf). */
function addDF(xh: number, xl: number, y: number): void {
  const s = f(xh + y);
  reg[0] = s;
  reg[1] = f(f(f(xh - s) + y) + xl);
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf2). */
function addFD(x: number, yh: number, yl: number): void {
  const s = f(x + yh);
  reg[0] = s;
  reg[1] = f(f(f(x - s) + yh) + yl);
}
/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf). */
function add2DF(xh: number, xl: number, y: number): void {
  const s = f(xh + y);
  const v = f(s - xh);
  reg[0] = s;
  reg[1] = f(f(f(xh - f(s - v)) + f(y - v)) + xl);
}
/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf2). */
function add2DD(xh: number, xl: number, yh: number, yl: number): void {
  const s = f(xh + yh);
  const v = f(s - xh);
  reg[0] = s;
  reg[1] = f(f(f(xh - f(s - v)) + f(yh - v)) + f(xl + yl));
}
/** x · y for a double-float and a float (SLEEF's dfmul_vf2_vf2_vf, FMA build). */
function mulDF(xh: number, xl: number, y: number): void {
  const s = f(xh * y);
  reg[0] = s;
  reg[1] = fma32(xl, y, fma32(xh, y, -s));
}
/** x · y (SLEEF's dfmul_vf2_vf2_vf2, FMA build). */
function mulDD(xh: number, xl: number, yh: number, yl: number): void {
  const s = f(xh * yh);
  reg[0] = s;
  reg[1] = fma32(xh, yl, fma32(xl, yh, fma32(xh, yh, -s)));
}
/** x² (SLEEF's dfsqu_vf2_vf2, FMA build). */
function squ(xh: number, xl: number): void {
  const s = f(xh * xh);
  reg[0] = s;
  reg[1] = fma32(f(xh + xh), xl, fma32(xh, xh, -s));
}
/** n / d (SLEEF's dfdiv, FMA build). */
function div(nh: number, nl: number, dh: number, dl: number): void {
  const t = f(1 / dh);
  const s = f(nh * t);
  const u = fma32(t, nh, -s);
  const v = fma32(-dl, t, fma32(-dh, t, 1));
  reg[0] = s;
  reg[1] = fma32(s, v, fma32(nl, t, u));
}
/** 1 / d (SLEEF's dfrec_vf2_vf2, FMA build). */
function rec(dh: number, dl: number): void {
  const s = f(1 / dh);
  reg[0] = s;
  reg[1] = f(s * fma32(-dl, s, fma32(-dh, s, 1)));
}

/** A double-float: an unevaluated sum of a float32 and a smaller correction. */
export type DF = [number, number];
const pair = (): DF => [hi(), lo()];
/** Two floats' exact sum as a double-float (SLEEF's dfadd2_vf2_vf_vf). */
export function dfadd2(x: number, y: number): DF {
  add2FF(x, y);
  return pair();
}
/** n / d in double-float (SLEEF's dfdiv, FMA build). */
export function dfdiv(n: DF, d: DF): DF {
  div(n[0], n[1], d[0], d[1]);
  return pair();
}
/** A double-float times a float (SLEEF's dfmul_vf2_vf2_vf, FMA build). */
export function dfmul(x: DF, y: number): DF {
  mulDF(x[0], x[1], y);
  return pair();
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf2). */
export function dfaddDD(x: DF, y: DF): DF {
  addDD(x[0], x[1], y[0], y[1]);
  return pair();
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf2_vf). */
export function dfaddDF(x: DF, y: number): DF {
  addDF(x[0], x[1], y);
  return pair();
}
/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf). */
export function dfAdd2F(x: DF, y: number): DF {
  add2DF(x[0], x[1], y);
  return pair();
}
/** x + y in any order of magnitude (SLEEF's dfadd2_vf2_vf2_vf2). */
export function dfAdd2(x: DF, y: DF): DF {
  add2DD(x[0], x[1], y[0], y[1]);
  return pair();
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf2). */
export function dfAddFD(x: number, y: DF): DF {
  addFD(x, y[0], y[1]);
  return pair();
}
/** x · y in double-float (SLEEF's dfmul_vf2_vf2_vf2, FMA build). */
export function dfMul(x: DF, y: DF): DF {
  mulDD(x[0], x[1], y[0], y[1]);
  return pair();
}
/** x² in double-float (SLEEF's dfsqu_vf2_vf2, FMA build). */
export function dfSqu(x: DF): DF {
  squ(x[0], x[1]);
  return pair();
}
/** 1 / d in double-float (SLEEF's dfrec_vf2_vf2, FMA build). */
export function dfRec(d: DF): DF {
  rec(d[0], d[1]);
  return pair();
}
/** x + y for |x| ≥ |y| (SLEEF's dfadd_vf2_vf_vf). */
export function sdAddFF(x: number, y: number): DF {
  addFF(x, y);
  return pair();
}

// ---- logarithms ----------------------------------------------------------------------------

/**
 * The reduction SLEEF's logarithms share: d = m·2^e with m in [0.75, 1.5) (subnormal d scaled by
 * 2^64 first), left in (reg[2] as number) and (reg[3] as number).
 */
function logReduceTo(d0: number): void {
  let d = d0;
  const tiny = d < 1.1754943508222875e-38;
  if (tiny) d = f(d * f(2 ** 32) * f(2 ** 32));
  const e = ((asInt(f(d * f(1 / 0.75))) >> 23) & 0xff) - 0x7f;
  reg[2] = tiny ? e - 64 : e;
  reg[3] = asFloat(asInt(d) + (-e << 23));
}

/** The reduction of logReduceTo as a pair `{e, m}`, for the rarer kernels. */
export function logReduce(d0: number): {e: number; m: number} {
  logReduceTo(d0);
  return {e: reg[2] as number, m: reg[3] as number};
}

const LN2_DF_HI = f(0.69314718246459960938);
const LN2_DF_LO = f(-1.904654323148236017e-9);

/** ln x in float32, bit-exact with PyTorch's CPU kernel (SLEEF's xlogf_u1, FMA build). */
export function logf(d0: number): number {
  logReduceTo(f(d0));
  const e = reg[2] as number;
  const m = reg[3] as number;
  add2FF(1, m);
  const bh = hi();
  const bl = lo();
  add2FF(-1, m);
  div(hi(), lo(), bh, bl);
  const xh = hi();
  const xl = lo();
  const x2 = f(xh * xh);
  let t = f(0.3027294874);
  t = fma32(t, x2, f(0.3996108174));
  t = fma32(t, x2, f(0.666669488));
  mulDF(LN2_DF_HI, LN2_DF_LO, e);
  addDD(hi(), lo(), f(xh * 2), f(xl * 2));
  addDF(hi(), lo(), f(f(x2 * xh) * t));
  let r = f(hi() + lo());
  if (d0 === Infinity) r = Infinity;
  if (d0 < 0 || d0 !== d0) r = NaN;
  if (d0 === 0) r = -Infinity;
  return r;
}

// ---- tanh: double-float exp, then (e^y - e^-y) / (e^y + e^-y) ------------------------------

/** SLEEF's expk2f: e^d for a double-float d, left in hi() and lo(). */
function expk2To(dh: number, dl: number): void {
  const q = rint(f(f(dh + dl) * LOG2E));
  add2DF(dh, dl, f(q * -LN2_HI));
  add2DF(hi(), lo(), f(q * -LN2_LO));
  const sh = hi();
  const sl = lo();
  let u = f(0.1980960224e-3);
  u = fma32(u, sh, f(0.1394256484e-2));
  u = fma32(u, sh, f(0.8333456703e-2));
  u = fma32(u, sh, f(0.4166637361e-1));
  mulDF(sh, sl, u);
  add2DF(hi(), lo(), f(0.16666665941423425));
  mulDD(sh, sl, hi(), lo());
  add2DF(hi(), lo(), 0.5);
  const th = hi();
  const tl = lo();
  squ(sh, sl);
  mulDD(hi(), lo(), th, tl);
  add2DD(sh, sl, hi(), lo());
  addFD(1, hi(), lo());
  if (dh < -104) {
    reg[0] = 0;
    reg[1] = 0;
    return;
  }
  const h = q >> 1;
  const a = pow2(h);
  const b = pow2(q - h);
  reg[0] = f(f(hi() * a) * b);
  reg[1] = f(f(lo() * a) * b);
}

/** SLEEF's expk2f: e^d for a double-float d, as a double-float. */
export function expk2(d: DF): DF {
  expk2To(d[0], d[1]);
  return pair();
}

/** tanh x in float32, bit-exact with PyTorch's CPU kernel (SLEEF's xtanhf_u1, FMA build). */
export function tanhf(x: number): number {
  const y0 = Math.abs(x);
  expk2To(y0, 0);
  const dh = hi();
  const dl = lo();
  rec(dh, dl);
  const eh = hi();
  const el = lo();
  add2DD(dh, dl, eh, el);
  const sh = hi();
  const sl = lo();
  add2DD(dh, dl, -eh, -el);
  div(hi(), lo(), sh, sl);
  let y = f(hi() + lo());
  if (y0 > f(8.664339742) || y !== y) y = 1;
  y = x < 0 || Object.is(x, -0) ? -y : y;
  if (x !== x) y = NaN;
  return y;
}

// ---- sin and cos: Cody–Waite reduction by π in double-float, one polynomial -------------------

/** 1/π as a float. */
export const M_1_PI = f(0.3183098861837907);
/** π split in three floats for Cody–Waite reduction (SLEEF's PI_A2f, PI_B2f, PI_C2f). */
export const PA = f(3.1414794921875),
  PB = f(0.0001131594181060791),
  PC = f(1.984187258941006e-9);
/** The shared sin polynomial on the reduced argument s (a double-float), times s. */
function poly(sh: number, sl: number): number {
  squ(sh, sl);
  const qh = hi();
  const ql = lo();
  let u = f(2.6083159809786593541503e-6);
  u = fma32(u, qh, f(-0.0001981069071916863322258));
  u = fma32(u, qh, f(0.00833307858556509017944336));
  addFF(f(-0.166666597127914428710938), f(u * qh));
  mulDD(hi(), lo(), qh, ql);
  addFD(1, hi(), lo());
  // s · x, rounded to a float (SLEEF's dfmul_vf_vf2_vf2).
  return fma32(sh, hi(), fma32(sl, hi(), f(sh * lo())));
}
/** sin x in float32, bit-exact with PyTorch's CPU kernel for |x| < 125 (SLEEF's xsinf_u1). */
export function sinf(d: number): number {
  if (!(Math.abs(d) < 125)) return Number.isFinite(d) ? f(Math.sin(d)) : NaN;
  const u = rint(f(d * M_1_PI));
  const q = u;
  const vv = fma32(u, -PA, d);
  add2FF(vv, f(u * -PB));
  addDF(hi(), lo(), f(u * -PC));
  let r = poly(hi(), lo());
  if ((q & 1) === 1) r = -r;
  if (Object.is(d, -0)) r = d;
  return r;
}
/** cos x in float32, bit-exact with PyTorch's CPU kernel for |x| < 125 (SLEEF's xcosf_u1). */
export function cosf(d: number): number {
  if (!(Math.abs(d) < 125)) return Number.isFinite(d) ? f(Math.cos(d)) : NaN;
  const dq = fma32(rint(fma32(d, M_1_PI, f(-0.5))), 2, 1);
  const q = dq;
  add2FF(d, f(dq * f(-PA * 0.5)));
  add2DF(hi(), lo(), f(dq * f(-PB * 0.5)));
  add2DF(hi(), lo(), f(dq * f(-PC * 0.5)));
  let r = poly(hi(), lo());
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

const LOGK_C_HI = f(0.6666666269302368);
const LOGK_C_LO = f(3.691838612596143e-9);

/** SLEEF's logkf: ln d as a double-float (d > 0), left in hi() and lo(). */
function logkTo(d0: number): void {
  logReduceTo(d0);
  const e = reg[2] as number;
  const m = reg[3] as number;
  add2FF(1, m);
  const bh = hi();
  const bl = lo();
  add2FF(-1, m);
  div(hi(), lo(), bh, bl);
  const xh = hi();
  const xl = lo();
  squ(xh, xl);
  const x2h = hi();
  const x2l = lo();
  let t = f(0.2403203547000885);
  t = fma32(t, x2h, f(0.2851126790046692));
  t = fma32(t, x2h, f(0.4000079929828644));
  mulDF(x2h, x2l, t);
  add2DD(hi(), lo(), LOGK_C_HI, LOGK_C_LO);
  const ch = hi();
  const cl = lo();
  mulDD(x2h, x2l, xh, xl);
  mulDD(hi(), lo(), ch, cl);
  const ph = hi();
  const pl = lo();
  mulDF(LN2_DF_HI, LN2_DF_LO, e);
  addDD(hi(), lo(), f(xh * 2), f(xl * 2));
  addDD(hi(), lo(), ph, pl);
}

/** SLEEF's expkf: e^d for a double-float d, rounded to float32. */
function expk(dh: number, dl: number): number {
  const q = rint(f(f(dh + dl) * LOG2E));
  add2DF(dh, dl, f(q * -LN2_HI));
  add2DF(hi(), lo(), f(q * -LN2_LO));
  const n = f(hi() + lo());
  const sh = n;
  const sl = f(f(hi() - n) + lo());
  let u = f(0.0013632464688271284);
  u = fma32(u, sh, f(0.00836596917361021));
  u = fma32(u, sh, f(0.041671082377433777));
  u = fma32(u, sh, f(0.16666552424430847));
  u = fma32(u, sh, f(0.49999985098838806));
  squ(sh, sl);
  mulDF(hi(), lo(), u);
  addDD(sh, sl, hi(), lo());
  addFD(1, hi(), lo());
  const r = ldexpf(f(hi() + lo()), q);
  return dh < -104 ? 0 : r;
}

/**
 * x^y in float32 as PyTorch's vectorised pow kernel computes it (SLEEF's xpowf, u10, FMA build),
 * with C's special cases (odd integer powers keep the sign, 0^negative is ∞, 1^y and x^0 are 1).
 */
export function powf(x: number, y: number): number {
  const ay = Math.abs(y);
  const yIsInt = Math.trunc(y) === y || ay > 2 ** 24;
  const yIsOdd = yIsInt && ay < 2 ** 24 && (Math.trunc(y) & 1) === 1;
  logkTo(Math.abs(x));
  mulDF(hi(), lo(), y);
  let result = expk(hi(), lo());
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
