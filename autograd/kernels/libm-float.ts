/**
 * float32 expf, expm1f, tanhf and log1pf as glibc 2.36 (Debian 12's libm) computes them: the
 * scalar `std::exp`, `std::tanh`, `std::log1p` PyTorch's elementwise kernels call on the last
 * n % 16 elements that do not fill a vector (cpu_kernel_vec's tail). expf is glibc's table-driven
 * double-precision routine in its FMA build; expm1f, tanhf and log1pf are fdlibm's float code
 * (each operation rounded to float32). Math.exp and friends rounded to float32 differ from them
 * by one ulp for some values. (libm.ts is the double-precision side.)
 */
import {asFloat, asInt, fma64} from './sleef.js';

const f = Math.fround;

/** 2^(i/32) for i < 32 (glibc's __exp2f_data table, as doubles). */
const EXP2_TABLE = Array.from({length: 32}, (_, i) => 2 ** (i / 32));
/** A hexadecimal float literal's value: 0x1.<mantissa>p<exponent>. */
const hex = (mantissa: string, exponent: number): number =>
  (parseInt(`1${mantissa}`, 16) / 2 ** (4 * mantissa.length)) * 2 ** exponent;
const N = 32;
const INV_LN2_N = hex('71547652b82fe', 0) * N;
const SHIFT = hex('8', 52);
const C0 = hex('c6af84b912394', -5) / N / N / N;
const C1 = hex('ebfce50fac4f3', -3) / N / N;
const C2 = hex('62e42ff0c52d6', -1) / N;

/** glibc's expf (FMA build): x·32/ln 2 = k + r, 2^(k/32) from the table, a cubic in r. */
export function expfLibm(x: number): number {
  if (x !== x) return x;
  if (x > 88.72283172607422) return Infinity;
  if (x < -103.972076416015625) return 0;
  // z = InvLn2N·x is fused into both uses (kd = z + SHIFT, r = z - kd).
  const kdShifted = fma64(INV_LN2_N, x, SHIFT);
  const kd = kdShifted - SHIFT;
  const r = fma64(INV_LN2_N, x, -kd);
  const i = ((kd % N) + N) % N;
  const s = (EXP2_TABLE[i] ?? 1) * 2 ** ((kd - i) / N);
  const z = fma64(C0, r, C1);
  const r2 = r * r;
  const y = fma64(z, r2, fma64(C2, r, 1));
  return f(y * s);
}

const LN2_HI = f(6.9313812256e-1);
const LN2_LO = f(9.0580006145e-6);
const INV_LN2 = f(1.4426950216);
const Q1 = f(-3.3333335072e-2);
const Q2 = f(1.5873016091e-3);
const Q3 = f(-7.936507609e-5);
const Q4 = f(4.0082177293e-6);
const Q5 = f(-2.0109921195e-7);

/** y with k added to its float32 exponent (fdlibm's SET_FLOAT_WORD(y, i + (k << 23))). */
const addExponent = (y: number, k: number): number => asFloat((asInt(y) + (k << 23)) | 0);

/** glibc's expm1f (fdlibm's s_expm1f.c). */
export function expm1fLibm(x0: number): number {
  let x = x0;
  const hx = asInt(x) & 0x7fffffff;
  const negative = asInt(x) < 0;
  if (hx >= 0x4195b844) {
    if (hx >= 0x42b17218) {
      if (hx > 0x7f800000) return x + x;
      if (hx === 0x7f800000) return negative ? -1 : x;
      if (x > 88.7216796875) return Infinity;
    }
    if (negative) return -1;
  }
  let k: number;
  let c = 0;
  if (hx > 0x3eb17218) {
    let hi: number;
    let lo: number;
    if (hx < 0x3f851592) {
      hi = negative ? f(x + LN2_HI) : f(x - LN2_HI);
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(f(f(INV_LN2 * x) + (negative ? -0.5 : 0.5)));
      hi = f(x - f(k * LN2_HI));
      lo = f(k * LN2_LO);
    }
    x = f(hi - lo);
    c = f(f(hi - x) - lo);
  } else if (hx < 0x33000000) {
    return x;
  } else k = 0;
  const hfx = f(0.5 * x);
  const hxs = f(x * hfx);
  const r1 = f(1 + f(hxs * f(Q1 + f(hxs * f(Q2 + f(hxs * f(Q3 + f(hxs * f(Q4 + f(hxs * Q5))))))))));
  const t = f(3 - f(r1 * hfx));
  let e = f(hxs * f(f(r1 - t) / f(6 - f(x * t))));
  if (k === 0) return f(x - f(f(x * e) - hxs));
  e = f(f(x * f(e - c)) - c);
  e = f(e - hxs);
  if (k === -1) return f(f(0.5 * f(x - e)) - 0.5);
  if (k === 1) {
    if (x < -0.25) return f(-2 * f(e - f(x + 0.5)));
    return f(1 + f(2 * f(x - e)));
  }
  if (k <= -2 || k > 56) {
    let y = f(1 - f(e - x));
    y = k === 128 ? f(f(y * 2) * 2 ** 127) : addExponent(y, k);
    return f(y - 1);
  }
  if (k < 23) {
    const t1 = asFloat(0x3f800000 - (0x1000000 >> k));
    return addExponent(f(t1 - f(e - x)), k);
  }
  const t2 = asFloat((0x7f - k) << 23);
  return addExponent(f(f(x - f(e + t2)) + 1), k);
}

