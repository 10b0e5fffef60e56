/**
 * Logical and bitwise ops: `logical_and/or/xor/not` (any dtype, bool result), `bitwise_and/or/
 * xor/not` and the shifts on integer and bool tensors, with Python's operators `&`, `|`, `^`,
 * `~`, `<<`, `>>` and their in-place forms. None is differentiable. Integers are combined as
 * the 64-bit two's-complement values PyTorch's kernels see; shifts take their count modulo the
 * width, as the x86 shift instructions PyTorch's C++ compiles to do.
 */
import type {DType, Scalar} from '../dtype.js';
import {allocate, canCast, isFloating, scalarTypeName, toStored} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {reportOp} from '../record.js';
import {declareOp, overload} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {broadcastShapes} from '../shape.js';
import {Tensor} from '../tensor.js';
import {promote, scalarArg, tensorOrNull, valuesAt, wrapScalar} from './util.js';
import {writeStrided} from './views.js';

/** The binary logical ops (`not` is unary). */
export type LogicalOp = 'and' | 'or' | 'xor' | 'not';

/** The binary bitwise ops, by the name after `bitwise_`. */
export type BitwiseOp = 'and' | 'or' | 'xor' | 'left_shift' | 'right_shift';

/** The elementwise truth values of a logical op, unreported. */
function logicalValues(op: LogicalOp, a: Tensor, b?: Tensor): Tensor {
  const shape = b === undefined ? [...a.shape] : broadcastShapes(a.shape, b.shape);
  const x = valuesAt(a, shape);
  const y = b === undefined ? x : valuesAt(b, shape);
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const p = (x[i] ?? 0) !== 0;
    const q = (y[i] ?? 0) !== 0;
    out[i] = (op === 'and' ? p && q : op === 'or' ? p || q : op === 'xor' ? p !== q : !p) ? 1 : 0;
  }
  return new Tensor(out, shape, 'bool');
}

/** `torch.logical_and(a, b)` and friends: truth of each element, a bool result. */
export function logical(op: LogicalOp, a: Tensor, b?: Tensor): Tensor {
  const result = logicalValues(op, a, b);
  reportOp(`logical_${op}`, b === undefined ? [a] : [a, b], {}, [result]);
  return result;
}

/** The width PyTorch's kernel computes an integer dtype in. */
function bitsOf(dtype: DType): number {
  const widths: Record<string, number> = {bool: 8, uint8: 8, int8: 8, int16: 16, int32: 32};
  return widths[dtype] ?? 64;
}

function kernelName(op: BitwiseOp): string {
  return op === 'left_shift' ? 'lshift' : op === 'right_shift' ? 'rshift' : `bitwise_${op}`;
}

/** One element of a bitwise op on two's-complement integers of `bits` bits. */
function combine(op: BitwiseOp | 'not', p: number, q: number, bits: number): number {
  if (bits <= 32 && op !== 'left_shift' && op !== 'right_shift') {
    switch (op) {
      case 'and':
        return p & q;
      case 'or':
        return p | q;
      case 'xor':
        return p ^ q;
      case 'not':
        return ~p;
    }
  }
  const w = BigInt(bits);
  const a = BigInt(p);
  const b = BigInt(q);
  const count = BigInt(Number(BigInt.asUintN(64, b) % w));
  switch (op) {
    case 'and':
      return Number(BigInt.asIntN(bits, a & b));
    case 'or':
      return Number(BigInt.asIntN(bits, a | b));
    case 'xor':
      return Number(BigInt.asIntN(bits, a ^ b));
    case 'not':
      return Number(BigInt.asIntN(bits, ~a));
    case 'left_shift':
      return Number(BigInt.asIntN(bits, a << count));
    case 'right_shift':
      return Number(BigInt.asIntN(bits, a >> count));
  }
}

/** Refuses a floating dtype as PyTorch's CPU dispatch does (`"bitwise_or_cpu" not implemented`). */
function checkIntegral(op: BitwiseOp | 'not', dtype: DType): void {
  if (!isFloating(dtype)) return;
  const kernel = op === 'not' ? 'bitwise_not_cpu' : `${kernelName(op)}_cpu`;
  throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(dtype)}'`);
}

function compute(op: BitwiseOp, a: Tensor, b: Tensor, dtype: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const x = valuesAt(a, shape);
  const y = valuesAt(b, shape);
  const bits = bitsOf(dtype);
  const out = allocate(dtype, x.length);
  for (let i = 0; i < x.length; i++) {
    out[i] = toStored(combine(op, x[i] ?? 0, y[i] ?? 0, bits), dtype);
  }
  return new Tensor(out, shape, dtype);
}

