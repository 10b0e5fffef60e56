/**
 * The running sum of gradients a tensor has received so far in a pass, for display only: the
 * engine's own total (a grad_fn's gradsIn) replaces it as soon as every contribution is in.
 */
import {decodeNumber, encodeNumber} from '../trace/numbers.js';
import type {TensorData} from '../trace/schema.js';

/** Elementwise `a + b` of two same-shaped gradients (float32 rounding for float32), else `b`. */
export function addData(a: TensorData, b: TensorData): TensorData {
  if (
    a.values === null ||
    b.values === null ||
    a.values.length !== b.values.length ||
    a.dtype !== b.dtype
  )
    return b;
  const round = a.dtype === 'float32' ? Math.fround : (x: number) => x;
  const values = a.values.map((v, i) =>
    encodeNumber(round(decodeNumber(v) + decodeNumber(b.values?.[i] ?? 0))),
  );
  return {shape: a.shape, dtype: a.dtype, values};
}
