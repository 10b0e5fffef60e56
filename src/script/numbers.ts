/**
 * Python number arithmetic: int (bigint) and float (number) with Python's semantics — floor
 * division and modulo rounding toward -inf, true division of ints giving a float, int ** negative
 * int giving a float, and CPython's ZeroDivisionError and OverflowError messages.
 */
import * as libm from '../../autograd/kernels/libm.js';
import {pyError} from './errors.js';

/** A Python int, float or bool. */
export type PyNumber = bigint | number | boolean;

/** Is this value a Python number (bool included, as bool is an int in Python)? */
export function isNumber(v: unknown): v is PyNumber {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
}

/** A bool as the int it is in Python. */
export function asInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

/** An int or bool as a float, with CPython's OverflowError for ints beyond float range. */
export function toFloat(v: PyNumber): number {
  if (typeof v === 'number') return v;
  const n = Number(asInt(v));
  if (!Number.isFinite(n)) throw pyError('OverflowError', 'int too large to convert to float');
  return n;
}

/** Largest int result (in bits) the runner computes, so `10 ** 10 ** 9` fails instead of hanging. */
export const maxIntBits = 1_000_000;

function floorDivInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function modInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** CPython's float_divmod: the floor quotient and the modulo with the divisor's sign. */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

/** True division of two ints, correctly rounded for ints within 2^53. */
function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw pyError('ZeroDivisionError', 'division by zero');
  const limit = 2n ** 53n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  if (absA <= limit && absB <= limit) return Number(a) / Number(b);
  // Scale so the quotient keeps 64 significant bits, then let the float conversion round.
  const shift = BigInt(Math.max(0, 64 - (absA.toString(2).length - absB.toString(2).length)));
  const q = (absA << shift) / absB;
  const result = Number(q) / 2 ** Number(shift);
  if (!Number.isFinite(result)) {
    throw pyError('OverflowError', 'integer division result too large for a float');
  }
  return a < 0n !== b < 0n ? -result : result;
}

function floatPow(a: number, b: number): number {
  if (a === 0 && b < 0) {
    throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  }
  if (a < 0 && Number.isFinite(b) && !Number.isInteger(b) && Number.isFinite(a)) {
    throw pyError(
      'NotImplementedError',
      "complex numbers are not supported by grad-graph's Python subset",
    );
  }
  // Python's float pow follows C's pow for these special cases, where JS differs.
  if (a === 1 || b === 0) return 1;
  if (a === -1 && !Number.isFinite(b)) return 1;
  const r = libm.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) {
    throw pyError('OverflowError', "(34, 'Numerical result out of range')");
  }
  return r;
}

function intPow(a: bigint, b: bigint): bigint | number {
  if (b < 0n) return floatPow(toFloat(a), toFloat(b));
  if (a === 0n || a === 1n || b === 0n) return a ** b;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  const bits = (a < 0n ? -a : a).toString(2).length;
  if (BigInt(bits) * b > BigInt(maxIntBits)) {
    throw pyError(
      'MemoryError',
      `grad-graph: the result of ${a} ** ${b} would have more than ${maxIntBits} bits`,
    );
  }
  return a ** b;
}

/** Applies an arithmetic operator to two Python numbers; null if the operator does not apply. */
export function numberBinary(op: string, x: PyNumber, y: PyNumber): PyNumber | null {
  if (typeof x !== 'number' && typeof y !== 'number') {
    if (typeof x === 'boolean' && typeof y === 'boolean') {
      if (op === '&') return x && y;
      if (op === '|') return x || y;
      if (op === '^') return x !== y;
    }
    const a = asInt(x);
    const b = asInt(y);
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        if (BigInt(a.toString(2).length + b.toString(2).length) > BigInt(maxIntBits)) {
          throw pyError(
            'MemoryError',
            `grad-graph: an int product with more than ${maxIntBits} bits`,
          );
        }
        return a * b;
      case '/':
        return intTrueDiv(a, b);
      case '//':
        return floorDivInt(a, b);
      case '%':
        return modInt(a, b);
      case '**':
        return intPow(a, b);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        if (b < 0n) throw pyError('ValueError', 'negative shift count');
        if (b > BigInt(maxIntBits)) {
          throw pyError('MemoryError', `grad-graph: an int with more than ${maxIntBits} bits`);
        }
        return a << b;
      case '>>':
        if (b < 0n) throw pyError('ValueError', 'negative shift count');
        return a >> b;
      default:
        return null;
    }
  }
  if (op === '&' || op === '|' || op === '^' || op === '<<' || op === '>>' || op === '@') {
    return null;
  }
  const a = toFloat(x);
  const b = toFloat(y);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return a / b;
    case '//':
      if (b === 0) throw pyError('ZeroDivisionError', 'float floor division by zero');
      return floatDivmod(a, b)[0];
    case '%':
      if (b === 0) throw pyError('ZeroDivisionError', 'float modulo');
      return floatDivmod(a, b)[1];
    case '**':
      return floatPow(a, b);
    default:
      return null;
  }
}

