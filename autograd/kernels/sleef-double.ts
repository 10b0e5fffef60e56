/**
 * float64 exp, expm1, log, log1p, log2, log10, tanh, sinh, cosh and pow as PyTorch 1.13 computes
 * them on x86 CPUs: its float64 kernels call SLEEF's u10 functions (Sleef_expd4_u10,
 * Sleef_tanhd4_u10, …; SLEEF 3.5, AVX2 build with fused multiply-adds) on every element. Their
 * results differ from the correctly rounded Math.exp, Math.tanh, … (and from glibc's) in the last
 * bit for a few percent of arguments, which shows in printed float64 tensors; these ports match
 * them bit for bit on the golden sweep (test/autograd/sleef-double.test.ts).
 *
 * The double-double (dd) operations keep their results in the fields of one object instead of
 * returning pairs, so no element allocates (see sleef.ts for the float32 side).
 */

/** The last dd result x + y, and an integer result q (an exponent or a quadrant). */
export const R = {x: 0.5, y: 0.5, q: 0.5};

const SPLITTER = 134217729; // 2^27 + 1

/**
 * a·b + c with one rounding, as the FMA instruction computes it: Dekker's exact product and
 * TwoSum give the three parts, summed so that only the last addition rounds (its inputs are the
 * rounded sum and the exact error, whose own rounding cannot reach the result's last bit except
 * in ties that the polynomials here never produce).
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  if (s - s !== 0) return s; // ±∞ or NaN
  // Veltkamp's split overflows past 2^996: move powers of two from the huge factor to the other.
  if (Math.abs(a) > 1e300 || Math.abs(b) > 1e300) return fmaHuge(a, b, c);
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  const bb = s - p;
  const se = p - (s - bb) + (c - bb);
  const r = s + (se + pe);
  // Near the bottom of the range the split's partial products lose bits and the result rounds
  // on the subnormal grid: compute those at a larger scale.
  return Math.abs(r) < 1e-291 || Math.abs(p) < 1e-291 ? fmaTiny(a, b, c) : r;
}

/**
 * fma of tiny values: a·b + c computed exactly at 2^600 times the scale, then rounded once (onto
 * the subnormal grid for a subnormal result), as the instruction rounds it.
 */
function fmaTiny(a: number, b: number, c: number): number {
  const scaleA = Math.abs(a) <= Math.abs(b);
  const x = scaleA ? a * 2 ** 600 : a;
  const y = scaleA ? b : b * 2 ** 600;
  const z = c * 2 ** 600;
  if (!Number.isFinite(z) || !Number.isFinite(x * y)) return a * b + c;
  const p = x * y;
  let t = SPLITTER * x;
  const ah = t - (t - x);
  const al = x - ah;
  t = SPLITTER * y;
  const bh = t - (t - y);
  const bl = y - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + z;
  const bb = s - p;
  const tail = p - (s - bb) + (z - bb) + pe;
  const whole = s + tail;
  if (Math.abs(whole) >= 2 ** -422) return whole * 2 ** -600;
  // Round s + tail to a multiple of the subnormal spacing (2^-1074 · 2^600), ties to even.
  const qs = s * 2 ** 474;
  const qt = tail * 2 ** 474;
  let base = Math.round(qs) + Math.round(qt);
  const rest = qs - Math.round(qs) + (qt - Math.round(qt));
  if (rest > 0.5) base += 1;
  else if (rest < -0.5) base -= 1;
  else if ((rest === 0.5 || rest === -0.5) && Math.abs(base) % 2 === 1) base += rest > 0 ? 1 : -1;
  return base * 2 ** -1074;
}

/** fma for a factor beyond 1e300 and the other under 1 (a separate function keeps fma inlinable). */
function fmaHuge(a: number, b: number, c: number): number {
  const big = Math.abs(a) > 1e300;
  const x = big ? a * 2 ** -600 : a * 2 ** 600;
  const y = big ? b * 2 ** 600 : b * 2 ** -600;
  if (!Number.isFinite(x * y)) return a * b + c;
  const p = x * y;
  const s = p + c;
  let t = SPLITTER * x;
  const ah = t - (t - x);
  const al = x - ah;
  t = SPLITTER * y;
  const bh = t - (t - y);
  const bl = y - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  const bb = s - p;
  const se = p - (s - bb) + (c - bb);
  return s + (se + pe);
}

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The high 32 bits of a double. */
function highWord(d: number): number {
  f64[0] = d;
  return i32[HI] as number;
}

