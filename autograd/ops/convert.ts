/**
 * Conversions: dtype casts (`to`, `float()`…), `item()` and `tolist()` with Python's scalar types.
 */
import {allocate, castValue, isFloating, isIntegral} from '../dtype.js';
import type {DType, Scalar} from '../dtype.js';
import {TorchError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';

/** Nested arrays of Python scalars, as `tolist()` returns. */
export type NestedList = Scalar | NestedList[];

/** A stored element as the Python scalar of a dtype. */
export function toScalar(value: number, dtype: DType): Scalar {
  if (isIntegral(dtype)) return BigInt(value);
  if (dtype === 'bool') return value !== 0;
  return value;
}

/** `x.item()`. */
export function item(x: Tensor): Scalar {
  if (x.numel() !== 1) {
    throw new TorchError(
      'ValueError',
      'only one element tensors can be converted to Python scalars',
    );
  }
  return toScalar(x.data[x.offset] ?? 0, x.dtype);
}

/** `x.tolist()`. */
export function tolist(x: Tensor): NestedList {
  const flat = gather(x, x.dtype);
  if (x.shape.length === 0) return toScalar(flat[0] ?? 0, x.dtype);
  let pos = 0;
  const build = (d: number): NestedList[] => {
    const n = x.shape[d] ?? 0;
    const out: NestedList[] = [];
    for (let i = 0; i < n; i++) {
      if (d === x.shape.length - 1) out.push(toScalar(flat[pos++] ?? 0, x.dtype));
      else out.push(build(d + 1));
    }
    return out;
  };
  return build(0);
}

/**
 * Contiguous values of `x` converted to `dtype` (float→int truncates as PyTorch's x86 cast,
 * integers wrap to a narrower width, nonzero→true, float16 rounds), unrecorded.
 */
export function castData(x: Tensor, dtype: DType): Tensor {
  const src = gather(x, x.dtype === 'float32' ? 'float32' : 'float64');
  const from = x.dtype;
  const exact =
    dtype === 'float64' ||
    (dtype === 'float32' && from !== 'float64') ||
    (dtype === 'int64' && !isFloating(from)) ||
    dtype === from;
  const out = allocate(dtype, src.length);
  if (exact) out.set(src);
  else for (let i = 0; i < src.length; i++) out[i] = castValue(src[i] ?? 0, from, dtype);
  return new Tensor(out, [...x.shape], dtype);
}

const TO_COPY = declareNode('ToCopyBackward0', false, [{moves: 'copy'}]);

/**
 * `x.to(dtype)`: the tensor itself if already of that dtype (unless `copy`), else a copy
 * (ToCopyBackward0).
 */
export function toDType(x: Tensor, dtype: DType, copy = false): Tensor {
  if (x.dtype === dtype && !copy) return x;
  const out = castData(x, dtype);
  if (needsGrad(x) && isFloating(dtype)) {
    const from = x.dtype;
    attach(TO_COPY, [x], [out], (grads) => [castData(grad0(grads), from)]);
  }
  reportOp('to', [x], {dtype}, [out]);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `item()`: bigint for int64, number for floats, boolean for bool. */
    item(): Scalar;
    /** `tolist()`: nested arrays of `item()` values. */
    tolist(): NestedList;
    /** `to(dtype)` and the `float()` / `double()` / `long()` / `int()` / … casts. */
    to(dtype: DType, copy?: boolean): Tensor;
    /** `half()`. */
    half(): Tensor;
    /** `int()`. */
    int(): Tensor;
    /** `short()`. */
    short(): Tensor;
    /** `char()`. */
    char(): Tensor;
    /** `byte()`. */
    byte(): Tensor;
    /** `float()`. */
    float(): Tensor;
    /** `double()`. */
    double(): Tensor;
    /** `long()`. */
    long(): Tensor;
    /** `bool()`. */
    bool(): Tensor;
  }
}

type CastName = 'float' | 'double' | 'half' | 'long' | 'int' | 'short' | 'char' | 'byte' | 'bool';

function cast(name: CastName, dtype: DType): OpDeclaration {
  return declareOp({
    name,
    nodes: [TO_COPY],
    methods: {
      [name](this: Tensor) {
        return toDType(this, dtype);
      },
    },
    python: {[name]: {method: `${name}()`, noArgs: true, call: (t) => toDType(t, dtype)}},
  });
}

/** item, tolist and the dtype casts (`to`'s Python form, with devices, is the runner's). */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'item',
    methods: {
      item(this: Tensor) {
        return item(this);
      },
      tolist(this: Tensor) {
        return tolist(this);
      },
    },
  }),
  declareOp({
    name: 'to',
    nodes: [TO_COPY],
    methods: {
      to(this: Tensor, dtype: DType, copy = false) {
        return toDType(this, dtype, copy);
      },
    },
    python: {
      type_as: {
        method: 'type_as(Tensor other)',
        call: (t, a) => toDType(t, (a.get('other') as Tensor).dtype),
      },
    },
  }),
  cast('float', 'float32'),
  cast('double', 'float64'),
  cast('half', 'float16'),
  cast('long', 'int64'),
  cast('int', 'int32'),
  cast('short', 'int16'),
  cast('char', 'int8'),
  cast('byte', 'uint8'),
  cast('bool', 'bool'),
];
