/**
 * Views: ops that return a tensor sharing its input's storage (and version counter) with new
 * shape, strides and offset — view, reshape, t, T, transpose, permute, unsqueeze, squeeze,
 * expand, select, slice, Python indexing, detach — plus contiguous and clone, which copy.
 */
import {roundHalf} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {checkSize} from '../limits.js';
import {isGradEnabled} from '../gradmode.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {muteObserver, storageWillChange} from '../report.js';
import {declareNode} from '../op.js';
import type {NodeDeclaration} from '../op.js';
import {
  broadcastShapes,
  contiguousStrides,
  isContiguousLayout,
  numelOf,
  parseSize,
  toInt,
  wrapDim,
} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import {Tensor} from '../tensor.js';
import {sumTo} from './reduce.js';
import {grad0} from './util.js';
import * as factories from './factories.js';

/**
 * One item of a Python subscript: an int, a slice, None (new axis), `...`, a Python bool, or a
 * tensor (int64 indices, or a bool mask).
 */
export type IndexItem =
  | Int
  | {start?: Int | null; stop?: Int | null; step?: Int | null}
  | null
  | '...'
  | boolean
  | Tensor;

/** A view of `x` with a new shape, strides and offset, sharing storage and version counter. */
function makeView(
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  return new Tensor(x.data, shape, x.dtype, strides, offset, x.version, x.base ?? x);
}

/** `x.size(dim)`. */
export function sizeAt(x: Tensor, dim: Int): number {
  return x.shape[wrapDim(dim, x.shape.length)] ?? 1;
}

/** `is_contiguous()`: row-major strides, ignoring size-1 dims. */
export function isContiguous(x: Tensor): boolean {
  return isContiguousLayout(x.shape, x.strides);
}

/** Computes the strides of a view with `newShape`, or null if no view is possible (PyTorch's computeStride). */
function viewStrides(x: Tensor, newShape: readonly number[]): number[] | null {
  const oldShape = x.shape;
  const oldStrides = x.strides;
  if (oldShape.length === 0 || numelOf(oldShape) === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length).fill(1);
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD] ?? 1;
    if (
      tensorD === 0 ||
      (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)
    ) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD] ?? 1;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1] ?? 1;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/** Resolves a `-1` in a requested shape, with PyTorch's errors. */
function inferShape(requested: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  requested.forEach((d, i) => {
    if (d === -1) {
      if (infer >= 0) throw runtimeError('only one dimension can be inferred');
      infer = i;
    } else if (d < 0) {
      throw runtimeError(`invalid shape dimension ${d}`);
    } else {
      known *= d;
    }
  });
  const shape = [...requested];
  const invalid = () =>
    runtimeError(`shape '[${requested.join(', ')}]' is invalid for input of size ${numel}`);
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw invalid();
    shape[infer] = numel / known;
  } else if (known !== numel) {
    throw invalid();
  }
  return shape;
}

const VIEW = declareNode('ViewBackward0', true, [{moves: 'reshape'}]);
const RESHAPE_ALIAS = declareNode('ReshapeAliasBackward0', false, [{moves: 'reshape'}]);
const UNSAFE_VIEW = declareNode('UnsafeViewBackward0', false, [{moves: 'reshape'}]);
const T = declareNode('TBackward0', true, [{moves: 'transpose'}]);
const TRANSPOSE = declareNode('TransposeBackward0', true, [{moves: 'transpose'}]);
const PERMUTE = declareNode('PermuteBackward0', true, [{moves: 'transpose'}]);
const UNSQUEEZE = declareNode('UnsqueezeBackward0', true, [{moves: 'reshape'}]);
const SQUEEZE0 = declareNode('SqueezeBackward0', true, [{moves: 'reshape'}]);
const SQUEEZE1 = declareNode('SqueezeBackward1', true, [{moves: 'reshape'}]);
const SQUEEZE3 = declareNode('SqueezeBackward3', false, [{moves: 'reshape'}]);
const EXPAND = declareNode('ExpandBackward0', true, [{moves: 'sumTo'}]);
const SELECT = declareNode('SelectBackward0', true, [{moves: 'scatter'}]);
const SELECT_BACKWARD = declareNode('SelectBackwardBackward0', true);
const SLICE = declareNode('SliceBackward0', true, [{moves: 'scatter'}]);
const SLICE_BACKWARD = declareNode('SliceBackwardBackward0', true);
const ALIAS = declareNode('AliasBackward0', true, [{moves: 'copy'}]);
const CLONE = declareNode('CloneBackward0', true, [{moves: 'copy'}]);

