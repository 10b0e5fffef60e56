/**
 * CPython's exact float algorithms of the math module: hypot and dist's lossless scaled sum of
 * squares (vector_norm), fsum (Shewchuk's exact summation), pow and atan2 with C99's special
 * cases, nextafter, ulp and the IEEE 754 remainder.
 */
import * as libm from '../../../autograd/kernels/libm.js';
import {pyError} from '../errors.js';

/** The exact error of a·a (Dekker's product), as `fma(a, a, -a*a)`. */
function squareError(a: number, p: number): number {
  const c = 134217729 * a;
  const hi = c - (c - a);
  const lo = a - hi;
  return hi * hi - p + 2 * hi * lo + lo * lo;
}

/** CPython's vector_norm: hypot/dist, correctly rounded in practice. */
export function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
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
export function fsum(values: readonly number[]): number {
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

/** CPython's math.pow. */
export function pow(x: number, y: number): number {
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

/** CPython's math.atan2. */
export function atan2(y: number, x: number): number {
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
export function nextafter(x: number, y: number): number {
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
export function ulp(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax === Infinity) return ax;
  let next = nextafter(ax, Infinity);
  if (next === Infinity) next = nextafter(ax, -Infinity);
  return Math.abs(next - ax);
}

/** CPython's m_remainder: the IEEE 754 remainder, x − n·y with n the nearest integer to x/y. */
export function remainder(x: number, y: number): number {
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
