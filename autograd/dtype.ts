/**
 * dtypes: the PyTorch dtypes autograd/ supports, their storage, PyTorch's type promotion, and the
 * conversions of values between them (C's integer wrapping, x86's float→int cast, float16
 * rounding).
 */
import {runtimeError} from './errors.js';

/**
 * A tensor's element type, by PyTorch's name without the `torch.` prefix: the floating dtypes
 * (float32, float64, float16), the integral ones (int64, int32, int16, int8, uint8) and bool.
 */
export type DType =
  'float32' | 'float64' | 'float16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** Every dtype, in the order of PyTorch's ScalarType (uint8 first). */
export const DTYPES: readonly DType[] = [
  'uint8',
  'int8',
  'int16',
  'int32',
  'int64',
  'float16',
  'float32',
  'float64',
  'bool',
];

/**
 * The typed array a dtype is stored in. int64 is stored in a Float64Array: exact for every
 * integer up to 2^53, which keeps one fast arithmetic path for all dtypes (PyTorch wraps at 2^63).
 * int32, int16, int8 and uint8 live in their own typed arrays, so a write wraps as C does.
 * float16 lives in a Float32Array whose values are all representable in half precision: every
 * op that makes a float16 result rounds it (`roundHalf`), as PyTorch computes half ops in float.
 */
export type Storage =
  Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** A Python scalar: bigint is a Python int, number a Python float, boolean a Python bool. */
export type Scalar = number | bigint | boolean;

/** Allocates zeroed storage for `n` elements of a dtype. */
export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case 'float32':
    case 'float16':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'uint8':
    case 'bool':
      return new Uint8Array(n);
  }
}

/** Whether a dtype is a floating-point dtype (the only ones that can require grad). */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16';
}

/** Whether a dtype is an integer dtype (bool excluded, as `is_integral(include_bool=False)`). */
export function isIntegral(dtype: DType): boolean {
  return !isFloating(dtype) && dtype !== 'bool';
}

/** `element_size()`: bytes per element. */
export function elementSize(dtype: DType): number {
  switch (dtype) {
    case 'float64':
    case 'int64':
      return 8;
    case 'float32':
    case 'int32':
      return 4;
    case 'float16':
    case 'int16':
      return 2;
    default:
      return 1;
  }
}

/** The bit width and signedness of the integer dtypes stored in their own typed arrays. */
const SMALL_INTS: Partial<Record<DType, {bits: number; signed: boolean}>> = {
  int32: {bits: 32, signed: true},
  int16: {bits: 16, signed: true},
  int8: {bits: 8, signed: true},
  uint8: {bits: 8, signed: false},
};

/** Type categories in promotion order: bool < integral < floating. */
function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : isFloating(dtype) ? 2 : 1;
}

const FLOAT_BITS: Partial<Record<DType, number>> = {float16: 16, float32: 32, float64: 64};
const INT_BITS: Partial<Record<DType, number>> = {int8: 8, int16: 16, int32: 32, int64: 64};

/**
 * `torch.promote_types` (c10's promotion table): bool yields to anything, a float beats any
 * integer, the wider float or signed integer wins, and uint8 with int8 meets at int16.
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b || b === 'bool') return a;
  if (a === 'bool') return b;
  const fa = FLOAT_BITS[a];
  const fb = FLOAT_BITS[b];
  if (fa !== undefined || fb !== undefined) return (fa ?? 0) >= (fb ?? 0) ? a : b;
  if (a === 'uint8') return b === 'int8' ? 'int16' : b;
  if (b === 'uint8') return a === 'int8' ? 'int16' : a;
  return (INT_BITS[a] ?? 0) >= (INT_BITS[b] ?? 0) ? a : b;
}

/** The dtype PyTorch gives a Python scalar taking part in an op (a float becomes the default dtype). */
export function scalarDType(value: Scalar): DType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int64';
  return 'float32';
}

/** The dtype `torch.tensor(value)` infers for a Python scalar. */
export function inferredDType(value: Scalar): DType {
  return scalarDType(value);
}

/**
 * PyTorch's `combine_categories`: a lower-priority participant (0-dim tensor or Python scalar)
 * only changes the result when it is of a higher category.
 */
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

