/**
 * Picking and placing along a dim by an index tensor: `index_select`, `gather`, `take`,
 * `scatter` / `scatter_add` (and their in-place forms). Each backward is made of these same
 * recorded ops (a gather's gradient is a scatter_add into zeros, and back), so create_graph=True
 * passes through them.
 */
import {scalarTypeName} from '../dtype.js';
import type {Scalar} from '../dtype.js';
import {TorchError, runtimeError} from '../errors.js';
import {gather as gatherValues} from '../kernels/strided.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration} from '../op.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {muteObserver} from '../report.js';
import {toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as factories from './factories.js';
import {indexPut, planIndex} from './indexing.js';
import {inPlaceFrom} from './masked.js';
import {grad0, scalarArg, tensorOrNull, wrapScalar} from './util.js';

const INDEX_SELECT = declareNode('IndexSelectBackward0', true, [{moves: 'accumulate'}]);
const GATHER = declareNode('GatherBackward0', true, [{moves: 'accumulate'}]);
const TAKE = declareNode('TakeBackward0', true, [{moves: 'accumulate'}]);
const SCATTER = declareNode('ScatterBackward0', true, [null, {moves: 'gather'}]);
const SCATTER_VALUE = declareNode('ScatterBackward1', true, [null]);
const SCATTER_ADD = declareNode('ScatterAddBackward0', true, [1, {moves: 'gather'}]);

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The int64 values of an index tensor, row-major. */
function indexValues(index: Tensor): Float64Array {
  return gatherValues(index, 'float64') as Float64Array;
}

/**
 * Visits every element of `index` (row-major) with the storage position in `target` at the same
 * coordinates but `index`'s value along `dim`, and the position in `other` at the same
 * coordinates (PyTorch's scatter/gather loop). Out-of-range values are PyTorch's RuntimeError.
 */
function walk(
  index: Tensor,
  dim: number,
  target: Tensor,
  other: Tensor,
  visit: (targetPos: number, otherPos: number) => void,
): void {
  const values = indexValues(index);
  const ndim = index.shape.length;
  const size = target.shape[dim] ?? 1;
  const coords = new Array<number>(ndim).fill(0);
  for (let k = 0; k < values.length; k++) {
    let v = values[k] ?? 0;
    if (v < -size || v >= size) {
      throw runtimeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`);
    }
    if (v < 0) v += size;
    let tp = target.offset;
    let op = other.offset;
    for (let d = 0; d < ndim; d++) {
      const c = coords[d] ?? 0;
      tp += (d === dim ? v : c) * (target.strides[d] ?? 0);
      op += c * (other.strides[d] ?? 0);
    }
    visit(tp, op);
    for (let d = ndim - 1; d >= 0; d--) {
      const c = (coords[d] ?? 0) + 1;
      if (c < (index.shape[d] ?? 1)) {
        coords[d] = c;
        break;
      }
      coords[d] = 0;
    }
  }
}

/** gather/scatter's checks: same number of dims, int64 index, sizes that fit. */
function checkGeometry(
  op: 'gather' | 'scatter',
  self: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | null,
): void {
  if (index.dtype !== 'int64') throw runtimeError(`${op}(): Expected dtype int64 for index`);
  if (index.dim() !== self.dim() && !(index.dim() <= 1 && self.dim() <= 1)) {
    throw runtimeError('Index tensor must have the same number of dimensions as input tensor');
  }
  for (let d = 0; d < index.dim(); d++) {
    const n = index.shape[d] ?? 1;
    if (d !== dim && n > (self.shape[d] ?? 1)) {
      throw runtimeError(
        `Size does not match at dimension ${d} expected index ${shapeText(index.shape)} to be smaller than self ${shapeText(self.shape)} apart from dimension ${dim}`,
      );
    }
    if (src !== null && n > (src.shape[d] ?? 1)) {
      throw runtimeError(
        `Size does not match at dimension ${d} expected index ${shapeText(index.shape)} to be smaller than src ${shapeText(src.shape)} apart from dimension ${dim}`,
      );
    }
  }
}

/** `x.gather(dim, index)`: `out[i][j] = x[i][index[i][j]]` for dim 1 (GatherBackward0). */
export function gather(x: Tensor, dimArg: Int, index: Tensor): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.dim(), 1));
  checkGeometry('gather', x, dim, index, null);
  const out = new Tensor(factories.zerosOf(index.shape, x.dtype).data, [...index.shape], x.dtype);
  const src = x.data;
  const dst = out.data;
  walk(index, dim, x, out, (xp, op) => (dst[op] = src[xp] ?? 0));
  if (needsGrad(x)) {
    const shape = x.shape;
    attach(GATHER, [x], [out], (grads) => [
      scatterAdd(factories.zerosOf(shape, grad0(grads).dtype), dim, index, grad0(grads)),
    ]);
  }
  reportOp('gather', [x, index], {dim}, [out]);
  return out;
}

/** The out-of-place scatter: a copy of x with src (or value) written (added) at index along dim. */
function scatterInto(
  x: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | Scalar,
  add: boolean,
): Tensor {
  // Its message is scatter's for scatter_add too, as PyTorch's shared check words it.
  const st = tensorOrNull(src);
  checkGeometry('scatter', x, dim, index, st);
  if (st !== null && st.dtype !== x.dtype) {
    throw runtimeError('scatter(): Expected self.dtype to be equal to src.dtype');
  }
  const out = new Tensor(gatherValues(x, x.dtype), [...x.shape], x.dtype);
  const source = st ?? wrapScalar(src as Scalar, x.dtype);
  const values = source.data;
  const dst = out.data;
  const from = st ?? source.expandRaw(index.shape);
  walk(index, dim, out, from, (p, sp) => {
    dst[p] = add ? (dst[p] ?? 0) + (values[sp] ?? 0) : (values[sp] ?? 0);
  });
  return out;
}

/** `x.scatter(dim, index, src)` / `x.scatter(dim, index, value)`: ScatterBackward0 / 1. */
export function scatter(x: Tensor, dimArg: Int, index: Tensor, src: Tensor | Scalar): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.dim(), 1));
  const out = scatterInto(x, dim, index, src, false);
  const st = tensorOrNull(src);
  if (st !== null && needsGrad(x, st)) {
    attach(SCATTER, [x, st], [out], (grads, _s, node) => {
      const g = grad0(grads);
      return [
        node.needsInputGrad(0) ? scatter(g, dim, index, 0) : null,
        node.needsInputGrad(1) ? gather(g, dim, index) : null,
      ];
    });
  } else if (st === null && needsGrad(x)) {
    attach(SCATTER_VALUE, [x], [out], (grads) => [scatter(grad0(grads), dim, index, 0)]);
  }
  reportOp('scatter', st ? [x, index, st] : [x, index], {dim, value: scalarArg(src)}, [out]);
  return out;
}

/** `x.scatter_add(dim, index, src)`: ScatterAddBackward0 (∂/∂x = 1, ∂/∂src = grad.gather). */
export function scatterAdd(x: Tensor, dimArg: Int, index: Tensor, src: Tensor): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.dim(), 1));
  const out = scatterInto(x, dim, index, src, true);
  if (needsGrad(x, src)) {
    attach(SCATTER_ADD, [x, src], [out], (grads, _s, node) => {
      const g = grad0(grads);
      return [
        node.needsInputGrad(0) ? g : null,
        node.needsInputGrad(1) ? gather(g, dim, index) : null,
      ];
    });
  }
  reportOp('scatter_add', [x, index, src], {dim}, [out]);
  return out;
}

/** `x.index_select(dim, index)`: whole slices along dim, in index's order (IndexSelectBackward0). */
export function indexSelect(x: Tensor, dimArg: Int, index: Tensor): Tensor {
  const dim = wrapDim(dimArg, Math.max(x.dim(), 1));
  if (index.dim() > 1) {
    throw new TorchError('IndexError', 'index_select(): Index is supposed to be a vector');
  }
  if (index.dtype !== 'int64') {
    throw runtimeError('index_select(): Expected dtype int32 or int64 for index');
  }
  const size = x.dim() === 0 ? 1 : (x.shape[dim] ?? 1);
  for (const v of indexValues(index)) {
    if (v < 0 || v >= size) throw new TorchError('IndexError', 'index out of range in self');
  }
  const flat = index.dim() === 0 ? muteObserver(() => index.reshape([1])) : index;
  const indices = [...new Array<null>(dim).fill(null), flat];
  const plan = x.dim() === 0 ? null : planIndex(x, indices);
  const out = new Tensor(
    factories.zerosOf(plan?.shape ?? [], x.dtype).data,
    plan?.shape ?? [],
    x.dtype,
  );
  if (plan) plan.positions.forEach((p, i) => (out.data[i] = x.data[p] ?? 0));
  else out.data[0] = x.data[x.offset] ?? 0;
  if (needsGrad(x)) {
    const shape = x.shape;
    attach(INDEX_SELECT, [x], [out], (grads) => {
      const g = grad0(grads);
      if (shape.length === 0) return [g.sum()];
      return [indexPut(factories.zerosOf(shape, g.dtype), indices, g, true)];
    });
  }
  reportOp('index_select', [x, index], {dim}, [out]);
  return out;
}

/** `x.take(index)`: elements of the flattened x, shaped like index (TakeBackward0). */
export function take(x: Tensor, index: Tensor): Tensor {
  if (index.dtype !== 'int64')
    throw runtimeError(
      'take(): Expected a long tensor for index, but got ' + scalarTypeName(index.dtype),
    );
  const n = x.numel();
  const values = indexValues(index);
  for (const v of values) {
    if (v < -n || v >= n) {
      throw new TorchError(
        'IndexError',
        `out of range: tried to access index ${v} on a tensor of ${n} elements.`,
      );
    }
  }
  const flat = gatherValues(x, x.dtype);
  const out = new Tensor(factories.zerosOf(index.shape, x.dtype).data, [...index.shape], x.dtype);
  values.forEach((v, i) => (out.data[i] = flat[v < 0 ? v + n : v] ?? 0));
  if (needsGrad(x)) {
    const shape = x.shape;
    attach(TAKE, [x], [out], (grads) => {
      const g = grad0(grads);
      return [indexPut(factories.zerosOf([n], g.dtype), [index], g, true).reshape([...shape])];
    });
  }
  reportOp('take', [x, index], {}, [out]);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `gather(dim, index)`. */
    gather(dim: Int, index: Tensor): Tensor;
    /** `scatter(dim, index, src | value)`. */
    scatter(dim: Int, index: Tensor, src: Tensor | Scalar): Tensor;
    /** `scatter_(dim, index, src | value)`. */
    scatter_(dim: Int, index: Tensor, src: Tensor | Scalar): this;
    /** `scatter_add(dim, index, src)`. */
    scatterAdd(dim: Int, index: Tensor, src: Tensor): Tensor;
    /** `scatter_add_(dim, index, src)`. */
    scatterAdd_(dim: Int, index: Tensor, src: Tensor): this;
    /** `index_select(dim, index)`. */
    indexSelect(dim: Int, index: Tensor): Tensor;
    /** `take(index)`. */
    take(index: Tensor): Tensor;
    /** Internal: an unrecorded broadcast view of this tensor to `shape`. */
    expandRaw(shape: readonly number[]): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.gather(input, dim, index)`. */
    gather(x: Tensor, dim: Int, index: Tensor): Tensor;
    /** `torch.scatter(input, dim, index, src | value)`. */
    scatter(x: Tensor, dim: Int, index: Tensor, src: Tensor | Scalar): Tensor;
    /** `torch.scatter_add(input, dim, index, src)`. */
    scatterAdd(x: Tensor, dim: Int, index: Tensor, src: Tensor): Tensor;
    /** `torch.index_select(input, dim, index)`. */
    indexSelect(x: Tensor, dim: Int, index: Tensor): Tensor;
    /** `torch.take(input, index)`. */
    take(x: Tensor, index: Tensor): Tensor;
  }
}

const dimOf = (a: BoundArgs) => toInt(a.get('dim') as Int);
const indexOf = (a: BoundArgs) => a.get('index') as Tensor;

/** index_select, gather, take, scatter(_), scatter_add(_). */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'gather',
    nodes: [GATHER],
    methods: {
      gather(this: Tensor, dim: Int, index: Tensor) {
        return gather(this, dim, index);
      },
      expandRaw(this: Tensor, shape: readonly number[]) {
        const strides = shape.map((s, i) => {
          const j = i - (shape.length - this.shape.length);
          return j < 0 || this.shape[j] === 1 ? 0 : (this.strides[j] ?? 0);
        });
        return muteObserver(
          () => new Tensor(this.data, [...shape], this.dtype, strides, this.offset),
        );
      },
    },
    functions: {gather},
    python: {
      gather: {
        method: 'gather(int dim, Tensor index, *, bool sparse_grad=False)',
        function: true,
        call: (t, a) => gather(t, dimOf(a), indexOf(a)),
      },
    },
  }),
  declareOp({
    name: 'scatter',
    nodes: [SCATTER, SCATTER_VALUE],
    methods: {
      scatter(this: Tensor, dim: Int, index: Tensor, src: Tensor | Scalar) {
        return scatter(this, dim, index, src);
      },
      scatter_(this: Tensor, dim: Int, index: Tensor, src: Tensor | Scalar) {
        return inPlaceFrom(this, 'scatter_', () => scatter(this, dim, index, src), [index]);
      },
    },
    functions: {scatter},
    python: {
      scatter: {
        method: 'scatter(int dim, Tensor index, TensorOrNumber src)',
        function: true,
        call: (t, a) => scatter(t, dimOf(a), indexOf(a), a.get('src') as Tensor | Scalar),
      },
      scatter_: {
        method: 'scatter_(int dim, Tensor index, TensorOrNumber src)',
        call: (t, a) =>
          inPlaceFrom(
            t,
            'scatter_',
            () => scatter(t, dimOf(a), indexOf(a), a.get('src') as Tensor | Scalar),
            [indexOf(a)],
          ),
      },
    },
  }),
  declareOp({
    name: 'scatter_add',
    nodes: [SCATTER_ADD],
    methods: {
      scatterAdd(this: Tensor, dim: Int, index: Tensor, src: Tensor) {
        return scatterAdd(this, dim, index, src);
      },
      scatterAdd_(this: Tensor, dim: Int, index: Tensor, src: Tensor) {
        return inPlaceFrom(this, 'scatter_add_', () => scatterAdd(this, dim, index, src), [index]);
      },
    },
    functions: {scatterAdd},
    python: {
      scatter_add: {
        method: 'scatter_add(int dim, Tensor index, Tensor src)',
        function: true,
        call: (t, a) => scatterAdd(t, dimOf(a), indexOf(a), a.get('src') as Tensor),
      },
      scatter_add_: {
        method: 'scatter_add_(int dim, Tensor index, Tensor src)',
        call: (t, a) =>
          inPlaceFrom(
            t,
            'scatter_add_',
            () => scatterAdd(t, dimOf(a), indexOf(a), a.get('src') as Tensor),
            [indexOf(a)],
          ),
      },
    },
  }),
  declareOp({
    name: 'index_select',
    nodes: [INDEX_SELECT],
    methods: {
      indexSelect(this: Tensor, dim: Int, index: Tensor) {
        return indexSelect(this, dim, index);
      },
    },
    functions: {indexSelect},
    python: {
      index_select: {
        method: 'index_select(int dim, Tensor index)',
        function: true,
        call: (t, a) => indexSelect(t, dimOf(a), indexOf(a)),
      },
    },
  }),
  declareOp({
    name: 'take',
    nodes: [TAKE],
    methods: {
      take(this: Tensor, index: Tensor) {
        return take(this, index);
      },
    },
    functions: {take},
    python: {
      take: {method: 'take(Tensor index)', function: true, call: (t, a) => take(t, indexOf(a))},
    },
  }),
];
