/**
 * Joining tensors: `torch.cat(tensors, dim)` along an existing dimension and `torch.stack(tensors,
 * dim)` along a new one, with PyTorch 1.13's checks and type promotion across the inputs.
 * Backward (CatBackward0, StackBackward0): each input gets its own slice of the gradient.
 */
import {promoteTypes} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {withGradMode} from '../gradmode.js';
import {gather} from '../kernels/strided.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {muteObserver} from '../report.js';
import {wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {castData} from './convert.js';
import * as factories from './factories.js';
import {grad0} from './util.js';
import {clone, select, slice, writeStrided} from './views.js';

function joinedDtype(tensors: readonly Tensor[]): DType {
  return tensors.map((t) => t.dtype).reduce(promoteTypes);
}

/** An unrecorded, unreported view (the join's own node stands for it). */
function quietly<T>(fn: () => T): T {
  return withGradMode(false, () => muteObserver(fn));
}

/**
 * A fresh contiguous copy of a view of a gradient, by recorded ops (slice/select, clone), so that
 * with create_graph=True the gradient stays differentiable.
 */
function copied(view: Tensor): Tensor {
  return clone(view);
}

function writeInto(region: Tensor, x: Tensor, dtype: DType): void {
  const src = x.dtype === dtype ? x : castData(x, dtype);
  writeStrided(region, gather(src, dtype));
}

function anyNeedsGrad(tensors: readonly Tensor[]): boolean {
  return tensors.some((t) => needsGrad(t));
}

/** PyTorch's legacy rule: a 1-D tensor of size 0 takes no part in cat's shape checks. */
function skipped(t: Tensor): boolean {
  return t.shape.length === 1 && t.shape[0] === 0;
}

/** `torch.cat(tensors, dim=0)`: CatBackward0. */
export function cat(tensors: readonly Tensor[], dimArg: Int = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.shape.length === 0) {
      throw runtimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
    }
  });
  const dtype = joinedDtype(tensors);
  const ref = tensors.find((t) => !skipped(t));
  if (ref === undefined) {
    return factories.zerosOf([0], dtype);
  }
  const dim = wrapDim(dimArg, ref.shape.length);
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.shape.length !== ref.shape.length) {
      throw runtimeError(
        `Tensors must have same number of dimensions: got ${ref.shape.length} and ${t.shape.length}`,
      );
    }
    for (let d = 0; d < ref.shape.length; d++) {
      if (d !== dim && t.shape[d] !== ref.shape[d]) {
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${dim}. Expected size ${ref.shape[d] ?? 0} but got size ${t.shape[d] ?? 0} for tensor number ${i} in the list.`,
        );
      }
    }
    total += t.shape[dim] ?? 0;
  });
  const shape = [...ref.shape];
  shape[dim] = total;
  const out = factories.zerosOf(shape, dtype);
  const starts: number[] = [];
  let at = 0;
  quietly(() => {
    for (const t of tensors) {
      starts.push(at);
      if (skipped(t)) continue;
      const size = t.shape[dim] ?? 0;
      writeInto(slice(out, dim, at, at + size), t, dtype);
      at += size;
    }
  });
  if (anyNeedsGrad(tensors)) {
    attach('CatBackward0', tensors, [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return tensors.map((t, i) => {
        if (!node.needsInputGrad(i)) return null;
        if (skipped(t)) return factories.zerosOf([0], g.dtype);
        const start = starts[i] ?? 0;
        return copied(slice(g, dim, start, start + (t.shape[dim] ?? 0)));
      });
    });
  }
  reportOp('cat', tensors, {dim}, [out]);
  return out;
}

/** `torch.stack(tensors, dim=0)`: StackBackward0. */
export function stack(tensors: readonly Tensor[], dimArg: Int = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw runtimeError('stack expects a non-empty TensorList');
  const dim = wrapDim(dimArg, first.shape.length + 1);
  tensors.forEach((t, i) => {
    if (t.shape.length !== first.shape.length || t.shape.some((s, d) => s !== first.shape[d])) {
      throw runtimeError(
        `stack expects each tensor to be equal size, but got [${first.shape.join(', ')}] at entry 0 and [${t.shape.join(', ')}] at entry ${i}`,
      );
    }
  });
  const dtype = joinedDtype(tensors);
  const shape = [...first.shape];
  shape.splice(dim, 0, tensors.length);
  const out = factories.zerosOf(shape, dtype);
  quietly(() => {
    tensors.forEach((t, i) => {
      writeInto(select(out, dim, i), t, dtype);
    });
  });
  if (anyNeedsGrad(tensors)) {
    attach('StackBackward0', tensors, [out], (grads, _saved, node) => {
      const g = grad0(grads);
      return tensors.map((_t, i) => (node.needsInputGrad(i) ? copied(select(g, dim, i)) : null));
    });
  }
  reportOp('stack', tensors, {dim}, [out]);
  return out;
}
