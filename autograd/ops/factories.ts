/**
 * Factories: tensor, ones, zeros, full, eye, arange, linspace, ones_like, zeros_like. Each is
 * reported to the observer as an op (`ones`, …) with its arguments.
 */
import {gather} from '../kernels/strided.js';
import {allocate, conversionOverflow, inferredDType, isFloating, toStored} from '../dtype.js';
import type {DType, Scalar} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {fma64} from '../kernels/sleef.js';
import {checkSize} from '../limits.js';
import {reportOp} from '../record.js';
import {checkNonNegative, numelOf, parseSize, toInt} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import {Tensor} from '../tensor.js';
import type {OpArg} from '../observer.js';

/** Keyword arguments of the factories (`dtype=`, `requires_grad=`). */
export interface FactoryOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** Nested lists of Python scalars: `torch.tensor`'s data. */
export type NestedData = Scalar | readonly NestedData[];

/** Size varargs optionally followed by the options object: `ones(2, 3, {requiresGrad: true})`. */
export type SizeAndOptions = [...SizeArg[], FactoryOptions] | SizeArg[];

/** Splits size varargs from a trailing options object. */
export function splitOptions(
  args: readonly (SizeArg | FactoryOptions)[],
): [SizeArg[], FactoryOptions] {
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === 'object' && !Array.isArray(last)) {
    return [args.slice(0, -1) as SizeArg[], last as FactoryOptions];
  }
  return [args as SizeArg[], {}];
}

/** Applies `requires_grad=` with PyTorch's check, then reports the factory. */
export function finish(
  t: Tensor,
  op: string,
  options: FactoryOptions,
  args: Record<string, OpArg>,
  inputs: Tensor[] = [],
): Tensor {
  if (options.requiresGrad) {
    if (!isFloating(t.dtype)) {
      throw runtimeError('Only Tensors of floating point and complex dtype can require gradients');
    }
    t.requiresGrad = true;
  }
  reportOp(op, inputs, {...args, dtype: t.dtype, requires_grad: options.requiresGrad ?? false}, [
    t,
  ]);
  return t;
}

/** A tensor of `shape` filled with `value`, unreported (the factories report). */
export function filled(shape: number[], dtype: DType, value: number): Tensor {
  checkNonNegative(shape);
  const n = numelOf(shape);
  checkSize(shape, n);
  const data = allocate(dtype, n);
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape, dtype);
}

/** Zeros of a shape and dtype (used by backward formulas). */
export function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  return filled([...shape], dtype, 0);
}

/** `torch.ones(*size, dtype=None, requires_grad=False)`. */
export function ones(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions(args);
  const shape = parseSize(size);
  return finish(filled(shape, options.dtype ?? 'float32', 1), 'ones', options, {size: shape});
}

/** `torch.zeros(*size, dtype=None, requires_grad=False)`. */
export function zeros(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions(args);
  const shape = parseSize(size);
  return finish(filled(shape, options.dtype ?? 'float32', 0), 'zeros', options, {size: shape});
}

/** `torch.full(size, fill_value, dtype=None, requires_grad=False)`: dtype inferred from the value. */
export function full(size: SizeArg, fillValue: Scalar, options: FactoryOptions = {}): Tensor {
  const shape = parseSize([size]);
  const dtype = options.dtype ?? inferredDType(fillValue);
  const arg = typeof fillValue === 'bigint' ? Number(fillValue) : fillValue;
  const overflow = conversionOverflow(fillValue, dtype, 'fill');
  if (overflow) throw runtimeError(overflow);
  return finish(filled(shape, dtype, toStored(fillValue, dtype)), 'full', options, {
    size: shape,
    fill_value: arg,
  });
}

