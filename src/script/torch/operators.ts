/**
 * Python operators on tensors, as PyTorch's `Tensor.__add__` and friends define them: each maps onto
 * the op that declares it (autograd's `operators`: `x + 2` → add, `2 - x` → rsub, `x += y` →
 * add_), and Python's conversions of a tensor (`bool`, `float`, `int`, `len`, iteration).
 */
import {isIntegral, operators, Tensor} from '../../../autograd/index.js';
import type {Scalar} from '../../../autograd/index.js';
import {pyError} from '../errors.js';
import {typeName} from '../repr.js';

/** A Python number as autograd/'s Scalar (the same JS values: bigint, number, boolean). */
export function isScalar(v: unknown): v is Scalar {
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
}

function unsupported(op: string, a: unknown, b: unknown): never {
  const shown = op === '**' ? '** or pow()' : op;
  throw pyError(
    'TypeError',
    `unsupported operand type(s) for ${shown}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

function notSupported(what: string): never {
  throw pyError('NotImplementedError', `${what} is not supported by grad-graph yet`);
}

/** `a op b` (or `a op= b` when `inPlace`) where at least one side is a tensor. */
export function tensorBinary(op: string, a: unknown, b: unknown, inPlace: boolean): unknown {
  const binding = operators.get(op);
  if (a instanceof Tensor) {
    if (!(b instanceof Tensor) && !isScalar(b)) {
      if (inPlace) unsupported(`${op}=`, a, b);
      unsupported(op, a, b);
    }
    if (inPlace && binding?.inPlace) return binding.inPlace(a, b);
    if (!binding?.binary || (binding.tensorOnly && !(b instanceof Tensor))) {
      return unsupported(op, a, b);
    }
    return binding.binary(a, b);
  }
  const t = b as Tensor;
  if (typeof a === 'string' && op === '+') {
    throw pyError('TypeError', `can only concatenate str (not "Tensor") to str`);
  }
  if (!isScalar(a) || !binding?.reflected) return unsupported(op, a, b);
  return binding.reflected(t, a);
}

/** `-t`, `+t`, `~t`, `abs(t)`. */
export function tensorUnary(op: string, t: Tensor): unknown {
  if (op === '+') return t;
  const unary = operators.get(op)?.unary;
  return unary ? unary(t) : notSupported('the bitwise operator ~ on tensors');
}

/** `2 < x` is `x > 2`: Python falls back to the tensor's reflected comparison. */
const reflected: Readonly<Record<string, string>> = {
  '>': '<',
  '>=': '<=',
  '<': '>',
  '<=': '>=',
  '==': '==',
  '!=': '!=',
};

/** `a op b` comparisons with a tensor: elementwise, giving a bool tensor. */
export function tensorCompare(op: string, a: unknown, b: unknown): unknown {
  const [t, other, o] = a instanceof Tensor ? [a, b, op] : [b as Tensor, a, reflected[op] ?? op];
  const compare = reflected[o] === undefined ? undefined : operators.get(o)?.binary;
  if (!compare) return notSupported(`the comparison ${op} on tensors`);
  if (other instanceof Tensor || isScalar(other)) return compare(t, other);
  if (op === '==' || op === '!=') return op === '!=';
  throw pyError(
    'TypeError',
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** `element in t`: PyTorch's `(element == t).any()`. */
export function tensorContains(t: Tensor, item: unknown): boolean {
  if (!(item instanceof Tensor) && !isScalar(item)) {
    throw pyError(
      'RuntimeError',
      `Tensor.__contains__ only supports Tensor or scalar, but you passed in a ${typeName(item)}.`,
    );
  }
  const eq = t.eq(item);
  const flat = eq.tolist();
  const any = (v: unknown): boolean => (Array.isArray(v) ? v.some(any) : v === true);
  return any(flat);
}

/** `bool(t)`: PyTorch's rule — exactly one element, else an error. */
export function tensorTruth(t: Tensor): boolean {
  const n = t.numel();
  if (n === 0) throw pyError('RuntimeError', 'Boolean value of Tensor with no values is ambiguous');
  if (n > 1) {
    throw pyError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
  }
  const v = t.item();
  return typeof v === 'boolean' ? v : typeof v === 'bigint' ? v !== 0n : v !== 0;
}

/** `t.item()` as a Python value. */
export function tensorItem(t: Tensor): Scalar {
  return t.item();
}

/** `float(t)`. */
export function tensorToFloat(t: Tensor): number {
  const v = t.item();
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v ? 1 : 0;
}

/** `int(t)`. */
export function tensorToInt(t: Tensor): bigint {
  const v = t.item();
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (!Number.isFinite(v)) {
    if (Number.isNaN(v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    throw pyError('OverflowError', 'cannot convert float infinity to integer');
  }
  return BigInt(Math.trunc(v));
}

/** `round(t)`: PyTorch 1.13's Tensor has no `__round__` (use `t.round()` / `torch.round(t)`). */
export function tensorRound(_t: Tensor, _ndigits: bigint | null): never {
  throw pyError('TypeError', "type Tensor doesn't define __round__ method");
}

/** `t.__index__()`: a one-element integer (or bool) tensor as a Python int, else PyTorch's TypeError. */
export function tensorIndex(t: Tensor): bigint {
  if ((isIntegral(t.dtype) || t.dtype === 'bool') && t.numel() === 1) return tensorToInt(t);
  throw pyError(
    'TypeError',
    'only integer tensors of a single element can be converted to an index',
  );
}

/** `len(t)`: the size of the first dimension. */
export function tensorLen(t: Tensor): bigint {
  if (t.dim() === 0) throw pyError('TypeError', 'len() of a 0-d tensor');
  return BigInt(t.shape[0] ?? 0);
}

/** `for row in t`: the slices along the first dimension. */
export function tensorIterate(t: Tensor): Tensor[] {
  if (t.dim() === 0) throw pyError('TypeError', 'iteration over a 0-d tensor');
  const out: Tensor[] = [];
  for (let i = 0; i < (t.shape[0] ?? 0); i++) out.push(t.select(0, i));
  return out;
}
