/**
 * The short text of a tensor's numbers for a box, made by autograd's own printer (so large
 * tensors are summarised exactly as PyTorch summarises them), without the `tensor(` wrapper and
 * keyword suffix: `[[3., 3.],\n [3., 3.]]`.
 */
import {allocate} from '../../autograd/dtype.js';
import {muteObserver} from '../../autograd/report.js';
import {formatValues} from '../../autograd/print/format.js';
import {Tensor} from '../../autograd/tensor.js';
import {decodeNumber} from '../trace/numbers.js';
import type {TensorData} from '../trace/schema.js';
import type {DisplayTensor} from './model.js';

const cache = new WeakMap<TensorData, DisplayTensor>();

/** Rebuilds a tensor from stored values (not reported to any observer: it is not the program's). */
export function tensorFromData(data: TensorData & {values: readonly (number | string)[]}): Tensor {
  return muteObserver(() => {
    const storage = allocate(data.dtype, data.values.length);
    for (let i = 0; i < data.values.length; i++)
      storage[i] = decodeNumber(data.values[i] as number | string);
    return new Tensor(storage, [...data.shape], data.dtype);
  });
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
      : formatValues(tensorFromData({...data, values: data.values}), 0);
  const shown: DisplayTensor = {shape: data.shape, dtype: data.dtype, text};
  cache.set(data, shown);
  return shown;
}
