/**
 * Python's `math` module: constants, the libm functions with CPython's special cases and errors
 * ("math domain error", "math range error"), and CPython's own algorithms where it has them, ported
 * so the floats agree bit for bit: gamma and lgamma (Lanczos), erf/erfc (series and continued
 * fraction), hypot and dist (lossless scaled sum of squares), fsum (Shewchuk), and exact integer
 * functions (factorial, comb, perm, gcd, lcm, isqrt). The libm functions are glibc's results
 * (autograd/kernels/libm.ts) where V8's Math differs from glibc; expm1, log1p, tanh, the inverse
 * hyperbolic functions and cbrt use Math.
 */
import * as libm from '../../../autograd/kernels/libm.js';
import {Tensor} from '../../../autograd/tensor.js';
import {argCount} from '../check.js';
import {pyError} from '../errors.js';
import {itemsOf} from '../iterators.js';
import {floatToInt} from '../numbers.js';
import {binaryOp, iterate} from '../operators.js';
import {typeName} from '../repr.js';
import {tensorToFloat} from '../torch/operators.js';
import {PyCallable, PyModule, PyTuple, type Kwargs} from '../values.js';

/** A float argument: float, int, bool or a one-element tensor; else `must be real number`. */
export function toReal(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (!Number.isFinite(n)) throw pyError('OverflowError', 'int too large to convert to float');
    return n;
  }
  if (v instanceof Tensor) return tensorToFloat(v);
  throw pyError('TypeError', `must be real number, not ${typeName(v)}`);
}

function toInteger(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** CPython's math_1: a NaN from a non-NaN is a domain error, an infinity from a finite value a
 * range error (if the function can overflow) or a domain error. */
function checked(x: number, r: number, canOverflow: boolean): number {
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

function tgamma(x: number): number {
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

function lgamma(x: number): number {
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

function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) return erfSeries(x);
  const cf = erfcContfrac(absx);
  return x > 0.0 ? 1.0 - cf : cf - 1.0;
}

function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) return 1.0 - erfSeries(x);
  const cf = erfcContfrac(absx);
  return x > 0.0 ? cf : 2.0 - cf;
}

/** The exact error of a·a (Dekker's product), as `fma(a, a, -a*a)`. */
function squareError(a: number, p: number): number {
  const c = 134217729 * a;
  const hi = c - (c - a);
  const lo = a - hi;
  return hi * hi - p + 2 * hi * lo + lo * lo;
}

/** CPython's vector_norm: hypot/dist, correctly rounded in practice. */
function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
  if (!Number.isFinite(max) && !Number.isNaN(max)) return max;
  if (foundNan) return NaN;
  if (max === 0 || vec.length <= 1) return max;
  const maxE = Math.floor(Math.log2(max)) + 1;
  let exponent = maxE;
  // frexp's exponent: max = m·2^e with 0.5 <= m < 1.
  while (max * 2 ** -exponent >= 1) exponent++;
  while (max * 2 ** -exponent < 0.5) exponent--;
  if (exponent < -1023) {
    const dblMin = 2.2250738585072014e-308;
    return (
      dblMin *
      vectorNorm(
        vec.map((v) => v / dblMin),
        max / dblMin,
        false,
      )
    );
  }
  const scale = 2 ** -exponent;
  let csum = 1.0;
  let frac1 = 0.0;
  let frac2 = 0.0;
  for (const v of vec) {
    const x = v * scale;
    const hi = x * x;
    const lo = squareError(x, hi);
    const s = csum + hi;
    frac2 += csum - s + hi;
    csum = s;
    frac1 += lo;
  }
  let h = Math.sqrt(csum - 1.0 + (frac1 + frac2));
  const phi = -h * h;
  const plo = -squareError(h, h * h);
  const s = csum + phi;
  frac2 += csum - s + phi;
  csum = s;
  frac1 += plo;
  const x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