const ROUNDER = 6755399441055744; // 1.5 · 2^52: adding it rounds to an integer, half to even
/** Round half to even (the CPU's rounding). */
export function rint(x: number): number {
  return Math.abs(x) < 2 ** 51 ? x + ROUNDER - ROUNDER : x;
}

const POW2 = Float64Array.from({length: 2201}, (_, i) => 2 ** (i - 1100));
/** 2^q for an integer q (SLEEF's vpow2i_vd_vi, in the range the kernels reach). */
function pow2i(q: number): number {
  const i = (q + 1100) | 0;
  return i >= 0 && i < 2201 ? (POW2[i] as number) : 2 ** q;
}
/** d · 2^q in two steps (SLEEF's vldexp2_vd_vd_vi). */
export function ldexp2(d: number, q: number): number {
  const h = q >> 1;
  return d * pow2i(h) * pow2i(q - h);
}
/** d with q added to its exponent field (SLEEF's vldexp3_vd_vd_vi). */
function ldexp3(d: number, q: number): number {
  f64[0] = d;
  i32[HI] = ((i32[HI] as number) + (q << 20)) | 0;
  return f64[0];
}
/** The unbiased exponent field of d (SLEEF's vilogb2k_vi_vd). */
function ilogb2k(d: number): number {
  return ((highWord(d) >>> 20) & 0x7ff) - 0x3ff;
}

// ---- dd arithmetic (SLEEF's dd.h, FMA build); results in R.x + R.y ------------------------

/** x + y for |x| ≥ |y| (ddadd_vd2_vd_vd). */
export function addDD_d_d(x: number, y: number): void {
  const rx = x + y;
  R.x = rx;
  R.y = x - rx + y;
}
/** x + y, any magnitudes (ddadd2_vd2_vd_vd). */
export function add2_d_d(x: number, y: number): void {
  const rx = x + y;
  const v = rx - x;
  R.x = rx;
  R.y = x - (rx - v) + (y - v);
}
/** x + y for |x| ≥ |y| (ddadd_vd2_vd2_vd). */
export function add_d2_d(xx: number, xy: number, y: number): void {
  const rx = xx + y;
  R.x = rx;
  R.y = xx - rx + y + xy;
}
/** x + y, any magnitudes (ddadd2_vd2_vd2_vd). */
export function add2_d2_d(xx: number, xy: number, y: number): void {
  const rx = xx + y;
  const v = rx - xx;
  R.x = rx;
  R.y = xx - (rx - v) + (y - v) + xy;
}
/** x + y for |x| ≥ |y| (ddadd_vd2_vd_vd2). */
export function add_d_d2(x: number, yx: number, yy: number): void {
  const rx = x + yx;
  R.x = rx;
  R.y = x - rx + yx + yy;
}
/** x + y, any magnitudes (ddadd2_vd2_vd_vd2). */
export function add2_d_d2(x: number, yx: number, yy: number): void {
  const rx = x + yx;
  const v = rx - x;
  R.x = rx;
  R.y = x - (rx - v) + (yx - v) + yy;
}
/** x + y for |x| ≥ |y| (ddadd_vd2_vd2_vd2). */
export function add_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const rx = xx + yx;
  R.x = rx;
  R.y = xx - rx + yx + xy + yy;
}
/** x + y, any magnitudes (ddadd2_vd2_vd2_vd2). */
export function add2_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const rx = xx + yx;
  const v = rx - xx;
  R.x = rx;
  R.y = xx - (rx - v) + (yx - v) + (xy + yy);
}
/** x - y for |x| ≥ |y| (ddsub_vd2_vd2_vd2). */
export function sub_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const rx = xx - yx;
  R.x = rx;
  R.y = xx - rx - yx + xy - yy;
}
/** x · y (ddmul_vd2_vd2_vd). */
export function mul_d2_d(xx: number, xy: number, y: number): void {
  const rx = xx * y;
  R.x = rx;
  R.y = fma(xy, y, fma(xx, y, -rx));
}
/** x · y (ddmul_vd2_vd2_vd2). */
export function mul_d2_d2(xx: number, xy: number, yx: number, yy: number): void {
  const rx = xx * yx;
  R.x = rx;
  R.y = fma(xx, yy, fma(xy, yx, fma(xx, yx, -rx)));
}
/** x² (ddsqu_vd2_vd2). */
export function squ(xx: number, xy: number): void {
  const rx = xx * xx;
  R.x = rx;
  R.y = fma(xx + xx, xy, fma(xx, xx, -rx));
}
/** n / d (dddiv_vd2_vd2_vd2). */
export function div(nx: number, ny: number, dx: number, dy: number): void {
  const t = 1 / dx;
  const qx = nx * t;
  const u = fma(t, nx, -qx);
  const qy = fma(-dy, t, fma(-dx, t, 1));
  R.x = qx;
  R.y = fma(qx, qy, fma(ny, t, u));
}
/** 1 / d (ddrec_vd2_vd2). */
function rec(dx: number, dy: number): void {
  const qx = 1 / dx;
  R.x = qx;
  R.y = qx * fma(-dy, qx, fma(-dx, qx, 1));
}