/** The nodes of the view ops, for their declarations (view-ops.ts). */
export const NODES = {
  view: VIEW,
  reshape: RESHAPE_ALIAS,
  t: T,
  transpose: TRANSPOSE,
  permute: PERMUTE,
  unsqueeze: UNSQUEEZE,
  squeeze: SQUEEZE0,
  squeezeDim: SQUEEZE1,
  expand: EXPAND,
  select: SELECT,
  selectBackward: SELECT_BACKWARD,
  slice: SLICE,
  sliceBackward: SLICE_BACKWARD,
  alias: ALIAS,
  clone: CLONE,
} as const;

/** Records a view-like op whose backward reshapes/permutes the gradient back. */
function recordView(
  op: string,
  node: NodeDeclaration,
  x: Tensor,
  out: Tensor,
  args: Record<string, number | boolean | null | readonly number[]>,
  backward: (g: Tensor) => Tensor,
): Tensor {
  if (needsGrad(x)) attach(node, [x], [out], (grads) => [backward(grad0(grads))]);
  reportOp(op, [x], args, [out]);
  return out;
}

/** `x.view(*shape)`: ViewBackward0. */
export function view(x: Tensor, size: readonly SizeArg[]): Tensor {
  const shape = inferShape(parseSize(size), x.numel());
  const strides = viewStrides(x, shape);
  if (strides === null) {
    throw runtimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension " +
        'spans across two contiguous subspaces). Use .reshape(...) instead.',
    );
  }
  const inShape = x.shape;
  return recordView('view', VIEW, x, makeView(x, shape, strides, x.offset), {size: shape}, (g) =>
    reshapeGrad(g, inShape),
  );
}

/**
 * Reshape of a gradient: unrecorded, unless create_graph=True needs its graph (PyTorch's
 * `grad.reshape(sizes)`, a ReshapeAliasBackward0 when it can be a view).
 */
function reshapeGrad(g: Tensor, shape: readonly number[]): Tensor {
  if (needsGrad(g)) return reshape(g, [...shape]);
  const strides = viewStrides(g, shape);
  if (strides !== null) return makeView(g, shape, strides, g.offset);
  return new Tensor(gather(g, g.dtype), [...shape], g.dtype);
}

/** `x.reshape(*shape)`: a view (ReshapeAliasBackward0) when strides allow, else clone + view. */
export function reshape(x: Tensor, size: readonly SizeArg[]): Tensor {
  const shape = inferShape(parseSize(size), x.numel());
  const strides = viewStrides(x, shape);
  const inShape = x.shape;
  if (strides !== null) {
    return recordView(
      'reshape',
      RESHAPE_ALIAS,
      x,
      makeView(x, shape, strides, x.offset),
      {shape},
      (g) => reshapeGrad(g, inShape),
    );
  }
  return unsafeView(clone(x), shape);
}

/** PyTorch's `_unsafe_view` of a fresh contiguous tensor (UnsafeViewBackward0): no copy, no view. */
export function unsafeView(x: Tensor, shape: readonly number[]): Tensor {
  const inShape = x.shape;
  const out = new Tensor(x.data, [...shape], x.dtype, undefined, x.offset);
  return recordView('_unsafe_view', UNSAFE_VIEW, x, out, {size: [...shape]}, (g) =>
    reshapeGrad(g, inShape),
  );
}