/** Shewchuk's exact summation, as CPython's math.fsum (with its overflow handling). */
function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  let specialSum = 0.0;
  let infSum = 0.0;
  for (let x of values) {
    const xsave = x;
    let i = 0;
    for (const yy of partials) {
      let y = yy;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0.0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    if (x !== 0.0) {
      if (!Number.isFinite(x)) {
        if (Number.isFinite(xsave)) throw pyError('OverflowError', 'intermediate overflow in fsum');
        if (!Number.isFinite(xsave) && !Number.isNaN(xsave)) infSum += xsave;
        specialSum += xsave;
        partials.length = 0;
      } else partials.push(x);
    }
  }
  if (specialSum !== 0.0) {
    if (Number.isNaN(infSum)) throw pyError('ValueError', '-inf + inf in fsum');
    return specialSum;
  }
  let hi = 0.0;
  let n = partials.length;
  if (n > 0) {
    hi = partials[--n] ?? 0;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n] ?? 0;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0.0) break;
    }
    if (
      n > 0 &&
      ((lo < 0.0 && (partials[n - 1] ?? 0) < 0.0) || (lo > 0.0 && (partials[n - 1] ?? 0) > 0.0))
    ) {
      const y = lo * 2.0;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

function bigLog(v: unknown): number {
  // log of an int too large for a float: log(m·2^k) = log(m) + k·log(2).
  if (typeof v === 'bigint' && v > 0n && !Number.isFinite(Number(v))) {
    // CPython's loghelper: v = m·2^e with m rounded to 53 bits, log(m) + log(2)·e.
    const e = v.toString(2).length;
    const shift = BigInt(e - 55);
    const sticky = v & ((1n << shift) - 1n) ? 1n : 0n;
    const m = Number((v >> shift) | sticky) / 2 ** 55;
    return libm.log(m) + libm.log(2.0) * e;
  }
  const x = toReal(v);
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x <= 0) throw pyError('ValueError', 'math domain error');
  return libm.log(x);
}

function factorial(n: bigint): bigint {
  let f = 1n;
  for (let i = 2n; i <= n; i++) f *= i;
  return f;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

function isqrt(n: bigint): bigint {
  if (n < 0n) throw pyError('ValueError', 'isqrt() argument must be nonnegative');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function toIntegral(x: number, round: (v: number) => number): bigint {
  return floatToInt(round(x));
}

type Fn = (args: readonly unknown[], kwargs: Kwargs) => unknown;

function unary(name: string, f: (x: number) => number, canOverflow = false): [string, Fn] {
  return [
    name,
    (args, kwargs) => {
      if (kwargs.size) throw pyError('TypeError', `math.${name}() takes no keyword arguments`);
      argCount(`math.${name}`, args, 1, 1);
      const x = toReal(args[0]);
      return checked(x, f(x), canOverflow);
    },
  ];
}

function binary(name: string, f: (x: number, y: number) => number): [string, Fn] {
  return [
    name,
    (args, kwargs) => {
      if (kwargs.size) throw pyError('TypeError', `math.${name}() takes no keyword arguments`);
      if (args.length !== 2) {
        throw pyError('TypeError', `${name} expected 2 arguments, got ${args.length}`);
      }
      return f(toReal(args[0]), toReal(args[1]));
    },
  ];
}

function pow(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return x === 1 || y === 0 ? 1 : NaN;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (Math.abs(x) === 1 && !Number.isFinite(y)) return 1;
    return libm.pow(x, y);
  }
  if (x === 0 && y < 0) throw pyError('ValueError', 'math domain error');
  const r = libm.pow(x, y);
  if (Number.isNaN(r)) throw pyError('ValueError', 'math domain error');
  if (!Number.isFinite(r)) throw pyError('OverflowError', 'math range error');
  return r;
}

function atan2(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  const sign = (v: number) => (v < 0 || Object.is(v, -0) ? -1 : 1);
  if (!Number.isFinite(y)) {
    if (!Number.isFinite(x)) return sign(y) * (sign(x) === 1 ? 0.25 : 0.75) * Math.PI;
    return sign(y) * 0.5 * Math.PI;
  }
  if (!Number.isFinite(x) || y === 0) {
    return sign(x) === 1 ? sign(y) * 0 : sign(y) * Math.PI;
  }
  return libm.atan2(y, x);
}

/** C's nextafter: the next double after x toward y. */
function nextafter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x < y === x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** CPython's math.ulp. */
function ulp(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax === Infinity) return ax;
  let next = nextafter(ax, Infinity);
  if (next === Infinity) next = nextafter(ax, -Infinity);
  return Math.abs(next - ax);
}

/** CPython's m_remainder: the IEEE 754 remainder, x − n·y with n the nearest integer to x/y. */
function remainder(x: number, y: number): number {
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return y;
  if (!Number.isFinite(x) || y === 0) throw pyError('ValueError', 'math domain error');
  if (!Number.isFinite(y)) return x;
  const absx = Math.abs(x);
  const absy = Math.abs(y);
  const m = absx % absy;
  const c = absy - m;
  let r: number;
  if (m < c) r = m;
  else if (m > c) r = -c;
  else r = m - 2.0 * ((0.5 * (absx - m)) % absy);
  return (x < 0 || Object.is(x, -0) ? -1 : 1) * r;
}