// ---- exponentials --------------------------------------------------------------------------

const R_LN2 = 1.4426950408889634;
const L2U = 0.693147180559663;
const L2L = 2.8235290563031577e-13;

/** e^d (SLEEF's xexp, FMA build: Sleef_expd4_u10). */
export function exp(d: number): number {
  if (d !== d) return d;
  const q = rint(d * R_LN2);
  let s = fma(q, -L2U, d);
  s = fma(q, -L2L, s);
  const s2 = s * s;
  const s4 = s2 * s2;
  const s8 = s4 * s4;
  let u = fma(
    s8,
    fma(s, 2.0812763782371645e-9, 2.511210703042288e-8),
    fma(
      s4,
      fma(
        s2,
        fma(s, 2.755762628169491e-7, 2.7557234020253882e-6),
        fma(s, 2.4801586874796863e-5, 0.00019841269898558658),
      ),
      fma(
        s2,
        fma(s, 0.0013888888889144978, 0.008333333333314938),
        fma(s, 0.041666666666666026, 0.1666666666666669),
      ),
    ),
  );
  u = fma(u, s, 0.5);
  u = fma(u, s, 1);
  u = fma(u, s, 1);
  u = ldexp2(u, q);
  if (d > 709.7827111495575) u = Infinity;
  if (d < -1000) u = 0;
  return u;
}

/** SLEEF's expk2: e^(dx + dy) as a dd, left in R. */
export function expk2(dx: number, dy: number): void {
  const q = rint((dx + dy) * R_LN2);
  add2_d2_d(dx, dy, q * -L2U);
  add2_d2_d(R.x, R.y, q * -L2L);
  const sx = R.x;
  const sy = R.y;
  squ(sx, sy);
  const s2 = R.x;
  squ(R.x, R.y);
  const s4x = R.x;
  const s4y = R.y;
  const s8 = s4x * s4x;
  const u = fma(
    s8,
    fma(sx, 1.602472219709932e-10, 2.092255183563157e-9),
    fma(
      s4x,
      fma(
        s2,
        fma(sx, 2.5052300237826445e-8, 2.7557248009021353e-7),
        fma(sx, 2.7557318923860444e-6, 2.480158735605815e-5),
      ),
      fma(
        s2,
        fma(sx, 0.00019841269841480719, 0.0013888888888867633),
        fma(sx, 0.008333333333333347, 0.0416666666666667),
      ),
    ),
  );
  mul_d2_d(sx, sy, 0.16666666666666666);
  add_d_d2(0.5, R.x, R.y);
  mul_d2_d2(R.x, R.y, sx, sy);
  add_d_d2(1, R.x, R.y);
  mul_d2_d2(R.x, R.y, sx, sy);
  add_d_d2(1, R.x, R.y);
  const tx = R.x;
  const ty = R.y;
  mul_d2_d(s4x, s4y, u);
  add_d2_d2(tx, ty, R.x, R.y);
  if (dx < -1000) {
    R.x = 0;
    R.y = 0;
  } else {
    R.x = ldexp2(R.x, q);
    R.y = ldexp2(R.y, q);
  }
}

