/**
 * float64 tan, erf and erfc as PyTorch 1.13's kernels compute them on x86 CPUs: its vml loop maps
 * SLEEF 3.5's Sleef_tand4_u10, Sleef_erfd4_u10 and Sleef_erfcd4_u15 (xtan_u1, xerf_u1, xerfc_u15;
 * AVX2 build with fused multiply-adds) over every element, a partial last vector included (the
 * sweeps in test/autograd/sleef-double.test.ts show no glibc tail). tan reduces its argument by
 * π/2 per group of four lanes, as sin and cos do (sleef-double-trig.ts): the short reduction when
 * every lane of the group is under 15 in magnitude, the longer one otherwise; `tanArray` keeps
 * that grouping. Beyond 1e14 SLEEF reduces by Payne–Hanek (not ported: glibc's tan stands in).
 */
import {tan as tanLibm} from './libm.js';
import {
  R,
  add2_d2_d,
  add2_d2_d2,
  addDD_d_d,
  add_d2_d,
  add_d2_d2,
  add_d_d2,
  div,
  expk2,
  fma,
  mul_d2_d,
  mul_d2_d2,
  rint,
  squ,
  sub_d2_d2,
} from './sleef-double.js';

const PI_A = 3.1415926218032837;
const PI_B = 3.1786509424591713e-8;
const PI_C = 1.2246467864107189e-16;
const PI_D = 1.27366343270219e-24;
const PI_A2 = 3.141592653589793;
const PI_B2 = 1.2246467991473532e-16;
const M_2_PI_H = 0.6366197723675814;
const M_2_PI_L = -3.935735335036497e-17;
const TWO24 = 16777216;
/** Groups whose lanes are all under this take the short reduction (SLEEF's TRIGRANGEMAX2). */
const SHORT_RANGE = 15;
/** The long reduction is exact up to this (SLEEF's TRIGRANGEMAX); beyond it, Payne–Hanek. */
const LONG_RANGE = 100000000000000;

/** tan d with the short (long = false) or the long reduction by π/2 (xtan_u1). */
function tanWith(d: number, long: boolean): number {
  let ql: number;
  let sx: number;
  let sy: number;
  if (!long) {
    const dql = rint(d * (2 * 0.3183098861837907));
    ql = dql;
    const u = fma(dql, -PI_A2 * 0.5, d);
    addDD_d_d(u, dql * (-PI_B2 * 0.5));
  } else {
    const dqh = Math.trunc(d * ((2 * 0.3183098861837907) / TWO24)) * TWO24;
    mul_d2_d(M_2_PI_H, M_2_PI_L, d);
    add2_d2_d(R.x, R.y, (d < 0 ? -0.5 : 0.5) - dqh);
    const dql = Math.trunc(R.x + R.y);
    ql = dql;
    const u = fma(dqh, -PI_A * 0.5, d);
    addDD_d_d(u, dql * (-PI_A * 0.5));
    add2_d2_d(R.x, R.y, dqh * (-PI_B * 0.5));
    add2_d2_d(R.x, R.y, dql * (-PI_B * 0.5));
    add2_d2_d(R.x, R.y, dqh * (-PI_C * 0.5));
    add2_d2_d(R.x, R.y, dql * (-PI_C * 0.5));
    add_d2_d(R.x, R.y, (dqh + dql) * (-PI_D * 0.5));
  }
  sx = R.x;
  sy = R.y;
  const tx = sx * 0.5;
  const ty = sy * 0.5;
  squ(tx, ty);
  sx = R.x;
  sy = R.y;
  const s2 = sx * sx;
  const s4 = s2 * s2;
  let u = fma(
    s4,
    fma(
      s2,
      fma(sx, 0.00032450988266392763, 0.0005619219738114324),
      fma(sx, 0.0014607815024027845, 0.0035916115407924995),
    ),
    fma(
      s2,
      fma(sx, 0.008863268409563113, 0.021869487281855355),
      fma(sx, 0.05396825399517273, 0.13333333333305006),
    ),
  );
  u = fma(u, sx, 0.33333333333333437);
  // x = t + (s·t)·u
  mul_d2_d2(sx, sy, tx, ty);
  mul_d2_d(R.x, R.y, u);
  add_d2_d2(tx, ty, R.x, R.y);
  const xx = R.x;
  const xy = R.y;
  // y = -1 + x², x = -2x
  squ(xx, xy);
  add_d_d2(-1, R.x, R.y);
  const yx = R.x;
  const yy = R.y;
  const x2x = xx * -2;
  const x2y = xy * -2;
  if ((ql & 1) === 1) div(-yx, -yy, x2x, x2y);
  else div(x2x, x2y, yx, yy);
  const r = R.x + R.y;
  return d === 0 ? d : r;
}

