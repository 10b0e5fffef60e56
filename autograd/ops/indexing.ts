/**
 * Advanced indexing, PyTorch's `at::index` and `index_put_`: integer tensors and bool masks as
 * indices, combined with the basic items (ints, slices, None, `...`) that views.ts applies first.
 *
 * The rules (numpy's): masks become their `nonzero()` columns; the index tensors broadcast
 * together; the result has the dims before the indexed ones, then the broadcast index shape,
 * then the dims after — unless the indexed dims are not adjacent (`x[i, :, j]`), when the index
 * shape comes first. `x[idx]` records IndexBackward0, whose backward adds the gradient into zeros
 * at the indexed places (`index_put_(…, accumulate=True)`); `x[idx] = v` is `index_put_`
 * (IndexPutBackward0, or CopySlices when the write goes through a view).
 */
import {allocate, scalarTypeName} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {isGradEnabled, withGradMode} from '../gradmode.js';
import {broadcastStrides, gather, gatherInto} from '../kernels/strided.js';
import {muteObserver, storageWillChange} from '../report.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {OpDeclaration, PythonCallContext} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {broadcastShapes, contiguousStrides, numelOf, sameShape} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as factories from './factories.js';
import {sumTo} from './reduce.js';
import {grad0} from './util.js';
import {alias, applySlicing, isMaskDType, NODES as VIEW_NODES} from './views.js';
import type {IndexItem} from './views.js';

/** IndexBackward0: ∂ = 1 per picked element; the gradient is added back at the picked places. */
export const INDEX = declareNode('IndexBackward0', true, [{moves: 'accumulate'}]);
/** IndexPutBackward0: the written places take their gradient from `values`, the rest from self. */
export const INDEX_PUT = declareNode('IndexPutBackward0', true, [null, {moves: 'gather'}]);

/** The indices of an `at::index`: one optional tensor per leading dim of the indexed tensor. */
export type TensorIndices = readonly (Tensor | null)[];

/** Where each element of an indexing result comes from, and the result's shape. */
export interface IndexPlan {
  /** The result's shape: dims before, the broadcast index shape, dims after. */
  readonly shape: number[];
  /** The storage position (for the given strides and offset) of each result element. */
  readonly positions: Float64Array;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The nonzero coordinates of a mask, one int64 column per mask dim (`expandTensors`). */
function maskColumns(mask: Tensor): Float64Array[] {
  const values = gather(mask, 'float64');
  const strides = contiguousStrides(mask.shape);
  const hits: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) hits.push(i);
  return mask.shape.map((size, d) => {
    const col = new Float64Array(hits.length);
    const stride = strides[d] ?? 1;
    hits.forEach((h, k) => (col[k] = Math.floor(h / stride) % size));
    return col;
  });
}

/** One index after masks are expanded: its values (row-major) and shape. */
interface Expanded {
  readonly values: Float64Array;
  readonly shape: readonly number[];
}

/** Masks replaced by their nonzero columns, with PyTorch's dtype and mask-shape checks. */
function expandIndices(self: Tensor, indices: TensorIndices): (Expanded | null)[] {
  const out: (Expanded | null)[] = [];
  for (const t of indices) {
    if (t === null) {
      out.push(null);
      continue;
    }
    if (isMaskDType(t.dtype)) {
      const at = out.length;
      t.shape.forEach((size, j) => {
        if (size !== self.shape[at + j]) {
          throw new TorchError(
            'IndexError',
            `The shape of the mask ${shapeText(t.shape)} at index ${j} does not match the shape of the indexed tensor ${shapeText(self.shape)} at index ${at + j}`,
          );
        }
      });
      for (const col of maskColumns(t)) out.push({values: col, shape: [col.length]});
    } else if (t.dtype === 'int64') {
      out.push({values: gather(t, 'float64') as Float64Array, shape: t.shape});
    } else {
      throw new TorchError(
        'IndexError',
        'tensors used as indices must be long, byte or bool tensors',
      );
    }
  }
  return out;
}