/** e^a - 1 (SLEEF's xexpm1: Sleef_expm1d4_u10). */
export function expm1(a: number): number {
  if (a !== a) return a;
  expk2(a, 0);
  add2_d2_d(R.x, R.y, -1);
  let x = R.x + R.y;
  if (a > 709.782712893384) x = Infinity;
  if (a < -36.7368005696771) x = -1;
  if (Object.is(a, -0)) x = -0;
  return x;
}

/** tanh x (SLEEF's xtanh_u1: Sleef_tanhd4_u10). */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  expk2(a, 0);
  const dx = R.x;
  const dy = R.y;
  rec(dx, dy);
  const ex = R.x;
  const ey = R.y;
  add2_d2_d2(dx, dy, ex, ey);
  const sx = R.x;
  const sy = R.y;
  add2_d2_d2(dx, dy, -ex, -ey);
  div(R.x, R.y, sx, sy);
  let y = R.x + R.y;
  if (a > 18.714973875 || y !== y) y = 1;
  return x < 0 || Object.is(x, -0) ? -y : y;
}

/** sinh x (SLEEF's xsinh: Sleef_sinhd4_u10). */
export function sinh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  expk2(a, 0);
  const dx = R.x;
  const dy = R.y;
  rec(dx, dy);
  sub_d2_d2(dx, dy, R.x, R.y);
  let y = (R.x + R.y) * 0.5;
  if (a > 710 || y !== y) y = Infinity;
  return x < 0 || Object.is(x, -0) ? -y : y;
}

/** cosh x (SLEEF's xcosh: Sleef_coshd4_u10). */
export function cosh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  expk2(a, 0);
  const dx = R.x;
  const dy = R.y;
  rec(dx, dy);
  add_d2_d2(dx, dy, R.x, R.y);
  let y = (R.x + R.y) * 0.5;
  if (a > 710 || y !== y) y = Infinity;
  return y;
}

/** SLEEF's POLY7(x, x², x⁴, c6 … c0): Estrin's scheme with fused multiply-adds. */
function poly7(
  x: number,
  c6: number,
  c5: number,
  c4: number,
  c3: number,
  c2: number,
  c1: number,
  c0: number,
): number {
  const x2 = x * x;
  const x4 = x2 * x2;
  return fma(x4, fma(x2, c6, fma(x, c5, c4)), fma(x2, fma(x, c3, c2), fma(x, c1, c0)));
}

// ---- logarithms ----------------------------------------------------------------------------

const DBL_MIN = 2.2250738585072014e-308;
const TWO64 = 18446744073709551616;
const LN2_X = 0.6931471805599453;
const LN2_Y = 2.3190468138462996e-17;

/** The shared reduction: d = m · 2^e with m in [0.75, 1.5); m returned, e left in R.q. */
function reduce(d0: number): number {
  const tiny = d0 < DBL_MIN;
  const d = tiny ? d0 * TWO64 : d0;
  const e = ilogb2k(d * (1 / 0.75));
  R.q = tiny ? e - 64 : e;
  return ldexp3(d, -e);
}

/** C's special values of a logarithm of d in place of r. */
function logSpecial(d: number, r: number): number {
  if (d === Infinity) return Infinity;
  if (d < 0 || d !== d) return NaN;
  if (d === 0) return -Infinity;
  return r;
}

/** The (m-1)/(m+1) of the reduction, as a dd in R, and its square's high part. */
function ratio(m: number): number {
  add2_d_d(1, m);
  const bx = R.x;
  const by = R.y;
  add2_d_d(-1, m);
  div(R.x, R.y, bx, by);
  return R.x * R.x;
}