/** `x.t()`: TBackward0; at most 2 dims. */
export function t(x: Tensor): Tensor {
  if (x.shape.length > 2) {
    throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  }
  const out = x.shape.length < 2 ? makeView(x, x.shape, x.strides, x.offset) : swapped(x, 0, 1);
  return recordView('t', T, x, out, {}, (g) => (g.shape.length < 2 ? g : swapped(g, 0, 1)));
}

function swapped(x: Tensor, d0: number, d1: number): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  [shape[d0], shape[d1]] = [shape[d1] ?? 1, shape[d0] ?? 1];
  [strides[d0], strides[d1]] = [strides[d1] ?? 1, strides[d0] ?? 1];
  return makeView(x, shape, strides, x.offset);
}

/** `x.transpose(dim0, dim1)`: TransposeBackward0. */
export function transpose(x: Tensor, dim0: Int, dim1: Int): Tensor {
  const n = x.shape.length;
  const d0 = wrapDim(dim0, n);
  const d1 = wrapDim(dim1, n);
  const out = n === 0 ? makeView(x, x.shape, x.strides, x.offset) : swapped(x, d0, d1);
  return recordView('transpose', TRANSPOSE, x, out, {dim0: d0, dim1: d1}, (g) =>
    n === 0 ? g : swapped(g, d0, d1),
  );
}

function permuted(x: Tensor, dims: readonly number[]): Tensor {
  return makeView(
    x,
    dims.map((d) => x.shape[d] ?? 1),
    dims.map((d) => x.strides[d] ?? 1),
    x.offset,
  );
}