/** Row-major values of `e` broadcast to `shape`. */
function broadcastValues(e: Expanded, shape: readonly number[]): Float64Array {
  if (sameShape(e.shape, shape)) return e.values;
  const out = new Float64Array(numelOf(shape));
  const strides = broadcastStrides(e.shape, contiguousStrides(e.shape), shape);
  gatherInto({data: e.values, shape, strides, offset: 0}, out);
  return out;
}

/** An unrecorded broadcast view of `t` (values written from it are read through strides 0). */
function broadcastView(t: Tensor, shape: readonly number[]): Tensor {
  return muteObserver(
    () =>
      new Tensor(
        t.data,
        [...shape],
        t.dtype,
        broadcastStrides(t.shape, t.strides, shape),
        t.offset,
      ),
  );
}

/**
 * PyTorch's `at::index` geometry for `self` with `indices`: the result's shape and, for each of
 * its elements, the position in storage laid out by `strides` from `offset`. Errors as PyTorch
 * words them (bad dtype, mask shape, too many indices, broadcast, out of bounds).
 */
export function planIndex(
  self: Tensor,
  indices: TensorIndices,
  strides: readonly number[] = self.strides,
  offset = self.offset,
): IndexPlan {
  const expanded = expandIndices(self, indices);
  const ndim = self.shape.length;
  if (expanded.length > ndim) {
    throw new TorchError(
      'IndexError',
      `too many indices for tensor of dimension ${ndim} (got ${expanded.length})`,
    );
  }
  const defined = expanded.flatMap((e, d) => (e === null ? [] : [d]));
  let indexShape: number[] = [];
  try {
    for (const d of defined) indexShape = broadcastShapes(indexShape, expanded[d]?.shape ?? []);
  } catch {
    throw new TorchError(
      'IndexError',
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${defined.map((d) => shapeText(expanded[d]?.shape ?? [])).join(', ')}`,
    );
  }
  // Indexed dims that are not adjacent go first; the rest keep their order.
  const adjacent = defined.every((d, i) => i === 0 || d === (defined[i - 1] ?? 0) + 1);
  const first = adjacent ? (defined[0] ?? 0) : 0;
  const rest = self.shape.map((_, d) => d).filter((d) => !defined.includes(d));
  const before = adjacent ? rest.filter((d) => d < first) : [];
  const after = adjacent ? rest.filter((d) => d > first) : rest;
  const shape = [
    ...before.map((d) => self.shape[d] ?? 1),
    ...indexShape,
    ...after.map((d) => self.shape[d] ?? 1),
  ];
  // Each index element's offset, checked against its dim as PyTorch's kernel checks it.
  const indexNumel = numelOf(indexShape);
  const indexOffsets = new Float64Array(indexNumel);
  const outNumel = numelOf(shape);
  defined.forEach((d, k) => {
    const e = expanded[d];
    if (!e) return;
    const size = self.shape[d] ?? 1;
    if (size === 0 && e.values.length > 0) {
      throw new TorchError('IndexError', 'index is out of bounds for dimension with size 0');
    }
    const values = broadcastValues(e, indexShape);
    const stride = strides[d] ?? 0;
    for (let i = 0; i < indexNumel; i++) {
      let v = values[i] ?? 0;
      if (v < -size || v >= size) {
        if (outNumel === 0) continue;
        throw new TorchError(
          'IndexError',
          `index ${v} is out of bounds for dimension ${k} with size ${size}`,
        );
      }
      if (v < 0) v += size;
      indexOffsets[i] = (indexOffsets[i] ?? 0) + v * stride;
    }
  });
  const positions = new Float64Array(outNumel);
  const beforeOffsets = dimOffsets(before, self.shape, strides);
  const afterOffsets = dimOffsets(after, self.shape, strides);
  let o = 0;
  for (const b of beforeOffsets) {
    for (const io of indexOffsets) {
      for (const a of afterOffsets) positions[o++] = offset + b + io + a;
    }
  }
  return {shape, positions};
}

/** The offsets of every coordinate of `dims` (row-major), for the given strides. */
function dimOffsets(
  dims: readonly number[],
  shape: readonly number[],
  strides: readonly number[],
): Float64Array {
  let offsets = new Float64Array([0]);
  for (const d of dims) {
    const size = shape[d] ?? 1;
    const stride = strides[d] ?? 0;
    const next = new Float64Array(offsets.length * size);
    let k = 0;
    for (const base of offsets) for (let i = 0; i < size; i++) next[k++] = base + i * stride;
    offsets = next;
  }
  return offsets;
}

/** `self.index(indices)` (`at::index`): the picked elements, a copy (IndexBackward0). */
export function indexTensors(self: Tensor, indices: TensorIndices): Tensor {
  const plan = planIndex(self, indices);
  const data = allocate(self.dtype, plan.positions.length);
  for (let i = 0; i < plan.positions.length; i++) data[i] = self.data[plan.positions[i] ?? 0] ?? 0;
  const out = new Tensor(data, plan.shape, self.dtype);
  if (needsGrad(self)) {
    const inShape = self.shape;
    attach(INDEX, [self], [out], (grads) => {
      const g = grad0(grads);
      return [indexPut(factories.zerosOf(inShape, g.dtype), indices, g, true)];
    });
  }
  reportOp('index', [self], {index: indicesText(indices)}, [out]);
  return out;
}

/** Python indexing `x[items]`: views for the basic items, then `at::index` for tensor indices. */
export function getItem(x: Tensor, items: readonly IndexItem[]): Tensor {
  const {view, tensors} = applySlicing(x, items);
  if (tensors.length > 0) return indexTensors(view, tensors);
  return view === x ? alias(x) : view;
}

/**
 * Writes `values` (broadcast to the indexing result) into `target`'s storage at `plan`, adding
 * when `accumulate` (in order, one element at a time, as PyTorch's serial CPU kernel), with
 * PyTorch's dtype and shape checks.
 */
function writePlan(target: Tensor, plan: IndexPlan, values: Tensor, accumulate: boolean): void {
  if (values.dtype !== target.dtype) {
    throw runtimeError(
      `Index put requires the source and destination dtypes match, got ${scalarTypeName(target.dtype)} for the destination and ${scalarTypeName(values.dtype)} for the source.`,
    );
  }
  let source: Tensor = values;
  if (!sameShape(values.shape, plan.shape)) {
    try {
      if (!sameShape(broadcastShapes(values.shape, plan.shape), plan.shape)) throw new Error();
    } catch {
      throw runtimeError(
        `shape mismatch: value tensor of shape ${shapeText(values.shape)} cannot be broadcast to indexing result of shape ${shapeText(plan.shape)}`,
      );
    }
    source = broadcastView(values, plan.shape);
  }
  const src = gather(source, target.dtype);
  // Told even when no place is picked: the caller bumps the version all the same.
  storageWillChange(target);
  const dst = target.data;
  const {positions} = plan;
  if (accumulate) {
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] ?? 0;
      dst[p] = (dst[p] ?? 0) + (src[i] ?? 0);
    }
  } else {
    for (let i = 0; i < positions.length; i++) dst[positions[i] ?? 0] = src[i] ?? 0;
  }
}

/** The gradients of an `index_put`: for self (written places zeroed unless accumulated) and values. */
function indexPutGrads(
  g: Tensor,
  indices: TensorIndices,
  valuesShape: readonly number[],
  accumulate: boolean,
  need: readonly [boolean, boolean],
): [Tensor | null, Tensor | null] {
  let self: Tensor | null = null;
  if (need[0]) {
    self = accumulate ? g : indexPut(g, indices, factories.zerosOf(valuesShape, g.dtype), false);
  }
  const values = need[1] ? sumTo(indexTensors(g, indices), valuesShape) : null;
  return [self, values];
}

/** `torch.index_put(self, indices, values, accumulate=False)`: a copy with values written. */
export function indexPut(
  self: Tensor,
  indices: TensorIndices,
  values: Tensor,
  accumulate = false,
): Tensor {
  const out = new Tensor(gather(self, self.dtype), [...self.shape], self.dtype);
  writePlan(out, planIndex(out, indices), values, accumulate);
  if (needsGrad(self, values)) {
    const valuesShape = values.shape;
    attach(INDEX_PUT, [self, values], [out], (grads, _saved, node) =>
      indexPutGrads(grad0(grads), indices, valuesShape, accumulate, [
        node.needsInputGrad(0),
        node.needsInputGrad(1),
      ]),
    );
  }
  reportOp('index_put', [self, values], {index: indicesText(indices), accumulate}, [out]);
  return out;
}

/** Python's text of a tensor index, for the observer. */
export function indicesText(indices: TensorIndices): string {
  return indices.map((t) => (t === null ? ':' : `tensor${shapeText(t.shape)}`)).join(', ');
}

/**
 * `view.index_put_(indices, values)` in place (`x[items] = v` with tensor indices, `view` the
 * basic items' view of x): the storage write. The caller records the grad_fn (setitem.ts).
 */
export function writeIndexed(
  view: Tensor,
  indices: TensorIndices,
  values: Tensor,
  accumulate: boolean,
): void {
  writePlan(view, planIndex(view, indices), values, accumulate);
}

/** The backward of `x[items] = values` with tensor indices, for setitem's node. */
export function setItemGrads(
  g: Tensor,
  items: readonly IndexItem[],
  valuesShape: readonly number[],
  accumulate: boolean,
  need: readonly [boolean, boolean],
): [Tensor | null, Tensor | null] {
  let self: Tensor | null = null;
  if (need[0] && accumulate) self = g;
  else if (need[0]) {
    if (isGradEnabled()) {
      // create_graph=True: g times a 0/1 mask, a recorded op.
      const mask = factories.filled([...g.shape], g.dtype, 1);
      const {view, tensors} = applySlicingRaw(mask, items);
      writeIndexed(view, tensors, factories.zerosOf([], g.dtype), false);
      self = g.mul(mask);
    } else {
      self = new Tensor(gather(g, g.dtype), [...g.shape], g.dtype);
      const {view, tensors} = applySlicingRaw(self, items);
      writeIndexed(view, tensors, factories.zerosOf([], g.dtype), false);
    }
  }
  const values = need[1] ? sumTo(getItem(g, items), valuesShape) : null;
  return [self, values];
}

/** The basic items' view, unrecorded (a region of a fresh gradient). */
function applySlicingRaw(
  x: Tensor,
  items: readonly IndexItem[],
): {view: Tensor; tensors: (Tensor | null)[]} {
  return withGradMode(false, () => muteObserver(() => applySlicing(x, items)));
}

/** The `indices` argument of `index_put(_)`: a tuple or list of tensors (None: the whole dim). */
export function indexTensorList(value: unknown, ctx: PythonCallContext): (Tensor | null)[] {
  const items = ctx.sequence(value);
  if (items === null || !items.every((t) => t === null || t instanceof Tensor)) {
    ctx.invalidArguments();
  }
  return items as (Tensor | null)[];
}

declare module '../tensor.js' {
  interface Tensor {
    /** `x[i, j:k, None, ..., idx, mask]`: Python indexing (views, then `at::index` for tensors). */
    index(...items: IndexItem[]): Tensor;
    /** `index_put(indices, values, accumulate=False)`: a copy with values written at indices. */
    indexPut(indices: TensorIndices, values: Tensor, accumulate?: boolean): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.index_put(input, indices, values, accumulate=False)`. */
    indexPut(x: Tensor, indices: TensorIndices, values: Tensor, accumulate?: boolean): Tensor;
  }
}

/** Python indexing and `index_put`. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'index',
    nodes: [INDEX, VIEW_NODES.alias],
    methods: {
      index(this: Tensor, ...items: IndexItem[]) {
        return getItem(this, items);
      },
    },
  }),
  declareOp({
    name: 'index_put',
    nodes: [INDEX_PUT],
    methods: {
      indexPut(this: Tensor, indices: TensorIndices, values: Tensor, accumulate = false) {
        return indexPut(this, indices, values, accumulate);
      },
    },
    functions: {indexPut},
    python: {
      index_put: {
        method: 'index_put(any indices, Tensor values, bool accumulate=False)',
        overloads: [overload('(tuple of Tensors indices, Tensor values, bool accumulate)', 2, 3)],
        function: true,
        call: (t, a, ctx) =>
          indexPut(
            t,
            indexTensorList(a.get('indices'), ctx),
            a.get('values') as Tensor,
            a.get('accumulate') === true,
          ),
      },
    },
  }),
];