/** ln d (SLEEF's xlog_u1: Sleef_logd4_u10). */
export function log(d: number): number {
  const m = reduce(d);
  const e = R.q;
  const x2 = ratio(m);
  const xx = R.x;
  const xy = R.y;
  const t = poly7(
    x2,
    0.15320769885027014,
    0.15256290510034287,
    0.1818605932937786,
    0.222221451983938,
    0.28571429327942993,
    0.3999999999635252,
    0.6666666666667334,
  );
  mul_d2_d(LN2_X, LN2_Y, e);
  add_d2_d2(R.x, R.y, xx * 2, xy * 2);
  add_d2_d(R.x, R.y, x2 * xx * t);
  return logSpecial(d, R.x + R.y);
}

/** log₂ d (SLEEF's xlog2: Sleef_log2d4_u10). */
export function log2(d: number): number {
  const m = reduce(d);
  const e = R.q;
  const x2 = ratio(m);
  const xx = R.x;
  const xy = R.y;
  const t = poly7(
    x2,
    0.22119417504560815,
    0.22007686931522777,
    0.26237080574885147,
    0.32059774779444955,
    0.41219859454853247,
    0.5770780162997059,
    0.9617966939260809,
  );
  mul_d2_d2(xx, xy, 2.8853900817779268, 6.056160499551674e-18);
  add2_d_d2(e, R.x, R.y);
  add2_d2_d(R.x, R.y, x2 * xx * t);
  return logSpecial(d, R.x + R.y);
}

/** log₁₀ d (SLEEF's xlog10: Sleef_log10d4_u10). */
export function log10(d: number): number {
  const m = reduce(d);
  const e = R.q;
  const x2 = ratio(m);
  const xx = R.x;
  const xy = R.y;
  const t = poly7(
    x2,
    0.06653725819576758,
    0.06625722782820834,
    0.07898105214313944,
    0.09650955035715275,
    0.1240841409721445,
    0.1737177927454605,
    0.28952965460219726,
  );
  mul_d2_d2(xx, xy, 0.8685889638065036, 1.1430059694096389e-17);
  const px = R.x;
  const py = R.y;
  mul_d2_d(0.3010299956639812, -2.8037281277851704e-18, e);
  add_d2_d2(R.x, R.y, px, py);
  add_d2_d(R.x, R.y, x2 * xx * t);
  return logSpecial(d, R.x + R.y);
}

/** ln(1 + d) (SLEEF's xlog1p: Sleef_log1pd4_u10). */
export function log1p(d: number): number {
  let dp1 = d + 1;
  const tiny = dp1 < DBL_MIN;
  if (tiny) dp1 *= TWO64;
  let e = ilogb2k(dp1 * (1 / 0.75));
  const t0 = ldexp3(1, -e);
  const m = fma(d, t0, t0 - 1);
  if (tiny) e -= 64;
  addDD_d_d(2, m);
  div(m, 0, R.x, R.y);
  const xx = R.x;
  const xy = R.y;
  const x2 = xx * xx;
  const t = poly7(
    x2,
    0.15320769885027014,
    0.15256290510034287,
    0.1818605932937786,
    0.222221451983938,
    0.28571429327942993,
    0.3999999999635252,
    0.6666666666667334,
  );
  mul_d2_d(LN2_X, LN2_Y, e);
  add_d2_d2(R.x, R.y, xx * 2, xy * 2);
  add_d2_d(R.x, R.y, x2 * xx * t);
  let r = R.x + R.y;
  if (d > 1e307) r = Infinity;
  if (d < -1 || d !== d) r = NaN;
  if (d === -1) r = -Infinity;
  if (Object.is(d, -0)) r = -0;
  return r;
}

/** sigmoid x = 1 / (1 + e^-x) as PyTorch's vectorised float64 kernel evaluates it. */
export function sigmoid(x: number): number {
  return 1 / (exp(0 - x) + 1);
}

// ---- pow: e^(y · ln|x|) with a dd logarithm and exponential ---------------------------------