/** One participant of `torch.result_type`: a tensor's dtype and dim, or a Python scalar. */
export type Operand = {readonly dtype: DType; readonly dim: number} | Scalar;

/** `torch.result_type`: dimensioned tensors first, then 0-dim tensors, then Python scalars. */
export function resultType(operands: readonly Operand[]): DType {
  let dimResult: DType | null = null;
  let zeroResult: DType | null = null;
  let wrappedResult: DType | null = null;
  for (const o of operands) {
    if (typeof o === 'object') {
      if (o.dim > 0) dimResult = dimResult === null ? o.dtype : promoteTypes(dimResult, o.dtype);
      else zeroResult = zeroResult === null ? o.dtype : promoteTypes(zeroResult, o.dtype);
    } else {
      const d = scalarDType(o);
      wrappedResult = wrappedResult === null ? d : promoteTypes(wrappedResult, d);
    }
  }
  return combine(dimResult, combine(zeroResult, wrappedResult)) ?? 'float32';
}

/** Whether a value of dtype `from` may be written into a tensor of dtype `to` (`can_cast`). */
export function canCast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}

const NAMES: Record<DType, {legacy: string; scalar: string; cType: string}> = {
  float32: {legacy: 'FloatTensor', scalar: 'Float', cType: 'float'},
  float64: {legacy: 'DoubleTensor', scalar: 'Double', cType: 'double'},
  float16: {legacy: 'HalfTensor', scalar: 'Half', cType: 'at::Half'},
  int64: {legacy: 'LongTensor', scalar: 'Long', cType: 'int64_t'},
  int32: {legacy: 'IntTensor', scalar: 'Int', cType: 'int'},
  int16: {legacy: 'ShortTensor', scalar: 'Short', cType: 'int16_t'},
  int8: {legacy: 'CharTensor', scalar: 'Char', cType: 'int8_t'},
  uint8: {legacy: 'ByteTensor', scalar: 'Byte', cType: 'uint8_t'},
  bool: {legacy: 'BoolTensor', scalar: 'Bool', cType: 'bool'},
};

/** PyTorch's legacy type names, used in error messages and `.type()` (`torch.FloatTensor`). */
export function legacyTypeName(dtype: DType): string {
  return `torch.${NAMES[dtype].legacy}`;
}

/** PyTorch's scalar type names, used in some error messages (`Float`, `Long`). */
export function scalarTypeName(dtype: DType): string {
  return NAMES[dtype].scalar;
}

/** `repr(torch.float32)`: `torch.float32`. */
export function dtypeRepr(dtype: DType): string {
  return `torch.${dtype}`;
}

const HALF_MAX = 65504;

/** The range c10's `overflows` accepts for an integer dtype (unsigned ones also take -max..-1). */
function intRange(dtype: DType): [number, number] {
  const small = SMALL_INTS[dtype];
  if (small === undefined) return [-(2 ** 63), 2 ** 63];
  if (!small.signed) return [-(2 ** small.bits - 1), 2 ** small.bits - 1];
  return [-(2 ** (small.bits - 1)), 2 ** (small.bits - 1) - 1];
}

/**
 * PyTorch's checked conversion of a Python scalar into a dtype (`c10::checked_convert`, used by
 * `full`, `fill_` and `tensor`): the message when it overflows, else null. `full`/`fill_` name
 * the C type ("int64_t", "int", "at::Half") and check floats too (a finite value past float32's
 * or half's largest); `tensor` names the dtype ("int64", "int8") and checks integer dtypes only.
 */
export function conversionOverflow(
  value: Scalar,
  dtype: DType,
  style: 'fill' | 'tensor',
): string | null {
  if (typeof value === 'boolean' || dtype === 'bool' || dtype === 'float64') return null;
  const n = Number(value);
  let overflows: boolean;
  if (isFloating(dtype)) {
    const max = dtype === 'float16' ? HALF_MAX : 3.4028234663852886e38;
    overflows =
      style === 'fill' && typeof value === 'number' && Number.isFinite(n) && Math.abs(n) > max;
  } else {
    const [low, high] = intRange(dtype);
    // int64: a float past 2^63 (or nan/inf); Python ints past int64 fail earlier, when unpacked.
    overflows =
      dtype === 'int64'
        ? typeof value === 'number' && !(n >= low && n <= high)
        : !(n >= low && n <= high);
  }
  if (!overflows) return null;
  const name = style === 'fill' ? NAMES[dtype].cType : dtype;
  return `value cannot be converted to type ${name} without overflow`;
}