const functions: [string, Fn][] = [
  unary('sqrt', Math.sqrt),
  unary('exp', libm.exp, true),
  unary('exp2', libm.exp2, true),
  unary('expm1', Math.expm1, true),
  unary('log2', libm.log2),
  unary('log10', libm.log10),
  unary('log1p', Math.log1p),
  unary('sin', libm.sin),
  unary('cos', libm.cos),
  unary('tan', libm.tan),
  unary('asin', libm.asin),
  unary('acos', libm.acos),
  unary('atan', libm.atan),
  unary('sinh', libm.sinh, true),
  unary('cosh', libm.cosh, true),
  unary('tanh', Math.tanh),
  unary('asinh', Math.asinh),
  unary('acosh', Math.acosh),
  unary('atanh', Math.atanh),
  unary('cbrt', Math.cbrt),
  unary('fabs', Math.abs),
  unary('erf', erf),
  unary('erfc', erfc),
  unary('gamma', tgamma, true),
  unary('lgamma', lgamma, true),
  unary('degrees', (x) => x * (180.0 / Math.PI)),
  unary('radians', (x) => x * (Math.PI / 180.0)),
  binary('pow', pow),
  binary('atan2', atan2),
  binary('nextafter', nextafter),
  binary('remainder', remainder),
  unary('ulp', ulp),
  binary('copysign', (x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
  binary('fmod', (x, y) => {
    if (y === 0 && !Number.isNaN(x)) throw pyError('ValueError', 'math domain error');
    if (!Number.isFinite(x) && !Number.isNaN(x)) throw pyError('ValueError', 'math domain error');
    return x % y;
  }),
  binary('ldexp', (x, e) => checked(x, x * 2 ** e, true)),
  [
    'log',
    (args, kwargs) => {
      if (kwargs.size) throw pyError('TypeError', 'math.log() takes no keyword arguments');
      if (args.length < 1 || args.length > 2) {
        throw pyError(
          'TypeError',
          `log expected ${args.length < 1 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${args.length}`,
        );
      }
      const num = bigLog(args[0]);
      if (args.length === 1) return num;
      const den = bigLog(args[1]);
      if (den === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return num / den;
    },
  ],
  [
    'floor',
    (args) => {
      argCount('math.floor', args, 1, 1);
      const v = args[0];
      if (typeof v === 'bigint' || typeof v === 'boolean') return toInteger(v);
      return toIntegral(toReal(v), Math.floor);
    },
  ],
  [
    'ceil',
    (args) => {
      argCount('math.ceil', args, 1, 1);
      const v = args[0];
      if (typeof v === 'bigint' || typeof v === 'boolean') return toInteger(v);
      return toIntegral(toReal(v), Math.ceil);
    },
  ],
  [
    'trunc',
    (args) => {
      argCount('math.trunc', args, 1, 1);
      const v = args[0];
      if (typeof v === 'bigint' || typeof v === 'boolean') return toInteger(v);
      if (typeof v !== 'number' && !(v instanceof Tensor)) {
        throw pyError('TypeError', `type ${typeName(v)} doesn't define __trunc__ method`);
      }
      return toIntegral(toReal(v), Math.trunc);
    },
  ],
  [
    'isnan',
    (args) => {
      argCount('math.isnan', args, 1, 1);
      return Number.isNaN(toReal(args[0]));
    },
  ],
  [
    'isinf',
    (args) => {
      argCount('math.isinf', args, 1, 1);
      const x = toReal(args[0]);
      return !Number.isFinite(x) && !Number.isNaN(x);
    },
  ],
  [
    'isfinite',
    (args) => {
      argCount('math.isfinite', args, 1, 1);
      return Number.isFinite(toReal(args[0]));
    },
  ],
  [
    'isclose',
    (args, kwargs) => {
      if (args.length !== 2) {
        throw pyError(
          'TypeError',
          `isclose() takes exactly 2 positional arguments (${args.length} given)`,
        );
      }
      const a = toReal(args[0]);
      const b = toReal(args[1]);
      const rel = kwargs.has('rel_tol') ? toReal(kwargs.get('rel_tol')) : 1e-9;
      const abs = kwargs.has('abs_tol') ? toReal(kwargs.get('abs_tol')) : 0.0;
      if (rel < 0 || abs < 0) throw pyError('ValueError', 'tolerances must be non-negative');
      if (a === b) return true;
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      const diff = Math.abs(b - a);
      return diff <= Math.abs(rel * b) || diff <= Math.abs(rel * a) || diff <= abs;
    },
  ],
  [
    'factorial',
    (args) => {
      argCount('math.factorial', args, 1, 1);
      const n = toInteger(args[0]);
      if (n < 0n) throw pyError('ValueError', 'factorial() not defined for negative values');
      return factorial(n);
    },
  ],
  [
    'comb',
    (args) => {
      if (args.length !== 2)
        throw pyError('TypeError', `comb expected 2 arguments, got ${args.length}`);
      const n = toInteger(args[0]);
      const k = toInteger(args[1]);
      if (n < 0n) throw pyError('ValueError', 'n must be a non-negative integer');
      if (k < 0n) throw pyError('ValueError', 'k must be a non-negative integer');
      if (k > n) return 0n;
      let r = 1n;
      const kk = k < n - k ? k : n - k;
      for (let i = 1n; i <= kk; i++) r = (r * (n - kk + i)) / i;
      return r;
    },
  ],
  [
    'perm',
    (args) => {
      if (args.length < 1 || args.length > 2) {
        throw pyError('TypeError', `perm expected at most 2 arguments, got ${args.length}`);
      }
      const n = toInteger(args[0]);
      const k = args.length > 1 && args[1] !== null ? toInteger(args[1]) : n;
      if (n < 0n) throw pyError('ValueError', 'n must be a non-negative integer');
      if (k < 0n) throw pyError('ValueError', 'k must be a non-negative integer');
      if (k > n) return 0n;
      let r = 1n;
      for (let i = n - k + 1n; i <= n; i++) r *= i;
      return r;
    },
  ],
  ['gcd', (args) => args.map(toInteger).reduce(gcd, 0n)],
  [
    'lcm',
    (args) =>
      args.map(toInteger).reduce((a, b) => {
        if (a === 0n || b === 0n) return 0n;
        const l = (a * b) / gcd(a, b);
        return l < 0n ? -l : l;
      }, 1n),
  ],
  ['isqrt', (args) => isqrt(toInteger(args[0]))],
  [
    'prod',
    (args, kwargs) => {
      argCount('prod', args, 1, 1);
      let total: unknown = kwargs.has('start') ? kwargs.get('start') : 1n;
      for (const item of itemsOf(args[0])) total = binaryOp('*', total, item);
      return total;
    },
  ],
  ['fsum', (args) => fsum(iterate(args[0]).map(toReal))],
  [
    'hypot',
    (args) => {
      const vec = args.map((a) => Math.abs(toReal(a)));
      return vectorNorm(
        vec,
        vec.reduce((m, v) => (v > m ? v : m), 0),
        vec.some(Number.isNaN),
      );
    },
  ],
  [
    'dist',
    (args) => {
      if (args.length !== 2)
        throw pyError('TypeError', `dist expected 2 arguments, got ${args.length}`);
      const p = iterate(args[0]).map(toReal);
      const q = iterate(args[1]).map(toReal);
      if (p.length !== q.length) {
        throw pyError('ValueError', 'both points must have the same number of dimensions');
      }
      const vec = p.map((x, i) => Math.abs(x - (q[i] ?? 0)));
      return vectorNorm(
        vec,
        vec.reduce((m, v) => (v > m ? v : m), 0),
        vec.some(Number.isNaN),
      );
    },
  ],
  [
    'modf',
    (args) => {
      const x = toReal(args[0]);
      if (!Number.isFinite(x)) return new PyTuple([Number.isNaN(x) ? x : x > 0 ? 0.0 : -0.0, x]);
      const i = Math.trunc(x);
      return new PyTuple([x - i === 0 ? (x < 0 ? -0 : 0) : x - i, i]);
    },
  ],
  [
    'frexp',
    (args) => {
      const x = toReal(args[0]);
      if (x === 0 || !Number.isFinite(x)) return new PyTuple([x, 0n]);
      let e = Math.floor(Math.log2(Math.abs(x))) + 1;
      while (Math.abs(x) * 2 ** -e >= 1) e++;
      while (Math.abs(x) * 2 ** -e < 0.5) e--;
      return new PyTuple([x * 2 ** -e, BigInt(e)]);
    },
  ],
];

/** A fresh `math` module. */
export function makeMathModule(): PyModule {
  const attrs = new Map<string, unknown>([
    ['pi', Math.PI],
    ['e', Math.E],
    ['tau', 2 * Math.PI],
    ['inf', Infinity],
    ['nan', NaN],
  ]);
  for (const [name, f] of functions) {
    attrs.set(name, new PyCallable(name, (args, kwargs) => f(args, kwargs), {kind: 'builtin'}));
  }
  return new PyModule('math', attrs, '(built-in)');
}
