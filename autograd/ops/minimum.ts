/**
 * `x.min()` and `x.min(dim, keepdim)`, mirroring max in ops/reduce.ts: a nan is the minimum as
 * soon as it appears, ties keep the first index. MinBackward1 shares the gradient evenly among
 * the tied minima; MinBackward0 routes each gradient to its index.
 */
import {allocate} from '../dtype.js';
import {runtimeError, TorchError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {numelOf, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {grad0} from './util.js';

/** Index of the minimum of `n` values at `src[start + k·stride]` (a nan wins, first tie wins). */
function argminAt(src: ArrayLike<number>, start: number, n: number, stride: number): number {
  let best = src[start] ?? 0;
  let at = 0;
  for (let k = 1; k < n; k++) {
    const v = src[start + k * stride] ?? 0;
    if (best !== best) break;
    if (v !== v || v < best) {
      best = v;
      at = k;
    }
  }
  return at;
}

/** `x.min()`: MinBackward1. */
export function minAll(x: Tensor): Tensor {
  if (x.numel() === 0) {
    throw runtimeError(
      "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    );
  }
  const flat = gather(x, x.dtype);
  const data = allocate(x.dtype, 1);
  data[0] = flat[argminAt(flat, 0, flat.length, 1)] ?? 0;
  const out = new Tensor(data, [], x.dtype);
  if (needsGrad(x)) {
    attach(
      'MinBackward1',
      [x],
      [out],
      (grads, saved) => {
        const g = grad0(grads);
        const s = saved[0] ?? x;
        const r = saved[1] ?? out;
        const mask = s.eq(r).to(s.dtype);
        const res = arith.mul(mask, arith.div(g, mask.sum()));
        // PyTorch builds it with zeros_like(x).masked_fill_(…): written once, version 1.
        res.version.value = 1;
        return [res];
      },
      () => [save(x), save(out, true)],
    );
  }
  reportOp('min', [x], {}, [out]);
  return out;
}

/** `x.min(dim, keepdim=False)`: `[values, indices]`, MinBackward0. */
export function minDim(x: Tensor, dimArg: Int, keepdim: boolean): [Tensor, Tensor] {
  const d = wrapDim(dimArg, x.shape.length);
  const src = gather(x, x.dtype);
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  const size = x.shape[d] ?? 1;
  if (size === 0) {
    throw new TorchError('IndexError', `min(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const shape =
    x.shape.length === 0 ? [] : x.shape.flatMap((s, i) => (i === d ? (keepdim ? [1] : []) : [s]));
  const values = allocate(x.dtype, outer * inner);
  const indices = allocate('int64', outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * size * inner + i;
      const k = argminAt(src, start, size, inner);
      values[o * inner + i] = src[start + k * inner] ?? 0;
      indices[o * inner + i] = k;
    }
  }
  const valuesT = new Tensor(values, shape, x.dtype);
  const indicesT = new Tensor(indices, [...shape], 'int64');
  const inShape = x.shape;
  if (needsGrad(x)) {
    attach(
      'MinBackward0',
      [x],
      [valuesT],
      (grads, saved) => {
        const g = grads[0] ?? null;
        const idx = saved[0] ?? indicesT;
        const out = new Tensor(allocate(x.dtype, numelOf(inShape)), [...inShape], x.dtype);
        // PyTorch builds it with zeros(…).scatter_(…): version 2.
        out.version.value = 2;
        if (g === null) return [out];
        const gv = gather(g, x.dtype);
        const iv = gather(idx, 'int64');
        for (let o = 0; o < outer; o++) {
          for (let i = 0; i < inner; i++) {
            const k = iv[o * inner + i] ?? 0;
            out.data[(o * size + k) * inner + i] = gv[o * inner + i] ?? 0;
          }
        }
        return [out];
      },
      () => [save(indicesT, true)],
    );
  }
  reportOp('min', [x], {dim: d, keepdim}, [valuesT, indicesT]);
  return [valuesT, indicesT];
}