/** tan d of one value, as the kernel computes it when its group has no larger neighbour. */
export function tan(d: number): number {
  const a = Math.abs(d);
  if (!(a < LONG_RANGE)) return a === Infinity || d !== d ? NaN : tanLibm(d);
  return tanWith(d, a >= SHORT_RANGE);
}

/**
 * out[i] = tan(src[srcOffset + i]) for i < n, in groups of four lanes as PyTorch's kernel runs
 * (a group with one lane at 15 or more takes the long reduction in all four).
 */
export function tanArray(
  src: ArrayLike<number>,
  srcOffset: number,
  out: {[i: number]: number},
  n: number,
): void {
  for (let i = 0; i < n; i += 4) {
    const end = Math.min(i + 4, n);
    let long = false;
    for (let j = i; j < end; j++) {
      if (!(Math.abs(src[srcOffset + j] ?? 0) < SHORT_RANGE)) long = true;
    }
    for (let j = i; j < end; j++) {
      const d = src[srcOffset + j] ?? 0;
      const a = Math.abs(d);
      out[j] = a < LONG_RANGE ? tanWith(d, long) : a === Infinity || d !== d ? NaN : tanLibm(d);
    }
  }
}

// ---- erf ------------------------------------------------------------------------------------

/** xerf_u1's polynomial, one row per coefficient: below 1, 3.7, and 6. */
const ERF_POLY = [
  [6.801072401395392e-21, 2.8309545220877177e-14, -5.8467504042696105e-18],
  [-2.1617662475700564e-19, -1.509491946179482e-12, 6.076691048812608e-16],
  [4.695919173301599e-18, 3.827857177807173e-11, -3.007518609604894e-14],
  [-9.049140419888011e-17, -6.139733921558987e-10, 9.427906260824646e-13],
  [1.6340189035574115e-15, 6.985387934608039e-9, -2.1001109082693936e-11],
  [-2.7834857863334552e-14, -5.988224513034371e-8, 3.5346395234612235e-10],
  [4.4632212767864127e-13, 4.0057169523553466e-7, -4.664967728285396e-9],
  [-6.711366622850139e-12, -2.1321901045757844e-6, 4.9438232837690005e-8],
  [9.422759050232658e-11, 9.09246130404263e-6, -4.271203394761148e-7],
  [-1.2290555301002285e-9, -3.0791880809662055e-5, 3.034067677404916e-6],
  [1.480719281585085e-8, 7.971413443082371e-5, -1.776295289066871e-5],
  [-1.6365844691234027e-7, -0.00013878532152254429, 8.524547630559505e-5],
  [1.6462114365889234e-6, 6.469678026257591e-5, -0.00032905829449617844],
  [-1.4925650358406249e-5, 0.0004996645280372946, 0.0009696966068789101],
  [0.00012055332981789665, -0.0016228024828425205, -0.0018125276280469861],
  [-0.0008548327023450851, 0.00016153205570493772, -0.0004725409828123619],
  [0.005223977625442189, 0.019152623255748756, 0.020903154279242293],
  [-0.026866170645131256, -0.10278182984860335, -0.10520419218427766],
  [0.11283791670955128, -0.6366172819842504, -0.6345351808766568],
  [-0.37612638903183754, -1.1283795906489105, -1.1294429291035244],
] as const;
const ERF_DD = [
  [1.1283791670955126, 3.411064473619614e-8, 0.0002496303569052644],
  [1.5335459613165823e-17, -2.4875650708323294e-24, -5.436266503485626e-21],
] as const;

/** erf s (SLEEF's xerf_u1: Sleef_erfd4_u10). */
export function erf(s: number): number {
  if (s !== s) return s;
  const a = Math.abs(s);
  const o0 = a < 1;
  const k = o0 ? 0 : a < 3.7 ? 1 : 2;
  const u = o0 ? a * a : a;
  let t: number = ERF_POLY[0][k];
  for (let i = 1; i < ERF_POLY.length; i++)
    t = fma(t, u, (ERF_POLY[i] as readonly number[])[k] as number);
  const p = t * u;
  add2_d2_d2(p, fma(t, u, -p), ERF_DD[0][k], ERF_DD[1][k]);
  if (o0) mul_d2_d(R.x, R.y, a);
  else {
    expk2(R.x, R.y);
    add_d_d2(1, -R.x, -R.y);
  }
  const r = a < 6 ? R.x + R.y : 1;
  return s < 0 || Object.is(s, -0) ? -r : r;
}

// ---- erfc -----------------------------------------------------------------------------------

