/**
 * float64 atan, asin and acos as PyTorch 1.13's kernels compute them on x86 CPUs: SLEEF's
 * xatan_u1, xasin_u1 and xacos_u1 (Sleef_atand4_u10, Sleef_asind4_u10, Sleef_acosd4_u10; AVX2
 * build with fused multiply-adds) on every element, in double-double arithmetic (sleef-double.ts).
 */
import {
  R,
  add_d2_d,
  add_d2_d2,
  addDD_d_d,
  add2_d_d2,
  div,
  fma,
  mul_d2_d,
  mul_d2_d2,
  squ,
  sub_d2_d2,
} from './sleef-double.js';

const PI_X = 3.141592653589793;
const PI_Y = 1.2246467991473532e-16;

/** SLEEF's atan2k_u1 for y = (yx, 0) ≥ 0 and x = (xx, 0): the angle as a dd in R. */
function atan2k(yx: number, xx0: number): void {
  let q = xx0 < 0 ? -2 : 0;
  const xx = Math.abs(xx0);
  const p = xx < yx;
  if (p) q += 1;
  const sx = p ? -xx : yx;
  const tx = p ? yx : xx;
  div(sx, 0, tx, 0);
  const s1 = R.x;
  const s2 = R.y;
  squ(s1, s2);
  const n = R.x + R.y;
  const ny = R.x - n + R.y;
  const t = n;
  const t2 = t * t;
  const t4 = t2 * t2;
  const t8 = t4 * t4;
  const poly8 = (
    c7: number,
    c6: number,
    c5: number,
    c4: number,
    c3: number,
    c2: number,
    c1: number,
    c0: number,
  ) => fma(t4, fma(t2, fma(t, c7, c6), fma(t, c5, c4)), fma(t2, fma(t, c3, c2), fma(t, c1, c0)));
  let u = fma(
    t8,
    poly8(
      1.0629848419144875e-5,
      -0.00012562064996728687,
      0.0007055766429639341,
      -0.0025186561449871336,
      0.006462628990369912,
      -0.012828133366339903,
      0.02080247999241458,
      -0.02890023447847403,
    ),
    poly8(
      0.03597850050351046,
      -0.041848579703592508,
      0.0470843011653284,
      -0.05249142105884484,
      0.0587946590969581,
      -0.06666208847787955,
      0.07692253302962038,
      -0.09090904427733876,
    ),
  );
  u = fma(u, t, 0.11111110837689624);
  u = fma(u, t, -0.14285714275626857);
  u = fma(u, t, 0.19999999999797735);
  u = fma(u, t, -0.3333333333333176);
  mul_d2_d2(s1, s2, t, ny);
  mul_d2_d(R.x, R.y, u);
  add_d2_d2(s1, s2, R.x, R.y);
  const ax = R.x;
  const ay = R.y;
  mul_d2_d(1.5707963267948966, 6.123233995736766e-17, q);
  add_d2_d2(R.x, R.y, ax, ay);
}

/** atan d (SLEEF's xatan_u1: Sleef_atand4_u10). */
export function atan(d: number): number {
  if (d !== d) return d;
  atan2k(Math.abs(d), 1);
  let r = R.x + R.y;
  if (Math.abs(d) === Infinity) r = 1.5707963267948966;
  return d < 0 || Object.is(d, -0) ? -r : r;
}

/** The reduction asin and acos share: u left in the return value, x (a dd) in R. */
function arcsine(d: number): number {
  const a = Math.abs(d);
  const small = a < 0.5;
  const x2 = small ? d * d : (1 - a) * 0.5;
  if (small) {
    R.x = a;
    R.y = 0;
  } else {
    // ddsqrt_vd2_vd(x2)
    const t = Math.sqrt(x2);
    const tt = t * t;
    const tte = fma(t, t, -tt);
    add2_d_d2(x2, tt, tte);
    const nx = R.x;
    const ny = R.y;
    const rx = 1 / t;
    const ry = rx * fma(-t, rx, 1);
    mul_d2_d2(nx, ny, rx, ry);
    R.x *= 0.5;
    R.y *= 0.5;
  }
  if (a === 1) {
    R.x = 0;
    R.y = 0;
  }
  const x4 = x2 * x2;
  const x8 = x4 * x4;
  const x16 = x8 * x8;
  const u = fma(
    x16,
    fma(
      x4,
      fma(x2, 0.031615876506539346, -0.015819182433299966),
      fma(x2, 0.019290454772679107, 0.006606077476277171),
    ),
    fma(
      x8,
      fma(
        x4,
        fma(x2, 0.012153605255773773, 0.013887151845016092),
        fma(x2, 0.017359569912236146, 0.022371761819320483),
      ),
      fma(
        x4,
        fma(x2, 0.030381959280381322, 0.044642856813771024),
        fma(x2, 0.07500000000378582, 0.16666666666664975),
      ),
    ),
  );
  return u * (x2 * R.x);
}

/** asin d (SLEEF's xasin_u1: Sleef_asind4_u10). */
export function asin(d: number): number {
  const u = arcsine(d);
  let r: number;
  if (Math.abs(d) < 0.5) r = u + R.x;
  else {
    const xx = R.x;
    const xy = R.y;
    sub_d2_d2(PI_X / 4, PI_Y / 4, xx, xy);
    const yx = R.x - u;
    const yy = R.x - yx - u + R.y;
    r = (yx + yy) * 2;
  }
  return d < 0 || Object.is(d, -0) ? -r : r;
}

/** acos d (SLEEF's xacos_u1: Sleef_acosd4_u10). */
export function acos(d: number): number {
  const u = arcsine(d);
  const small = Math.abs(d) < 0.5;
  const neg = d < 0 || Object.is(d, -0);
  const xx = R.x;
  const xy = R.y;
  let yx: number;
  let yy: number;
  if (small) {
    addDD_d_d(neg ? -xx : xx, neg ? -u : u);
    sub_d2_d2(PI_X / 2, PI_Y / 2, R.x, R.y);
    yx = R.x;
    yy = R.y;
  } else {
    add_d2_d(xx, xy, u);
    yx = R.x * 2;
    yy = R.y * 2;
    if (d < 0) {
      sub_d2_d2(PI_X, PI_Y, yx, yy);
      yx = R.x;
      yy = R.y;
    }
  }
  return yx + yy;
}

/** x with the sign of x flipped where s has its sign bit set (SLEEF's vmulsign). */
const mulsign = (x: number, s: number): number => (s < 0 || Object.is(s, -0) ? -x : x);

/** atan2(y, x) (SLEEF's xatan2_u1: Sleef_atan2d4_u10). */
export function atan2(y0: number, x0: number): number {
  let x = x0;
  let y = y0;
  if (Math.abs(x) < 5.562684646268008e-309) {
    x *= 2 ** 53;
    y *= 2 ** 53;
  }
  atan2k(Math.abs(y), x);
  let r = mulsign(R.x + R.y, x);
  const xInf = Math.abs(x) === Infinity;
  if (xInf || x === 0) r = Math.PI / 2 - (xInf ? mulsign(Math.PI / 2, x) : 0);
  if (Math.abs(y) === Infinity) r = Math.PI / 2 - (xInf ? mulsign(Math.PI / 4, x) : 0);
  if (y === 0) r = x < 0 || Object.is(x, -0) ? Math.PI : 0;
  return x !== x || y !== y ? NaN : mulsign(r, y);
}
