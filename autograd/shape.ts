/**
 * Shapes: element counts, contiguous strides, broadcasting, and dim wrapping with PyTorch's errors.
 */
import {TorchError, runtimeError} from './errors.js';

/** An integer argument: a Python int (bigint) or a JS number holding an integer. */
export type Int = number | bigint;

/** A size given as varargs items or one list: `ones(2, 3)` or `ones([2, 3])`. */
export type SizeArg = Int | readonly Int[];

/** The number of elements of a shape. */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides for a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i] ?? 1;
  }
  return strides;
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast shape of two shapes, or PyTorch's error. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  if (sameShape(a, b)) return [...a];
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const offset = n - 1 - i;
    const da = a[a.length - 1 - offset] ?? 1;
    const db = b[b.length - 1 - offset] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw runtimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Converts an Int to a JS number. */
export function toInt(value: Int): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Wraps a possibly negative dim into [0, ndim), or throws PyTorch's IndexError. */
export function wrapDim(dim: Int, ndim: number): number {
  const d = toInt(dim);
  const n = ndim <= 0 ? 1 : ndim;
  if (d < -n || d >= n) {
    throw new TorchError(
      'IndexError',
      `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`,
    );
  }
  return d < 0 ? d + n : d;
}

/** Flattens size arguments given as varargs or a single list into a shape. */
export function parseSize(args: readonly SizeArg[]): number[] {
  const first = args[0];
  if (args.length === 1 && typeof first === 'object') return first.map(toInt);
  const out: number[] = [];
  for (const a of args) {
    if (typeof a === 'object') out.push(...a.map(toInt));
    else out.push(toInt(a));
  }
  return out;
}

/** Checks a shape for negative sizes, with PyTorch's message. */
export function checkNonNegative(shape: readonly number[]): void {
  for (const d of shape) {
    if (d < 0) {
      throw runtimeError(
        `Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`,
      );
    }
  }
}

/** Whether strides are row-major for the shape, ignoring size-1 dims (`is_contiguous()`). */
export function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const size = shape[i] ?? 1;
    if (size !== 1 && strides[i] !== expected) return false;
    expected *= size;
  }
  return true;
}