/** `torch.eye(n, m=None, dtype=None, requires_grad=False)`. */
export function eye(n: Int, m?: Int | null | FactoryOptions, options: FactoryOptions = {}): Tensor {
  if (typeof m === 'object' && m !== null) return eye(n, null, m);
  const rows = toInt(n);
  const cols = m === undefined || m === null ? rows : toInt(m);
  if (rows < 0) throw runtimeError(`n must be greater or equal to 0, got ${rows}`);
  if (cols < 0) throw runtimeError(`m must be greater or equal to 0, got ${cols}`);
  const t = filled([rows, cols], options.dtype ?? 'float32', 0);
  for (let i = 0; i < Math.min(rows, cols); i++) t.data[i * cols + i] = 1;
  return finish(t, 'eye', options, {n: rows, m: cols});
}

/**
 * `torch.arange(end)` / `arange(start, end, step=1)`, optionally followed by the options object:
 * int64 when all are Python ints (bigint), else float32.
 */
export function arange(...args: [...Scalar[], FactoryOptions] | Scalar[]): Tensor {
  const last = args[args.length - 1];
  const options: FactoryOptions = typeof last === 'object' ? last : {};
  const nums = (typeof last === 'object' ? args.slice(0, -1) : args) as Scalar[];
  const [start = 0n, end = null, step = 1n] = nums.length === 1 ? [0n, nums[0] ?? 0n, 1n] : nums;
  const [s, e] = end === null ? [0n, start] : [start, end];
  const allInt = [s, e, step].every((v) => typeof v !== 'number');
  const dtype = options.dtype ?? (allInt ? 'int64' : 'float32');
  const a = Number(s);
  const b = Number(e);
  const st = Number(step);
  if (st === 0) throw runtimeError('step must be nonzero');
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    // C++ prints non-finite doubles as nan / inf / -inf (JS would say NaN / Infinity).
    const show = (x: number): string =>
      Number.isNaN(x) ? 'nan' : Number.isFinite(x) ? String(x) : x > 0 ? 'inf' : '-inf';
    throw runtimeError(`unsupported range: ${show(a)} -> ${show(b)}`);
  }
  if ((st > 0 && a > b) || (st < 0 && a < b)) {
    throw runtimeError('upper bound and larger bound inconsistent with step sign');
  }
  const n = Math.ceil((b - a) / st);
  const t = filled([n], dtype, 0);
  // PyTorch's kernel: start + step·i in double (one fused multiply-add, as its AVX2 build
  // compiles it), except that its vectorised loop fills floating
  // tensors two registers (16 float32 or 8 float64 values) at a time from each register's first
  // value, rounded to the dtype, plus k·step (Vectorized::arange); the rest by the formula.
  const lanes = dtype === 'float32' ? 8 : dtype === 'float64' ? 4 : 0;
  const vectorEnd = lanes === 0 ? 0 : n - (n % (2 * lanes));
  for (let i = 0; i < n; i++) {
    if (i < vectorEnd) {
      const k = i % lanes;
      const first = fma64(st, i - k, a);
      t.data[i] = fma64(k, st, dtype === 'float32' ? Math.fround(first) : first);
    } else t.data[i] = toStored(fma64(st, i, a), dtype);
  }
  return finish(t, 'arange', options, {start: a, end: b, step: st});
}