/** `x.permute(*dims)`: PermuteBackward0. */
export function permute(x: Tensor, dimsArg: readonly SizeArg[]): Tensor {
  const n = x.shape.length;
  const dims = parseSize(dimsArg).map((d) => wrapDim(d, n));
  if (dims.length !== n) {
    throw runtimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${dims.length}`,
    );
  }
  if (new Set(dims).size !== n) throw runtimeError('repeated dim in permute');
  const inverse = new Array<number>(n);
  dims.forEach((d, i) => (inverse[d] = i));
  return recordView('permute', PERMUTE, x, permuted(x, dims), {dims}, (g) => permuted(g, inverse));
}

/** `x.T`: the dims reversed (PermuteBackward0). */
export function numpyT(x: Tensor): Tensor {
  const dims = x.shape.map((_, i) => x.shape.length - 1 - i);
  return permute(x, [dims]);
}

function unsqueezed(x: Tensor, d: number): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  const stride = d >= x.shape.length ? 1 : (x.shape[d] ?? 1) * (x.strides[d] ?? 1);
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return makeView(x, shape, strides, x.offset);
}

function squeezedAt(x: Tensor, dims: readonly number[]): Tensor {
  const shape: number[] = [];
  const strides: number[] = [];
  x.shape.forEach((s, i) => {
    if (!dims.includes(i)) {
      shape.push(s);
      strides.push(x.strides[i] ?? 1);
    }
  });
  return makeView(x, shape, strides, x.offset);
}

/** `x.unsqueeze(dim)`: UnsqueezeBackward0. */
export function unsqueeze(x: Tensor, dim: Int): Tensor {
  const d = wrapDim(dim, x.shape.length + 1);
  return recordView('unsqueeze', UNSQUEEZE, x, unsqueezed(x, d), {dim: d}, (g) =>
    squeezedAt(g, [d]),
  );
}

/** `x.squeeze()` (SqueezeBackward0) or `x.squeeze(dim)` (SqueezeBackward1). */
export function squeeze(x: Tensor, dim?: Int): Tensor {
  const inShape = x.shape;
  if (dim === undefined) {
    const dims = x.shape.flatMap((s, i) => (s === 1 ? [i] : []));
    return recordView('squeeze', SQUEEZE0, x, squeezedAt(x, dims), {}, (g) =>
      reshapeGrad(g, inShape),
    );
  }
  const d = wrapDim(dim, x.shape.length);
  const dims = x.shape[d] === 1 ? [d] : [];
  return recordView('squeeze', SQUEEZE1, x, squeezedAt(x, dims), {dim: d}, (g) =>
    dims.length ? unsqueezed(g, d) : g,
  );
}

/** Internal squeeze of one dim recorded as PyTorch's in-place `squeeze_` inside matmul (SqueezeBackward3). */
export function squeezeForMatmul(x: Tensor, d: number): Tensor {
  storageWillChange(x);
  x.version.value++;
  const out = recordView('squeeze_', SQUEEZE3, x, squeezedAt(x, [d]), {dim: d}, (g) =>
    unsqueezed(g, d),
  );
  // PyTorch squeezes its own fresh result in place: the result is no view of anything.
  out.base = null;
  return out;
}

/** `x.expand(*sizes)`: ExpandBackward0 (-1 keeps a size). */
export function expand(x: Tensor, sizeArg: readonly SizeArg[]): Tensor {
  const sizes = parseSize(sizeArg);
  const n = sizes.length;
  if (n < x.shape.length) {
    throw runtimeError(
      `expand(${x.dtype === 'float32' ? 'torch.FloatTensor' : 'torch.Tensor'}{[${x.shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${x.shape.length})`,
    );
  }
  const shift = n - x.shape.length;
  const shape: number[] = new Array<number>(n);
  const strides: number[] = new Array<number>(n);
  // From the last dim, as PyTorch's infer_expand_geometry (its error names the last mismatch).
  for (let i = n - 1; i >= 0; i--) {
    const own = i >= shift ? (x.shape[i - shift] ?? 1) : 1;
    const want = sizes[i] ?? 1;
    const target = want === -1 ? own : want;
    if (own !== target && own !== 1) {
      throw runtimeError(
        `The expanded size of the tensor (${target}) must match the existing size (${own}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${x.shape.join(', ')}]`,
      );
    }
    shape[i] = target;
    strides[i] = i < shift || own !== target ? 0 : (x.strides[i - shift] ?? 1);
  }
  const inShape = x.shape;
  return recordView(
    'expand',
    EXPAND,
    x,
    makeView(x, shape, strides, x.offset),
    {size: shape},
    (g) => sumTo(g, inShape),
  );
}

/**
 * `torch.broadcast_tensors(*tensors)`: each tensor expanded to their common shape, or itself when
 * it has that shape already (ATen's expand_outplace: no ExpandBackward0 then).
 */
export function broadcastTensors(tensors: readonly Tensor[]): Tensor[] {
  const shape = tensors.reduce<number[]>((s, t) => broadcastShapes(s, t.shape), []);
  return tensors.map((t) =>
    t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])
      ? t
      : expand(t, shape),
  );
}

/** Places `g` into zeros of `shape` at `region` (a view of the zeros): select/slice backward. */
function scatterInto(
  g: Tensor,
  shape: readonly number[],
  region: (z: Tensor) => Tensor,
  backward?: {node: NodeDeclaration; take: (gg: Tensor) => Tensor},
): Tensor {
  const z = factories.zerosOf(shape, g.dtype);
  const target = region(z);
  const src = gather(g, g.dtype);
  writeStrided(target, src);
  // create_graph=True: the scattered gradient is a function of g (PyTorch's
  // SelectBackwardBackward0 / SliceBackwardBackward0, whose gradient takes the region back).
  if (backward && isGradEnabled() && g.requiresGrad) {
    attach(backward.node, [g], [z], (grads) => [backward.take(grad0(grads))]);
  }
  return z;
}

/**
 * Writes contiguous values into a strided view. Every write into an existing tensor's storage goes
 * through here or calls `storageWillChange` first (autograd/report.ts), so the trace's captures of
 * the old values stay true.
 */
export function writeStrided(target: Tensor, values: ArrayLike<number>): void {
  // Told even for an empty tensor: the caller bumps its version all the same.
  storageWillChange(target);
  const n = target.numel();
  if (n === 0) return;
  // float16 storage holds half values only (whatever float the values were computed in).
  const src = target.dtype === 'float16' ? Float32Array.from(values, roundHalf) : values;
  const ndim = target.shape.length;
  const counter = new Array<number>(ndim).fill(0);
  let pos = target.offset;
  for (let i = 0; i < n; i++) {
    target.data[pos] = src[i] ?? 0;
    for (let d = ndim - 1; d >= 0; d--) {
      const c = (counter[d] ?? 0) + 1;
      const stride = target.strides[d] ?? 0;
      if (c < (target.shape[d] ?? 1)) {
        counter[d] = c;
        pos += stride;
        break;
      }
      counter[d] = 0;
      pos -= stride * ((target.shape[d] ?? 1) - 1);
    }
  }
}

function selected(x: Tensor, d: number, i: number): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  const offset = x.offset + i * (x.strides[d] ?? 0);
  shape.splice(d, 1);
  strides.splice(d, 1);
  return makeView(x, shape, strides, offset);
}

/** `x.select(dim, index)`: SelectBackward0. */
export function select(x: Tensor, dim: Int, index: Int): Tensor {
  if (x.shape.length === 0)
    throw new TorchError('IndexError', 'select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, x.shape.length);
  const size = x.shape[d] ?? 1;
  let i = toInt(index);
  if (i < -size || i >= size) {
    throw new TorchError(
      'IndexError',
      `index ${i} is out of bounds for dimension ${d} with size ${size}`,
    );
  }
  if (i < 0) i += size;
  const inShape = x.shape;
  return recordView('select', SELECT, x, selected(x, d, i), {dim: d, index: i}, (g) =>
    scatterInto(g, inShape, (z) => selected(z, d, i), {
      node: SELECT_BACKWARD,
      take: (gg) => select(gg, d, i),
    }),
  );
}

function sliced(x: Tensor, d: number, start: number, stop: number, step: number): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape[d] = stop > start ? Math.floor((stop - start + step - 1) / step) : 0;
  strides[d] = (x.strides[d] ?? 1) * step;
  return makeView(x, shape, strides, x.offset + start * (x.strides[d] ?? 0));
}

/** `x[start:stop:step]` along `dim`: SliceBackward0, bounds clamped as in Python. */
export function slice(
  x: Tensor,
  dim: Int,
  startArg: Int | null,
  stopArg: Int | null,
  stepArg: Int = 1,
): Tensor {
  if (x.shape.length === 0)
    throw new TorchError('IndexError', 'slice() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, x.shape.length);
  const size = x.shape[d] ?? 0;
  const step = toInt(stepArg);
  if (step <= 0) throw new TorchError('ValueError', 'step must be greater than zero');
  const clampIndex = (v: Int | null, dflt: number) => {
    if (v === null) return dflt;
    let i = toInt(v);
    if (i < 0) i += size;
    return Math.min(Math.max(i, 0), size);
  };
  const start = clampIndex(startArg, 0);
  const stop = Math.max(clampIndex(stopArg, size), start);
  const inShape = x.shape;
  return recordView(
    'slice',
    SLICE,
    x,
    sliced(x, d, start, stop, step),
    {dim: d, start, end: stop, step},
    (g) =>
      scatterInto(g, inShape, (z) => sliced(z, d, start, stop, step), {
        node: SLICE_BACKWARD,
        take: (gg) => slice(gg, d, start, stop, step),
      }),
  );
}

/**
 * The basic part of Python indexing (PyTorch's `applySlicing`): ints select, slices slice,
 * None and bools add a dim, `...` skips the dims nobody names, each as a recorded view. Tensor
 * indices (and bools, as a `[0]` or `[]` index on their new dim) are not applied: they come back
 * in `tensors`, at the dim of `view` they index, for `at::index` / `index_put_` (indexing.ts).
 */
export function applySlicing(
  x: Tensor,
  items: readonly IndexItem[],
): {view: Tensor; tensors: (Tensor | null)[]} {
  // A mask names as many dims as it has; ints, slices and other tensors one each.
  const named = (it: IndexItem): number => {
    if (it === null || it === '...' || typeof it === 'boolean') return 0;
    if (it instanceof Tensor) return isMaskDType(it.dtype) ? it.dim() : 1;
    return 1;
  };
  const consumed = items.reduce<number>((n, it) => n + named(it), 0);
  if (
    x.shape.length === 0 &&
    items.some((it) => typeof it === 'number' || typeof it === 'bigint')
  ) {
    throw new TorchError(
      'IndexError',
      'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number',
    );
  }
  if (consumed > x.shape.length) {
    throw new TorchError(
      'IndexError',
      `too many indices for tensor of dimension ${x.shape.length}`,
    );
  }
  let out = x;
  let dim = 0;
  const tensors: (Tensor | null)[] = [];
  const record = (t: Tensor) => {
    while (tensors.length < dim) tensors.push(null);
    tensors[dim] = t;
    dim++;
  };
  for (const it of items) {
    if (it === '...') {
      dim += x.shape.length - consumed;
    } else if (it === null) {
      out = unsqueeze(out, dim);
      dim++;
    } else if (typeof it === 'boolean') {
      out = unsqueeze(out, dim);
      record(boolIndex(it));
    } else if (it instanceof Tensor) {
      if (it.dim() === 0 && isMaskDType(it.dtype)) {
        out = unsqueeze(out, dim);
        record(boolIndex((it.data[it.offset] ?? 0) !== 0));
      } else if (it.dim() === 0 && it.dtype !== 'float32' && it.dtype !== 'float64') {
        out = select(out, dim, it.data[it.offset] ?? 0);
      } else {
        record(it);
      }
    } else if (typeof it === 'object') {
      out = slice(out, dim, it.start ?? null, it.stop ?? null, it.step ?? 1);
      dim++;
    } else {
      out = select(out, dim, it);
    }
  }
  return {view: out, tensors};
}

/** Whether a dtype indexes as a mask (bool; uint8 in PyTorch, deprecated). */
export function isMaskDType(dtype: string): boolean {
  return dtype === 'bool' || dtype === 'uint8';
}

/** PyTorch's `boolToIndexingTensor`: a bool index is `[0]` (True) or `[]` (False) on a new dim. */
function boolIndex(value: boolean): Tensor {
  return muteObserver(() => new Tensor(new Float64Array(value ? 1 : 0), [value ? 1 : 0], 'int64'));
}

/** Python indexing `x[items]` with ints, slices, None and Ellipsis only (no tensor index). */
export function index(x: Tensor, items: readonly IndexItem[]): Tensor {
  const {view} = applySlicing(x, items);
  return view === x ? alias(x) : view;
}

/** `x[...]` / `x[()]`: a view of the whole tensor (AliasBackward0). */
export function alias(x: Tensor): Tensor {
  return recordView('alias', ALIAS, x, makeView(x, x.shape, x.strides, x.offset), {}, (g) => g);
}

/** `x.clone()`: CloneBackward0, a contiguous copy. */
export function clone(x: Tensor): Tensor {
  checkSize(x.shape, x.numel());
  const out = new Tensor(gather(x, x.dtype), [...x.shape], x.dtype);
  if (needsGrad(x)) attach(CLONE, [x], [out], (grads) => [grad0(grads)]);
  reportOp('clone', [x], {}, [out]);
  return out;
}

/** `x.contiguous()`: the tensor itself when contiguous, else a clone. */
export function contiguous(x: Tensor): Tensor {
  return isContiguous(x) ? x : clone(x);
}

/** `x.detach()`: shares storage and version counter, no grad. */
export function detach(x: Tensor): Tensor {
  const out = new Tensor(x.data, x.shape, x.dtype, x.strides, x.offset, x.version, null);
  reportOp('detach', [x], {}, [out]);
  return out;
}

/** An unrecorded `unsqueeze(0)` view, for kernels that treat a vector as a 1×n matrix. */
export function unsqueezeRaw(x: Tensor): Tensor {
  return unsqueezed(x, 0);
}