/** SLEEF's logk: ln d as a dd (d > 0), left in R. */
function logk(d: number): void {
  const m = reduce(d);
  const e = R.q;
  add2_d_d(1, m);
  const bx = R.x;
  const by = R.y;
  add2_d_d(-1, m);
  div(R.x, R.y, bx, by);
  const xx = R.x;
  const xy = R.y;
  squ(xx, xy);
  const x2x = R.x;
  const x2y = R.y;
  const x4 = x2x * x2x;
  const x8 = x4 * x4;
  const x16 = x8 * x8;
  const t = fma(
    x16,
    0.11625552407993504,
    fma(
      x8,
      fma(
        x4,
        fma(x2x, 0.10323968090107295, 0.117754809412464),
        fma(x2x, 0.13332981086846274, 0.15384622711451226),
      ),
      fma(
        x4,
        fma(x2x, 0.18181818085005078, 0.22222222223008356),
        fma(x2x, 0.28571428571424917, 0.4000000000000001),
      ),
    ),
  );
  mul_d2_d(LN2_X, LN2_Y, e);
  add_d2_d2(R.x, R.y, xx * 2, xy * 2);
  const sx = R.x;
  const sy = R.y;
  mul_d2_d2(x2x, x2y, xx, xy);
  const x3x = R.x;
  const x3y = R.y;
  mul_d2_d2(x3x, x3y, 0.6666666666666666, 3.8055496254241206e-17);
  add_d2_d2(sx, sy, R.x, R.y);
  const s2x = R.x;
  const s2y = R.y;
  mul_d2_d2(x2x, x2y, x3x, x3y);
  mul_d2_d(R.x, R.y, t);
  add_d2_d2(s2x, s2y, R.x, R.y);
}

/** SLEEF's expk: e^(dx + dy) rounded to a double. */
function expk(dx: number, dy: number): number {
  const q = rint((dx + dy) * R_LN2);
  add2_d2_d(dx, dy, q * -L2U);
  add2_d2_d(R.x, R.y, q * -L2L);
  const sx = R.x + R.y;
  const sy = R.x - sx + R.y;
  const s2 = sx * sx;
  const s4 = s2 * s2;
  const s8 = s4 * s4;
  const u = fma(
    s8,
    fma(sx, 2.5106968342095042e-8, 2.7628616677027065e-7),
    fma(
      s4,
      fma(
        s2,
        fma(sx, 2.7557249672502357e-6, 2.480149739898198e-5),
        fma(sx, 0.0001984126988090698, 0.0013888888939977129),
      ),
      fma(
        s2,
        fma(sx, 0.008333333333323714, 0.041666666666540952),
        fma(sx, 0.16666666666666674, 0.500000000000001),
      ),
    ),
  );
  add_d_d2(1, sx, sy);
  const tx = R.x;
  const ty = R.y;
  squ(sx, sy);
  mul_d2_d(R.x, R.y, u);
  add_d2_d2(tx, ty, R.x, R.y);
  const r = ldexp2(R.x + R.y, q);
  return dx < -1000 ? 0 : r;
}

/** x^y (SLEEF's xpow: Sleef_powd4_u10), with C's special cases. */
export function pow(x: number, y: number): number {
  const ay = Math.abs(y);
  const yIsInt = ay > 2 ** 52 || Math.trunc(y) === y;
  const yIsOdd = yIsInt && ay < 2 ** 53 && Math.abs(y % 2) === 1;
  logk(Math.abs(x));
  mul_d2_d(R.x, R.y, y);
  const dx = R.x;
  let result = expk(dx, R.y);
  if (dx > 709.7827111495575) result = Infinity;
  result *= x > 0 ? 1 : yIsInt ? (yIsOdd ? -1 : 1) : NaN;
  const efx = y < 0 || Object.is(y, -0) ? -(Math.abs(x) - 1) : Math.abs(x) - 1;
  if (ay === Infinity) result = efx < 0 ? 0 : efx === 0 ? 1 : Infinity;
  if (Math.abs(x) === Infinity || x === 0) {
    const ySign = y < 0 || Object.is(y, -0);
    const mag = ySign !== (x === 0) ? 0 : Infinity;
    const negative = yIsOdd && (x < 0 || Object.is(x, -0));
    result = negative ? -mag : mag;
  }
  if (x !== x || y !== y) result = NaN;
  if (y === 0 || x === 1) result = 1;
  return result;
}