/** `torch.bitwise_and(a, b)` and the others, `a` or `b` possibly a Python number. */
export function bitwise(op: BitwiseOp, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  const dtype = promote(a, b);
  checkIntegral(op, dtype);
  const at = tensorOrNull(a) ?? wrapScalar(a as Scalar, dtype);
  const bt = tensorOrNull(b) ?? wrapScalar(b as Scalar, dtype);
  const out = compute(op, at, bt, dtype);
  const given = [a, b].filter((v): v is Tensor => v instanceof Tensor);
  reportOp(kernelName(op), given, {other: scalarArg(b)}, [out]);
  return out;
}

/** `~x`'s values, unreported: bools are negated, integers complemented. */
function notValues(x: Tensor): Tensor {
  checkIntegral('not', x.dtype);
  const data = valuesAt(x, x.shape);
  const bits = bitsOf(x.dtype);
  const out = allocate(x.dtype, data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    out[i] = x.dtype === 'bool' ? (v !== 0 ? 0 : 1) : toStored(combine('not', v, 0, bits), x.dtype);
  }
  return new Tensor(out, [...x.shape], x.dtype);
}

/** `torch.bitwise_not(x)` / `~x`: bools are negated, integers complemented. */
export function bitwiseNot(x: Tensor): Tensor {
  const result = notValues(x);
  reportOp('bitwise_not', [x], {}, [result]);
  return result;
}

/** `~x` on a floating tensor: Python's TypeError, as PyTorch's `__invert__` raises it. */
function invert(x: Tensor): Tensor {
  if (isFloating(x.dtype)) {
    throw new TorchError(
      'TypeError',
      '~ (operator.invert) is only implemented on integer and Boolean-type tensors',
    );
  }
  return bitwiseNot(x);
}

/**
 * Writes a result into `x` (an in-place op that is not differentiable: no leaf check, no
 * grad_fn), after PyTorch's check that the result type can be cast to x's dtype.
 */
function writeInto(x: Tensor, op: string, result: Tensor, others: readonly Tensor[]): Tensor {
  if (!canCast(result.dtype, x.dtype) && result.dtype !== 'bool') {
    throw runtimeError(
      `result type ${scalarTypeName(result.dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`,
    );
  }
  const shape = broadcastShapes(x.shape, result.shape);
  if (shape.length !== x.shape.length || shape.some((s, i) => s !== x.shape[i])) {
    throw runtimeError(
      `output with shape [${x.shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`,
    );
  }
  const values = valuesAt(result, x.shape);
  const stored = allocate(x.dtype, values.length);
  for (let i = 0; i < values.length; i++) stored[i] = toStored(values[i] ?? 0, x.dtype);
  writeStrided(x, stored);
  x.version.value++;
  reportOp(op, [x, ...others], {}, [x], true);
  return x;
}

function logicalInPlace(op: LogicalOp, x: Tensor, other?: Tensor): Tensor {
  const result = logicalValues(op, x, other);
  return writeInto(x, `logical_${op}_`, result, other === undefined ? [] : [other]);
}

