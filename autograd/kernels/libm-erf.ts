/**
 * glibc's erf for doubles (sysdeps/ieee754/dbl-64/s_erf.c: fdlibm's rational approximations, its
 * polynomials evaluated in glibc's split order), for the scalar (std::erf) paths of PyTorch's
 * float64 kernels, which take the last n % 8 elements of a vectorised loop. Beyond 1.25 it scales
 * by glibc's exp (libm.ts).
 */
import {exp} from './libm.js';

const ERX = 0.8450629115104675;
const EFX = 0.1283791670955126;
const PP = [
  0.12837916709551256, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442,
  -2.3763016656650163e-5,
];
const QQ = [
  0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164,
  -3.960228278775368e-6,
];
const PA = [
  -0.0023621185607526594, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175,
  -0.11089469428239668, 0.035478304325618236, -0.002166375594868791,
];
const QA = [
  0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164,
  0.01363708391202905, 0.011984499846799107,
];
const RA = [
  -0.009864944034847148, -0.6938585727071818, -10.558626225323291, -62.375332450326006,
  -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145,
];
const SA = [
  19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679, 429.00814002756783,
  108.63500554177944, 6.570249770319282, -0.0604244152148581,
];
const RB = [
  -0.0098649429247001, -0.799283237680523, -17.757954917754752, -160.63638485582192,
  -637.5664433683896, -1025.0951316110772, -483.5191916086514,
];
const SB = [
  30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955, 2553.0504064331644,
  474.52854120695537, -22.44095244658582,
];

const c = (table: readonly number[], i: number): number => table[i] as number;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** x with the low 32 bits of its significand cleared (fdlibm's SET_LOW_WORD(z, 0)). */
function highPart(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0];
}

/** glibc's erf. */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  const negative = x < 0 || Object.is(x, -0);
  if (a === Infinity) return negative ? -1 : 1;
  if (a < 0.84375) {
    if (a < 2 ** -28) {
      if (a < 2 ** -1020) return 0.0625 * (16 * x + 16 * EFX * x);
      return x + EFX * x;
    }
    const z = x * x;
    const r1 = c(PP, 0) + z * c(PP, 1);
    const z2 = z * z;
    const r2 = c(PP, 2) + z * c(PP, 3);
    const z4 = z2 * z2;
    const s1 = 1 + z * c(QQ, 0);
    const s2 = c(QQ, 1) + z * c(QQ, 2);
    const s3 = c(QQ, 3) + z * c(QQ, 4);
    const r = r1 + z2 * r2 + z4 * c(PP, 4);
    const s = s1 + z2 * s2 + z4 * s3;
    return x + x * (r / s);
  }
  if (a < 1.25) {
    const s = a - 1;
    const p1 = c(PA, 0) + s * c(PA, 1);
    const s2 = s * s;
    const q1 = 1 + s * c(QA, 0);
    const s4 = s2 * s2;
    const p2 = c(PA, 2) + s * c(PA, 3);
    const s6 = s4 * s2;
    const q2 = c(QA, 1) + s * c(QA, 2);
    const p3 = c(PA, 4) + s * c(PA, 5);
    const q3 = c(QA, 3) + s * c(QA, 4);
    const p = p1 + s2 * p2 + s4 * p3 + s6 * c(PA, 6);
    const q = q1 + s2 * q2 + s4 * q3 + s6 * c(QA, 5);
    return negative ? -ERX - p / q : ERX + p / q;
  }
  if (a >= 6) return negative ? -1 : 1;
  const s = 1 / (a * a);
  let big: number;
  let small: number;
  if (a < 2.857142857142857) {
    const r1 = c(RA, 0) + s * c(RA, 1);
    const s2 = s * s;
    const t1 = 1 + s * c(SA, 0);
    const s4 = s2 * s2;
    const r2 = c(RA, 2) + s * c(RA, 3);
    const s6 = s4 * s2;
    const t2 = c(SA, 1) + s * c(SA, 2);
    const s8 = s4 * s4;
    const r3 = c(RA, 4) + s * c(RA, 5);
    const t3 = c(SA, 3) + s * c(SA, 4);
    const r4 = c(RA, 6) + s * c(RA, 7);
    const t4 = c(SA, 5) + s * c(SA, 6);
    big = r1 + s2 * r2 + s4 * r3 + s6 * r4;
    small = t1 + s2 * t2 + s4 * t3 + s6 * t4 + s8 * c(SA, 7);
  } else {
    const r1 = c(RB, 0) + s * c(RB, 1);
    const s2 = s * s;
    const t1 = 1 + s * c(SB, 0);
    const s4 = s2 * s2;
    const r2 = c(RB, 2) + s * c(RB, 3);
    const s6 = s4 * s2;
    const t2 = c(SB, 1) + s * c(SB, 2);
    const r3 = c(RB, 4) + s * c(RB, 5);
    const t3 = c(SB, 3) + s * c(SB, 4);
    const t4 = c(SB, 5) + s * c(SB, 6);
    big = r1 + s2 * r2 + s4 * r3 + s6 * c(RB, 6);
    small = t1 + s2 * t2 + s4 * t3 + s6 * t4;
  }
  const z = highPart(a);
  const r = exp(-z * z - 0.5625) * exp((z - a) * (z + a) + big / small);
  return negative ? r / a - 1 : 1 - r / a;
}