const f64 = new Float64Array(1);
const f64Bits = new Uint32Array(f64.buffer);

/**
 * Rounds a number to the nearest float16 value, ties to even, through float32 first as
 * `c10::Half(float)` is reached from a double (so a double is rounded twice, as in PyTorch).
 * Past 65520 (half of the last ulp above 65504) it is ±inf; below 2^-14 it is a subnormal,
 * a multiple of 2^-24.
 */
export function roundHalf(value: number): number {
  const x = Math.fround(value);
  if (x !== x || x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  if (a >= 65520) return x > 0 ? Infinity : -Infinity;
  f64[0] = a;
  const exponent = Math.max(((f64Bits[1] ?? 0) >>> 20) - 1023, -14);
  const quantum = 2 ** (exponent - 10);
  const r = a / quantum;
  const floor = Math.floor(r);
  const rest = r - floor;
  const q = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  const rounded = q * quantum;
  return x < 0 ? -rounded : rounded;
}

/** Rounds every element of float16 storage (held in a Float32Array) to half precision. */
export function roundHalfStorage(data: Storage): void {
  for (let i = 0; i < data.length; i++) data[i] = roundHalf(data[i] ?? 0);
}

/**
 * A float converted to an integer dtype as PyTorch's x86 build does: truncated to a 32-bit
 * integer (nan, ±inf and values outside int32 become INT32_MIN, cvttss2si's "integer
 * indefinite"), then wrapped to the dtype's width. int64 truncates to 64 bits the same way.
 */
function floatToInt(n: number, dtype: DType): number {
  if (dtype === 'int64')
    return Number.isFinite(n) && Math.abs(n) < 2 ** 63 ? Math.trunc(n) + 0 : -(2 ** 63);
  const t = n >= -(2 ** 31) && n < 2 ** 31 ? Math.trunc(n) : -(2 ** 31);
  return wrapInt(t, dtype);
}

/** An integer wrapped to a small integer dtype's width (two's complement, as C converts). */
function wrapInt(n: number, dtype: DType): number {
  switch (dtype) {
    case 'int32':
      return n | 0;
    case 'int16':
      return (n << 16) >> 16;
    case 'int8':
      return (n << 24) >> 24;
    case 'uint8':
      return n & 255;
    default:
      return n;
  }
}

/**
 * Converts a Python scalar to the number stored for a dtype: bool → 0/1; a Python int wraps to
 * an integer dtype's width; a float truncates as PyTorch's cast does (`floatToInt`); float16
 * rounds to half precision.
 */
export function toStored(value: Scalar, dtype: DType): number {
  if (dtype === 'bool') return Number(value) !== 0 ? 1 : 0;
  if (isFloating(dtype)) {
    const n = Number(value);
    return dtype === 'float16' ? roundHalf(n) : n;
  }
  if (typeof value === 'number') return floatToInt(value, dtype);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const small = SMALL_INTS[dtype];
  if (small === undefined) return Number(value);
  return Number(
    small.signed ? BigInt.asIntN(small.bits, value) : BigInt.asUintN(small.bits, value),
  );
}

/**
 * A stored value of dtype `from` converted to dtype `to` (a cast's element conversion): floats
 * to integers as `floatToInt`, integers wrapped to a narrower integer's width (C's conversion).
 */
export function castValue(value: number, from: DType, to: DType): number {
  if (to === 'bool') return value !== 0 ? 1 : 0;
  if (to === 'float16') return roundHalf(value);
  if (isFloating(to)) return value;
  return isFloating(from) ? floatToInt(value, to) : wrapInt(value, to);
}

/**
 * PyTorch 1.13's CPU build has no float16 kernel for many ops (exp, relu, matmul, softmax, …):
 * for a float16 operand, its RuntimeError naming the kernel, as `"exp_vml_cpu" not implemented
 * for 'Half'`. Other dtypes pass.
 */
export function refuseHalf(dtype: DType, kernel: string): void {
  if (dtype === 'float16') throw runtimeError(`"${kernel}" not implemented for 'Half'`);
}