/** Compares two Python numbers exactly (ints against floats too); NaN compares false. */
export function numberCompare(op: string, x: PyNumber, y: PyNumber): boolean {
  const a = typeof x === 'boolean' ? asInt(x) : x;
  const b = typeof y === 'boolean' ? asInt(y) : y;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return numberEquals(a, b);
    default:
      return !numberEquals(a, b);
  }
}

function numberEquals(a: bigint | number, b: bigint | number): boolean {
  if (typeof a === typeof b) return a === b;
  // A bigint equals a float only when the float is that exact integer.
  const f = typeof a === 'number' ? a : (b as number);
  const i = typeof a === 'bigint' ? a : (b as bigint);
  return Number.isInteger(f) && BigInt(f) === i;
}

/** `int(x)` of a float: truncation, with CPython's errors for inf and nan. */
export function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw pyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x))
    throw pyError('OverflowError', 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(x));
}

/** `round(x)` of a float: to the nearest int, ties to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The exact value of a finite float as a fraction `num / den` (den a power of two). */
function exactFraction(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  return e >= 0 ? [sign * (mantissa << BigInt(e)), 1n] : [sign * mantissa, 1n << BigInt(-e)];
}

function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const n = negative ? -num : num;
  let q = n / den;
  const r2 = (n % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** `round(x, ndigits)` of a float: rounds the exact binary value half to even, as CPython. */
export function roundFloat(x: number, ndigits: bigint): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 400n) return x;
  if (ndigits < -400n) return x < 0 ? -0 : 0;
  const [num, den] = exactFraction(x);
  let q: bigint;
  let text: string;
  if (ndigits >= 0n) {
    q = divRoundHalfEven(num * 10n ** ndigits, den);
    text = `${q}e-${ndigits}`;
  } else {
    q = divRoundHalfEven(num, den * 10n ** -ndigits);
    text = `${q}e${-ndigits}`;
  }
  const result = Number(text);
  if (!Number.isFinite(result))
    throw pyError('OverflowError', 'rounded value too large to represent');
  return q === 0n && x < 0 ? -0 : result;
}

/** `x` (finite, ≥ 0) with `precision` digits after the point, rounded half to even exactly. */
export function formatFixed(x: number, precision: number): string {
  const [num, den] = exactFraction(x);
  const q = divRoundHalfEven(num * 10n ** BigInt(precision), den);
  const digits = q.toString().padStart(precision + 1, '0');
  if (precision === 0) return digits;
  return `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

/** `x` (finite, > 0) as `precision + 1` significant digits and a decimal exponent, exactly rounded. */
export function formatScientific(x: number, precision: number): {digits: string; exponent: number} {
  const [num, den] = exactFraction(x);
  let exponent = Number(x.toExponential().split('e')[1]);
  for (;;) {
    const shift = precision - exponent;
    const q =
      shift >= 0
        ? divRoundHalfEven(num * 10n ** BigInt(shift), den)
        : divRoundHalfEven(num, den * 10n ** BigInt(-shift));
    const digits = q.toString();
    if (digits.length > precision + 1) {
      exponent++;
      continue;
    }
    if (digits.length < precision + 1 && q !== 0n) {
      exponent--;
      continue;
    }
    return {digits, exponent};
  }
}