/** glibc's tanhf (fdlibm's s_tanhf.c, through expm1f). */
export function tanhfLibm(x: number): number {
  const jx = asInt(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7f800000) return x !== x ? x : jx >= 0 ? 1 : -1;
  let z: number;
  if (ix < 0x41b00000) {
    if (ix === 0) return x;
    if (ix < 0x24000000) return f(x * f(1 + x));
    if (ix >= 0x3f800000) {
      const t = expm1fLibm(f(2 * Math.abs(x)));
      z = f(1 - f(2 / f(t + 2)));
    } else {
      const t = expm1fLibm(f(-2 * Math.abs(x)));
      z = f(-t / f(t + 2));
    }
  } else z = 1;
  return jx >= 0 ? z : -z;
}

const LP = [
  6.6666668653e-1, 4.0000000596e-1, 2.8571429849e-1, 2.2222198546e-1, 1.818357259e-1,
  1.5313838422e-1, 1.479819864e-1,
].map(f);

/** glibc's log1pf (fdlibm's s_log1pf.c). */
export function log1pfLibm(x: number): number {
  const hx = asInt(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let fv = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3ed413d7) {
    if (ax >= 0x3f800000) return x === -1 ? -Infinity : NaN;
    if (ax < 0x31000000) {
      if (ax < 0x24800000) return x;
      return f(x - f(f(x * x) * 0.5));
    }
    if (hx > 0 || hx <= (0xbe95f61f | 0)) {
      k = 0;
      fv = x;
      hu = 1;
    }
  } else if (hx >= 0x7f800000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x5a000000) {
      u = f(1 + x);
      hu = asInt(u);
      k = (hu >> 23) - 127;
      c = k > 0 ? f(1 - f(u - x)) : f(x - f(u - 1));
      c = f(c / u);
    } else {
      u = x;
      hu = asInt(u);
      k = (hu >> 23) - 127;
      c = 0;
    }
    hu &= 0x007fffff;
    if (hu < 0x3504f7) {
      u = asFloat(hu | 0x3f800000);
    } else {
      k += 1;
      u = asFloat(hu | 0x3f000000);
      hu = (0x00800000 - hu) >> 2;
    }
    fv = f(u - 1);
  }
  const hfsq = f(f(0.5 * fv) * fv);
  if (hu === 0) {
    if (fv === 0) {
      if (k === 0) return 0;
      c = f(c + f(k * LN2_LO));
      return f(f(k * LN2_HI) + c);
    }
    const R = f(hfsq * f(1 - f(f(2 / 3) * fv)));
    if (k === 0) return f(fv - R);
    return f(f(k * LN2_HI) - f(f(R - f(f(k * LN2_LO) + c)) - fv));
  }
  const s = f(fv / f(2 + fv));
  const z = f(s * s);
  let R = LP[6] ?? 0;
  for (let j = 5; j >= 0; j--) R = f((LP[j] ?? 0) + f(z * R));
  R = f(z * R);
  if (k === 0) return f(fv - f(hfsq - f(s * f(hfsq + R))));
  return f(f(k * LN2_HI) - f(f(hfsq - f(f(s * f(hfsq + R)) + f(f(k * LN2_LO) + c))) - fv));
}
