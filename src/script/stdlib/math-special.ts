/**
 * CPython's own algorithms for math's special functions, ported so the floats agree bit for bit:
 * gamma and lgamma (Lanczos approximation, as Modules/mathmodule.c), erf and erfc (series and
 * continued fraction), and math_1's domain and range errors they raise.
 */
import * as libm from '../../../autograd/kernels/libm.js';
import {pyError} from '../errors.js';

/** CPython's math_1: a NaN from a non-NaN is a domain error, an infinity from a finite value a
 * range error (if the function can overflow) or a domain error. */
export function checked(x: number, r: number, canOverflow: boolean): number {
  if (Number.isNaN(r) && !Number.isNaN(x)) throw pyError('ValueError', 'math domain error');
  if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x)) {
    if (canOverflow) throw pyError('OverflowError', 'math range error');
    throw pyError('ValueError', 'math domain error');
  }
  return r;
}

const lanczosG = 6.02468004077673;
const lanczosGMinusHalf = 5.52468004077673;
const lanczosNum = [
  23531376880.41076, 42919803642.6491, 35711959237.35567, 17921034426.03721, 6039542586.352028,
  1439720407.3117216, 248874557.86205417, 31426415.585400194, 2876370.6289353725,
  186056.26539522348, 8071.672002365816, 210.82427775157936, 2.5066282746310002,
];
const lanczosDen = [
  0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0,
  357423.0, 32670.0, 1925.0, 66.0, 1.0,
];
const logPi = 1.1447298858494002;
const sqrtPi = 1.772453850905516;

function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 5.0) {
    for (let i = lanczosNum.length; --i >= 0;) {
      num = num * x + (lanczosNum[i] ?? 0);
      den = den * x + (lanczosDen[i] ?? 0);
    }
  } else {
    for (let i = 0; i < lanczosNum.length; i++) {
      num = num / x + (lanczosNum[i] ?? 0);
      den = den / x + (lanczosDen[i] ?? 0);
    }
  }
  return num / den;
}

function sinpi(x: number): number {
  const y = Math.abs(x) % 2.0;
  const n = Math.round(2.0 * y);
  let r: number;
  switch (n) {
    case 0:
      r = libm.sin(Math.PI * y);
      break;
    case 1:
      r = Math.cos(Math.PI * (y - 0.5));
      break;
    case 2:
      r = libm.sin(Math.PI * (1.0 - y));
      break;
    case 3:
      r = -Math.cos(Math.PI * (y - 1.5));
      break;
    default:
      r = libm.sin(Math.PI * (y - 2.0));
  }
  return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
}

/** CPython's math.gamma. */
export function tgamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    throw pyError('ValueError', 'math domain error');
  }
  if (x === 0) throw pyError('ValueError', 'math domain error');
  if (x === Math.floor(x)) {
    if (x < 0) throw pyError('ValueError', 'math domain error');
    if (x <= 23) {
      let f = 1;
      for (let i = 2; i < x; i++) f *= i;
      return f;
    }
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return checked(x, 1.0 / x, true);
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sinpi(x);
    throw pyError('OverflowError', 'math range error');
  }
  const y = absx + lanczosGMinusHalf;
  let z: number;
  if (absx > lanczosGMinusHalf) z = y - absx - lanczosGMinusHalf;
  else z = y - lanczosGMinusHalf - absx;
  z = (z * lanczosG) / y;
  let r: number;
  if (x < 0.0) {
    r = ((-Math.PI / sinpi(absx) / absx) * libm.exp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140.0) r /= libm.pow(y, absx - 0.5);
    else {
      const sqrtpow = libm.pow(y, absx / 2.0 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / libm.exp(y);
    r += z * r;
    if (absx < 140.0) r *= libm.pow(y, absx - 0.5);
    else {
      const sqrtpow = libm.pow(y, absx / 2.0 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  return checked(x, r, true);
}

/** CPython's math.lgamma. */
export function lgamma(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  if (x === Math.floor(x) && x <= 2.0) {
    if (x <= 0.0) throw pyError('ValueError', 'math domain error');
    return 0.0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -libm.log(absx);
  let r = libm.log(lanczosSum(absx)) - lanczosG;
  r += (absx - 0.5) * (libm.log(absx + lanczosG - 0.5) - 1);
  if (x < 0.0) r = logPi - libm.log(Math.abs(sinpi(absx))) - libm.log(absx) - r;
  return checked(x, r, true);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let acc = 0.0;
  let fk = 25 + 0.5;
  for (let i = 0; i < 25; i++) {
    acc = 2.0 + (x2 * acc) / fk;
    fk -= 1.0;
  }
  return (acc * x * libm.exp(-x2)) / sqrtPi;
}

function erfcContfrac(x: number): number {
  if (x >= 30.0) return 0.0;
  const x2 = x * x;
  let a = 0.0;
  let da = 0.5;
  let p = 1.0;
  let pLast = 0.0;
  let q = da + x2;
  let qLast = 1.0;
  for (let i = 0; i < 50; i++) {
    a += da;
    da += 2.0;
    const b = da + x2;
    [p, pLast] = [b * p - a * pLast, p];
    [q, qLast] = [b * q - a * qLast, q];
  }
  return ((p / q) * x * libm.exp(-x2)) / sqrtPi;
}

/** CPython's math.erf. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) return erfSeries(x);
  const cf = erfcContfrac(absx);
  return x > 0.0 ? 1.0 - cf : cf - 1.0;
}

/** CPython's math.erfc. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) return 1.0 - erfSeries(x);
  const cf = erfcContfrac(absx);
  return x > 0.0 ? cf : 2.0 - cf;
}