function bitwiseInPlace(op: BitwiseOp, x: Tensor, other: Tensor | Scalar): Tensor {
  const dtype = promote(x, other);
  checkIntegral(op, dtype);
  if (!canCast(dtype, x.dtype)) {
    throw runtimeError(
      `result type ${scalarTypeName(dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`,
    );
  }
  const bt = tensorOrNull(other) ?? wrapScalar(other as Scalar, dtype);
  const result = compute(op, x, bt, dtype);
  const given = other instanceof Tensor ? [other] : [];
  return writeInto(x, `${kernelName(op)}_`, result, given);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `logical_and(other)`. */
    logical_and(other: Tensor): Tensor;
    /** `logical_or(other)`. */
    logical_or(other: Tensor): Tensor;
    /** `logical_xor(other)`. */
    logical_xor(other: Tensor): Tensor;
    /** `logical_not()`. */
    logical_not(): Tensor;
    /** `bitwise_and(other)`. */
    bitwise_and(other: Tensor | Scalar): Tensor;
    /** `bitwise_or(other)`. */
    bitwise_or(other: Tensor | Scalar): Tensor;
    /** `bitwise_xor(other)`. */
    bitwise_xor(other: Tensor | Scalar): Tensor;
    /** `bitwise_left_shift(other)`. */
    bitwise_left_shift(other: Tensor | Scalar): Tensor;
    /** `bitwise_right_shift(other)`. */
    bitwise_right_shift(other: Tensor | Scalar): Tensor;
    /** `bitwise_not()`. */
    bitwise_not(): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.logical_and(input, other)`. */
    logical_and(x: Tensor, other: Tensor): Tensor;
    /** `torch.logical_or(input, other)`. */
    logical_or(x: Tensor, other: Tensor): Tensor;
    /** `torch.logical_xor(input, other)`. */
    logical_xor(x: Tensor, other: Tensor): Tensor;
    /** `torch.logical_not(input)`. */
    logical_not(x: Tensor): Tensor;
    /** `torch.bitwise_and(input, other)`. */
    bitwise_and(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.bitwise_or(input, other)`. */
    bitwise_or(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.bitwise_xor(input, other)`. */
    bitwise_xor(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.bitwise_left_shift(input, other)`. */
    bitwise_left_shift(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.bitwise_right_shift(input, other)`. */
    bitwise_right_shift(x: Tensor | Scalar, other: Tensor | Scalar): Tensor;
    /** `torch.bitwise_not(input)`. */
    bitwise_not(x: Tensor): Tensor;
  }
}

function logicalDeclaration(op: LogicalOp): OpDeclaration {
  const name = `logical_${op}`;
  if (op === 'not') {
    return declareOp({
      name,
      methods: {
        [name](this: Tensor) {
          return logical('not', this);
        },
      },
      functions: {[name]: (x: Tensor) => logical('not', x)},
      python: {
        [name]: {method: `${name}()`, function: true, call: (t) => logical('not', t)},
        [`${name}_`]: {method: `${name}_()`, call: (t) => logicalInPlace('not', t)},
      },
    });
  }
  return declareOp({
    name,
    methods: {
      [name](this: Tensor, other: Tensor) {
        return logical(op, this, other);
      },
    },
    functions: {[name]: (x: Tensor, other: Tensor) => logical(op, x, other)},
    python: {
      [name]: {
        method: `${name}(Tensor other)`,
        function: true,
        call: (t, a) => logical(op, t, a.get('other') as Tensor),
      },
      [`${name}_`]: {
        method: `${name}_(Tensor other)`,
        call: (t, a) => logicalInPlace(op, t, a.get('other') as Tensor),
      },
    },
  });
}

const SYMBOLS: Record<BitwiseOp, string> = {
  and: '&',
  or: '|',
  xor: '^',
  left_shift: '<<',
  right_shift: '>>',
};

function bitwiseDeclaration(op: BitwiseOp): OpDeclaration {
  const name = `bitwise_${op}`;
  return declareOp({
    name,
    operators: {
      [SYMBOLS[op]]: {
        binary: (t, o) => bitwise(op, t, o),
        reflected: (t, o) => bitwise(op, o, t),
        inPlace: (t, o) => bitwiseInPlace(op, t, o),
      },
    },
    methods: {
      [name](this: Tensor, other: Tensor | Scalar) {
        return bitwise(op, this, other);
      },
    },
    functions: {[name]: (x: Tensor | Scalar, other: Tensor | Scalar) => bitwise(op, x, other)},
    python: {
      [name]: {
        method: `${name}(TensorOrNumber other)`,
        overloads: [overload('(Tensor other)', 1, 1), overload('(Number other)', 1, 1)],
        function: [
          overload('(Tensor input, Tensor other, *, Tensor out)', 2, 3),
          overload('(Number self, Tensor other)', 2, 2),
          overload('(Tensor input, Number other, *, Tensor out)', 2, 3),
        ],
        reflected: (input, other) => bitwise(op, input, other),
        call: (t, a) => bitwise(op, t, a.get('other') as Tensor | Scalar),
      },
      [`${name}_`]: {
        method: `${name}_(TensorOrNumber other)`,
        overloads: [overload('(Tensor other)', 1, 1), overload('(Number other)', 1, 1)],
        call: (t, a) => bitwiseInPlace(op, t, a.get('other') as Tensor | Scalar),
      },
    },
  });
}

/** The logical and bitwise ops (none differentiable). */
export const declarations: readonly OpDeclaration[] = [
  ...(['and', 'or', 'xor', 'not'] as const).map(logicalDeclaration),
  ...(['and', 'or', 'xor', 'left_shift', 'right_shift'] as const).map(bitwiseDeclaration),
  declareOp({
    name: 'bitwise_not',
    operators: {'~': {unary: invert}},
    methods: {
      bitwise_not(this: Tensor) {
        return bitwiseNot(this);
      },
    },
    functions: {bitwise_not: (x: Tensor) => bitwiseNot(x)},
    python: {
      bitwise_not: {method: 'bitwise_not()', function: true, call: (t) => bitwiseNot(t)},
      bitwise_not_: {
        method: 'bitwise_not_()',
        call: (t) => writeInto(t, 'bitwise_not_', notValues(t), []),
      },
    },
  }),
];
