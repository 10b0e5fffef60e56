/**
 * The codec for numbers JSON cannot hold: NaN, ±Infinity, -0, and int64 beyond ±2^53.
 * Tensor elements become {@link EncodedNumber}s, op arguments {@link EncodedArg}s.
 */
import type {EncodedArg, EncodedNumber, SpecialNumber} from './schema.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The special floats as strings, or null for a number JSON keeps exactly. */
function special(x: number): SpecialNumber['special'] | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return null;
}

/** Encodes one tensor element; bigints (int64) outside ±2^53 become decimal strings. */
export function encodeNumber(x: number | bigint | boolean): EncodedNumber {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') {
    return x > MAX_SAFE || x < -MAX_SAFE ? x.toString() : Number(x);
  }
  return special(x) ?? x;
}

/** Decodes one tensor element to a double (int64 strings lose digits past 2^53, as a double must). */
export function decodeNumber(e: EncodedNumber): number {
  if (typeof e === 'number') return e;
  switch (e) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      return Number(e);
  }
}

/** Decodes one tensor element exactly: a bigint for an int64 string, else a double. */
export function decodeExact(e: EncodedNumber): number | bigint {
  return typeof e === 'string' && /^-?\d+$/.test(e) ? BigInt(e) : decodeNumber(e);
}

/** True when `s` is a string {@link EncodedNumber}: a special float or a decimal integer. */
export function isEncodedNumberString(s: string): boolean {
  return (
    s === 'NaN' || s === 'Infinity' || s === '-Infinity' || s === '-0' || /^-?\d{1,25}$/.test(s)
  );
}

/** The values an op argument may have before encoding (autograd's `OpArg`, plus nesting). */
export type PlainArg = number | boolean | string | null | readonly PlainArg[];

/** Encodes an op argument: special floats become `{special}`, everything else stays. */
export function encodeArg(a: PlainArg): EncodedArg {
  if (typeof a === 'number') {
    const s = special(a);
    return s === null ? a : {special: s};
  }
  if (Array.isArray(a)) return (a as readonly PlainArg[]).map(encodeArg);
  return a;
}

/** Decodes an op argument back to plain numbers. */
export function decodeArg(a: EncodedArg): PlainArg {
  if (a === null || typeof a !== 'object') return a;
  if (Array.isArray(a)) return (a as readonly EncodedArg[]).map(decodeArg);
  return decodeNumber((a as SpecialNumber).special);
}

/** The message of something thrown (an Error's message, a string as is). */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : Object.prototype.toString.call(e);
}
