/**
 * Python's `math` module: constants, the libm functions with CPython's special cases and errors
 * ("math domain error", "math range error"), and CPython's own algorithms where it has them, ported
 * so the floats agree bit for bit: gamma and lgamma (Lanczos), erf/erfc (series and continued
 * fraction) in math-special.ts, hypot and dist (lossless scaled sum of squares), fsum (Shewchuk)
 * and the C99 special cases in math-float.ts, and exact integer
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
import {atan2, fsum, nextafter, pow, remainder, ulp, vectorNorm} from './math-float.js';
import {checked, erf, erfc, lgamma, tgamma} from './math-special.js';

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
