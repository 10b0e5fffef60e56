/**
 * dtypes: the four PyTorch dtypes autograd/ supports, their storage, and PyTorch's type promotion.
 */

/** A tensor's element type, by PyTorch's name without the `torch.` prefix. */
export type DType = 'float32' | 'float64' | 'int64' | 'bool';

/**
 * The typed array a dtype is stored in. int64 is stored in a Float64Array: exact for every
 * integer up to 2^53, which keeps one fast arithmetic path for all dtypes (PyTorch wraps at 2^63).
 */
export type Storage = Float32Array | Float64Array | Uint8Array;

/** A Python scalar: bigint is a Python int, number a Python float, boolean a Python bool. */
export type Scalar = number | bigint | boolean;

/** Allocates zeroed storage for `n` elements of a dtype. */
export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

/** Whether a dtype is a floating-point dtype (the only ones that can require grad). */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** Type categories in promotion order: bool < integral < floating. */
function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : dtype === 'int64' ? 1 : 2;
}

const ORDER: readonly DType[] = ['bool', 'int64', 'float32', 'float64'];

/** `torch.promote_types` for our dtypes: they form a chain, so the larger one wins. */
export function promoteTypes(a: DType, b: DType): DType {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
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

/** PyTorch's legacy type names, used in error messages (`torch.FloatTensor`). */
export function legacyTypeName(dtype: DType): string {
  switch (dtype) {
    case 'float32':
      return 'torch.FloatTensor';
    case 'float64':
      return 'torch.DoubleTensor';
    case 'int64':
      return 'torch.LongTensor';
    case 'bool':
      return 'torch.BoolTensor';
  }
}

/** PyTorch's scalar type names, used in some error messages (`Float`, `Long`). */
export function scalarTypeName(dtype: DType): string {
  switch (dtype) {
    case 'float32':
      return 'Float';
    case 'float64':
      return 'Double';
    case 'int64':
      return 'Long';
    case 'bool':
      return 'Bool';
  }
}

/** `repr(torch.float32)`: `torch.float32`. */
export function dtypeRepr(dtype: DType): string {
  return `torch.${dtype}`;
}

/**
 * PyTorch's checked conversion of a Python float into a dtype (`c10::checked_convert`, used by
 * `full`, `fill_` and `tensor`): the message when it overflows — NaN, ±inf or past the range
 * for int64, a finite value past float32's largest for float32 — else null. `name` is how the
 * calling function names the type ("int64_t" in `full`/`fill_`, "int64" in `tensor`).
 */
export function conversionOverflow(value: Scalar, dtype: DType, name: string): string | null {
  if (typeof value !== 'number') return null;
  const overflows =
    dtype === 'int64'
      ? !(value >= -(2 ** 63) && value <= 2 ** 63)
      : dtype === 'float32' && Number.isFinite(value) && Math.abs(value) > 3.4028234663852886e38;
  return overflows ? `value cannot be converted to type ${name} without overflow` : null;
}

/** Converts a Python scalar to the number stored for a dtype (bool → 0/1, int64 truncated). */
export function toStored(value: Scalar, dtype: DType): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (dtype === 'bool') return n !== 0 ? 1 : 0;
  // nan, ±inf and values past int64 become INT64_MIN, as PyTorch's cast on x86 gives (a NaN
  // stored in an int64 tensor crashed printing and tracing; found by fuzz). `+ 0` turns -0
  // into 0: integers have no negative zero.
  if (dtype === 'int64')
    return Number.isFinite(n) && Math.abs(n) < 2 ** 63 ? Math.trunc(n) + 0 : -(2 ** 63);
  return n;
}