/** `torch.linspace(start, end, steps)`: float32 steps computed as PyTorch's kernel does. */
export function linspace(
  start: Scalar,
  end: Scalar,
  steps: Int,
  options: FactoryOptions = {},
): Tensor {
  const n = toInt(steps);
  if (n < 0) throw runtimeError('number of steps must be non-negative');
  const dtype = options.dtype ?? 'float32';
  const a = Number(start);
  const b = Number(end);
  const t = filled([n], dtype, 0);
  // PyTorch's kernel: step in the dtype, then start + step·i (first half) or end - step·(n-1-i),
  // each with one rounding (a fused multiply-add). Floats go in blocks of two vectors (8 lanes
  // for float32, 4 for float64): each vector's first element by that formula, the others as
  // first + k·step (Vectorized::arange, rounded twice); the last n % 16 (n % 8) by the formula.
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  if (n === 1) t.data[0] = toStored(a, dtype);
  else if (n > 1) {
    const a32 = round(a);
    const b32 = round(b);
    const step = round(round(b32 - a32) / (n - 1));
    const half = Math.floor(n / 2);
    const at =
      dtype === 'float64'
        ? (i: number) => (i < half ? fma64(step, i, a32) : fma64(-step, n - i - 1, b32))
        : (i: number) => (i < half ? round(a32 + step * i) : round(b32 - step * (n - i - 1)));
    const lanes = dtype === 'float32' ? 8 : dtype === 'float64' ? 4 : 0;
    const vectorEnd = lanes === 0 ? 0 : n - (n % (2 * lanes));
    for (let i = 0; i < vectorEnd; i += lanes) {
      const base = at(i);
      t.data[i] = base;
      for (let k = 1; k < lanes; k++) t.data[i + k] = round(base + round(k * step));
    }
    for (let i = vectorEnd; i < n; i++) t.data[i] = toStored(at(i), dtype);
  }
  return finish(t, 'linspace', options, {start: a, end: b, steps: n});
}

/** `torch.ones_like(x, dtype=None, requires_grad=False)`. */
export function onesLike(x: Tensor, options: FactoryOptions = {}): Tensor {
  return finish(filled([...x.shape], options.dtype ?? x.dtype, 1), 'ones_like', options, {}, [x]);
}

/** `torch.zeros_like(x, dtype=None, requires_grad=False)`. */
export function zerosLike(x: Tensor, options: FactoryOptions = {}): Tensor {
  return finish(filled([...x.shape], options.dtype ?? x.dtype, 0), 'zeros_like', options, {}, [x]);
}

/** `torch.tensor(data, dtype=None, requires_grad=False)`: nested lists of Python scalars. */
export function tensor(data: NestedData | Tensor, options: FactoryOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const copy = new Tensor(gather(data, data.dtype), [...data.shape], options.dtype ?? data.dtype);
    return finish(copy, 'tensor', options, {});
  }
  const shape: number[] = [];
  for (
    let cur: NestedData = data;
    Array.isArray(cur);
    cur = (cur as readonly NestedData[])[0] as NestedData
  ) {
    const list = cur as readonly NestedData[];
    shape.push(list.length);
    if (list.length === 0) break;
  }
  const flat: Scalar[] = [];
  const walk = (v: NestedData, d: number): void => {
    if (d === shape.length) {
      if (Array.isArray(v))
        throw new TorchError(
          'ValueError',
          `expected sequence of length 0 at dim ${d} (got ${(v as unknown[]).length})`,
        );
      flat.push(v as Scalar);
      return;
    }
    if (!Array.isArray(v)) {
      throw new TorchError('TypeError', 'not a sequence');
    }
    const list = v as readonly NestedData[];
    if (list.length !== shape[d]) {
      throw new TorchError(
        'ValueError',
        `expected sequence of length ${shape[d]} at dim ${d} (got ${list.length})`,
      );
    }
    for (const item of list) walk(item, d + 1);
  };
  walk(data, 0);
  let dtype: DType = options.dtype ?? 'bool';
  if (options.dtype === undefined) {
    if (flat.length === 0) dtype = 'float32';
    for (const v of flat) {
      if (typeof v === 'number') dtype = 'float32';
      else if (typeof v === 'bigint' && dtype === 'bool') dtype = 'int64';
    }
  }
  checkSize(shape, flat.length);
  const store = allocate(dtype, flat.length);
  for (const v of flat) {
    const overflow = conversionOverflow(v, dtype, 'tensor');
    if (overflow) throw runtimeError(overflow);
  }
  flat.forEach((v, i) => (store[i] = toStored(v, dtype)));
  return finish(new Tensor(store, shape, dtype), 'tensor', options, {});
}
