/**
 * Numbers in narration: one number when every element is the same (`0.25`), the elements when
 * there are a few, else the shape and the range, never every element of a large tensor.
 */
import {decodeNumber} from '../trace/numbers.js';
import type {TensorData} from '../trace/schema.js';

/** A number as narration writes it: at most 4 significant digits, like PyTorch's `4.5000` trimmed. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(4)));
}

/** The value every element shares, or null when they differ (or were not kept). */
export function uniformValue(data: TensorData | null | undefined): number | null {
  if (!data || data.values === null || data.values.length === 0) return null;
  const first = decodeNumber(data.values[0] as number | string);
  for (const v of data.values) {
    const x = decodeNumber(v);
    if (!(x === first || (Number.isNaN(x) && Number.isNaN(first)))) return null;
  }
  return first;
}

/** The number of elements of a shape. */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Texts already made, per TensorData (trace data is immutable; narration asks for the same grad many times). */
const quantities = new WeakMap<TensorData, string>();

/** A short one-line text of a tensor's numbers for narration. */
export function quantity(data: TensorData | null | undefined): string {
  if (!data) return '?';
  let text = quantities.get(data);
  if (text === undefined) {
    text = quantityOf(data);
    quantities.set(data, text);
  }
  return text;
}

function quantityOf(data: TensorData): string {
  const u = uniformValue(data);
  if (u !== null) return fmt(u);
  const shape = data.shape.join('×');
  if (data.values === null) return `(${shape})`;
  const xs = data.values.map(decodeNumber);
  if (xs.length <= 6) return nested(xs.map(fmt), data.shape);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return `(${shape}, ${fmt(lo)} … ${fmt(hi)})`;
}

/** Row-major elements as nested brackets: `[[1, 2], [3, 4]]`. */
function nested(items: readonly string[], shape: readonly number[]): string {
  if (shape.length <= 1) return `[${items.join(', ')}]`;
  const [, ...rest] = shape;
  const size = numel(rest);
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += size) parts.push(nested(items.slice(i, i + size), rest));
  return `[${parts.join(', ')}]`;
}

/** True when narration can show a single per-element number for this tensor. */
export function isUniform(data: TensorData | null | undefined): boolean {
  return uniformValue(data) !== null;
}