/** xerfc_u15's polynomial, one row per coefficient: below 1, 2.2, 4.2, and from 4.2 on. */
const ERFC_POLY = [
  [6.801072401395386e-21, 3.4380103413625853e-13, -57.578195364207104, 23342.497296387013],
  [-2.1617662475700557e-19, -1.2370211881605983e-11, 466.92896544981045, -46956.61044933108],
  [4.695919173301596e-18, 2.1179858398776279e-10, -1796.3298794613559, 31734.031087486434],
  [-9.049140419888007e-17, -2.2905609291773695e-9, 4355.892193699576, 3242.982786959574],
  [1.6340189035574107e-15, 1.7489316216981495e-8, -7456.258884965765, -20147.179997603478],
  [-2.7834857863334517e-14, -9.956602606623249e-8, 9553.977358167022, 15540.069709671183],
  [4.463221276786416e-13, 4.330010240640327e-7, -9470.01990544423, -6150.874190563554],
  [-6.7113666228501366e-12, -1.4350506009917633e-6, 7387.344321849855, 1240.0477656348157],
  [9.422759050232662e-11, 3.4601394796506957e-6, -4557.713054166383, -82.103254757527],
  [-1.229055530100229e-9, -4.988908180632898e-6, 2207.8669673540553, 32.42443880839931],
  [1.4807192815850865e-8, -1.308775976326352e-6, -821.7975658621755, -29.234188638331606],
  [-1.6365844691233998e-7, 2.82508654085031e-5, 226.86594835079174, 0.3457461732814383],
  [1.6462114365889236e-6, -6.393913713069986e-5, -46.33361260318561, 5.489730155952393],
  [-1.4925650358406235e-5, -2.566436514695079e-5, 9.557380123733946, 0.0015599341322512941],
  [0.00012055332981789679, 0.000589579237565944, -2.9584293319396613, -1.5417415668315206],
  [-0.000854832702345085, -0.0016957155791635886, 0.16703295080927655, 2.823152230558364e-6],
  [0.005223977625442188, 0.00020891164349180551, 0.6096615680115419, 0.6249999184195343],
  [-0.026866170645131252, 0.019128559495849178, 0.0010592124431935436, 1.7417494164087013e-9],
] as const;
/** The three dd coefficients after the polynomial: hi and lo per range. */
const ERFC_DD = [
  [0.11283791670955126, -0.10277263343147647, -0.5000518047399902, -0.5000000000258444],
  [-4.017569162593212e-18, -6.23387140834049e-18, 2.6362140569041996e-17, -4.007404471238699e-17],
  [-0.37612638903183754, -0.6366197674291636, 1.6011062739249634e-6, 2.3761973137523365e-13],
  [1.3391897206042552e-17, 7.632101915908572e-18, 1.1974001857764477e-23, -1.1670076950531027e-29],
  [1.1283791670955126, -1.1283791674717296, -0.5723649664514543, -0.5723649429247011],
  [1.5335459613165823e-17, 8.089684775596538e-17, 3.070455324587203e-17, -2.3984352208056898e-17],
] as const;

/** erfc s (SLEEF's xerfc_u15: Sleef_erfcd4_u15). */
export function erfc(s: number): number {
  if (s !== s) return s;
  const a = Math.abs(s);
  const o0 = a < 1;
  const o1 = a < 2.2;
  const k = o0 ? 0 : o1 ? 1 : a < 4.2 ? 2 : 3;
  let ux: number;
  let uy: number;
  if (o0) {
    ux = a * a;
    uy = fma(a, a, -ux);
  } else if (o1) {
    ux = a;
    uy = 0;
  } else {
    div(1, 0, a, 0);
    ux = R.x;
    uy = R.y;
  }
  let t: number = ERFC_POLY[0][k];
  for (let i = 1; i < ERFC_POLY.length; i++)
    t = fma(t, ux, (ERFC_POLY[i] as readonly number[])[k] as number);
  mul_d2_d(ux, uy, t);
  add2_d2_d2(R.x, R.y, ERFC_DD[0][k], ERFC_DD[1][k]);
  mul_d2_d2(R.x, R.y, ux, uy);
  add2_d2_d2(R.x, R.y, ERFC_DD[2][k], ERFC_DD[3][k]);
  mul_d2_d2(R.x, R.y, ux, uy);
  add2_d2_d2(R.x, R.y, ERFC_DD[4][k], ERFC_DD[5][k]);
  const dx = R.x;
  const dy = R.y;
  if (o1) mul_d2_d(dx, dy, a);
  else {
    mul_d2_d(-a, 0, a);
    add2_d2_d2(R.x, R.y, dx, dy);
  }
  if (o0) sub_d2_d2(1, 0, R.x, R.y);
  else expk2(R.x, R.y);
  if (!o1) mul_d2_d2(R.x, R.y, ux, uy);
  let r = a < 27.3 ? R.x + R.y : 0;
  if (s < 0 || Object.is(s, -0)) r = 2 - r;
  return r;
}
