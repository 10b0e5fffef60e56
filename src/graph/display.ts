/**
 * The short text of a tensor's numbers for a box, printed from the trace's recorded values by
 * autograd's own printer (so large tensors are summarised exactly as PyTorch summarises them),
 * without the `tensor(` wrapper and keyword suffix: `[[3., 3.],\n [3., 3.]]`.
 */
import {formatNumbers} from '../../autograd/print/format.js';
import {decodeNumber} from '../trace/numbers.js';
import type {EncodedNumber, TensorData} from '../trace/schema.js';
import type {DisplayTensor} from './model.js';

const cache = new WeakMap<TensorData, DisplayTensor>();

/**
 * Recorded values as the tensor held them: float32 in a Float32Array, everything else (float64,
 * int64, bool) as doubles, the copy autograd's printer makes of a tensor.
 */
function storedValues(
  data: TensorData,
  values: readonly EncodedNumber[],
): Float32Array | Float64Array {
  const out =
    data.dtype === 'float32' ? new Float32Array(values.length) : new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = decodeNumber(values[i] ?? 0);
  return out;
}

/** Strips PyTorch's `tensor(` … `, dtype=…)` wrapper and re-indents the continuation lines. */
export function dataPart(repr: string): string {
  let body = repr.startsWith('tensor(') ? repr.slice('tensor('.length) : repr;
  const suffix = /,\s*(?:size|dtype|grad_fn|requires_grad)=/.exec(body);
  if (suffix) body = body.slice(0, suffix.index);
  else if (body.endsWith(')')) body = body.slice(0, -1);
  return body
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(/^ {7}/, '')))
    .join('\n');
}

/** What a box shows of a tensor's numbers: shape, dtype and the printed data. */
export function displayTensor(data: TensorData): DisplayTensor {
  const cached = cache.get(data);
  if (cached) return cached;
  const text =
    data.values === null
      ? dataPart(data.text ?? '')
      : formatNumbers(
          {data: storedValues(data, data.values), shape: data.shape, dtype: data.dtype},
          0,
        );
  const shown: DisplayTensor = {shape: data.shape, dtype: data.dtype, text};
  cache.set(data, shown);
  return shown;
}
