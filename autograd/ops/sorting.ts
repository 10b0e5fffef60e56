/**
 * Ordering along a dimension: `sort` (SortBackward0), `argsort` and `topk` (TopkBackward0),
 * returning PyTorch's named tuples of values and int64 indices. NaN sorts as the largest value.
 * Ties keep their original order (PyTorch's CPU sort is stable for the sizes tutorials print;
 * for long rows with ties its unstable std::sort may order equal values' indices differently).
 * Backward puts each gradient back at the index its value came from.
 */
import {allocate, refuseHalf} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {numelOf, toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {grad0} from './util.js';

const SORT = declareNode('SortBackward0', false);
const TOPK = declareNode('TopkBackward0', false);

/** a before b in ascending order, NaN last. */
function ascending(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each row along `dim` ordered (descending or not) and cut to its first `k`: the values and
 * their indices, shaped like x with `dim` of size k.
 */
function ordered(x: Tensor, dim: number, descending: boolean, k: number): [Tensor, Tensor] {
  const shape = x.shape.length === 0 ? [1] : x.shape;
  const data = gather(x, x.dtype);
  const n = shape[dim] ?? 1;
  const inner = numelOf(shape.slice(dim + 1));
  const outer = numelOf(shape.slice(0, dim));
  const outShape = [...x.shape];
  if (outShape.length > 0) outShape[dim] = k;
  const values = allocate(x.dtype, outer * k * inner);
  const indices = allocate('int64', outer * k * inner);
  const order = Array.from({length: n}, (_, i) => i);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (j: number) => o * n * inner + j * inner + i;
      order.forEach((_, j) => (order[j] = j));
      order.sort((p, q) => {
        const c = ascending(data[at(p)] ?? 0, data[at(q)] ?? 0);
        return (descending ? -c : c) || p - q;
      });
      for (let j = 0; j < k; j++) {
        const to = o * k * inner + j * inner + i;
        values[to] = data[at(order[j] ?? 0)] ?? 0;
        indices[to] = order[j] ?? 0;
      }
    }
  }
  return [new Tensor(values, outShape, x.dtype), new Tensor(indices, [...outShape], 'int64')];
}

/** Zeros of `shape` with `g` placed at `indices` along `dim` (value_selecting_reduction_backward). */
function placeBack(g: Tensor, indices: Tensor, shape: readonly number[], dim: number): Tensor {
  const full = shape.length === 0 ? [1] : shape;
  const n = full[dim] ?? 1;
  const k = indices.shape.length === 0 ? 1 : (indices.shape[dim] ?? 1);
  const inner = numelOf(full.slice(dim + 1));
  const outer = numelOf(full.slice(0, dim));
  const gd = gather(g, g.dtype);
  const id = gather(indices, 'int64');
  const out = allocate(g.dtype, numelOf(full));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let j = 0; j < k; j++) {
        const from = o * k * inner + j * inner + i;
        const to = o * n * inner + (id[from] ?? 0) * inner + i;
        out[to] = (out[to] ?? 0) + (gd[from] ?? 0);
      }
    }
  }
  return new Tensor(out, [...shape], g.dtype);
}

function record(
  op: string,
  node: typeof SORT,
  x: Tensor,
  dim: number,
  [values, indices]: [Tensor, Tensor],
  args: Record<string, number | boolean>,
): [Tensor, Tensor] {
  if (needsGrad(x)) {
    const shape = x.shape;
    attach(
      node,
      [x],
      [values],
      (grads, saved) => [placeBack(grad0(grads), saved[0] ?? indices, shape, dim)],
      () => [save(indices, true)],
    );
  }
  reportOp(op, [x], args, [values, indices]);
  return [values, indices];
}

/** `x.sort(dim=-1, descending=False, stable=False)`: (values, indices). */
export function sort(x: Tensor, dimArg: Int = -1, descending = false): [Tensor, Tensor] {
  const dim = wrapDim(dimArg, Math.max(1, x.shape.length));
  const n = x.shape.length === 0 ? 1 : (x.shape[dim] ?? 1);
  return record('sort', SORT, x, dim, ordered(x, dim, descending, n), {dim, descending});
}

/** `x.argsort(dim=-1, descending=False)`: the indices of sort. */
export function argsort(x: Tensor, dimArg: Int = -1, descending = false): Tensor {
  const dim = wrapDim(dimArg, Math.max(1, x.shape.length));
  const n = x.shape.length === 0 ? 1 : (x.shape[dim] ?? 1);
  const [, indices] = ordered(x, dim, descending, n);
  reportOp('argsort', [x], {dim, descending}, [indices]);
  return indices;
}

/** `x.topk(k, dim=-1, largest=True, sorted=True)`: the k largest (or smallest) and their indices. */
export function topk(x: Tensor, kArg: Int, dimArg: Int = -1, largest = true): [Tensor, Tensor] {
  refuseHalf(x.dtype, 'topk_cpu');
  const dim = wrapDim(dimArg, Math.max(1, x.shape.length));
  const n = x.shape.length === 0 ? 1 : (x.shape[dim] ?? 1);
  const k = toInt(kArg);
  if (k < 0 || k > n) throw runtimeError('selected index k out of range');
  return record('topk', TOPK, x, dim, ordered(x, dim, largest, k), {k, dim, largest});
}

declare module '../tensor.js' {
  interface Tensor {
    /** `sort(dim=-1, descending=False)`: [values, indices]. */
    sort(dim?: Int, descending?: boolean): [Tensor, Tensor];
    /** `argsort(dim=-1, descending=False)`. */
    argsort(dim?: Int, descending?: boolean): Tensor;
    /** `topk(k, dim=-1, largest=True)`: [values, indices]. */
    topk(k: Int, dim?: Int, largest?: boolean): [Tensor, Tensor];
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.sort(input, dim=-1, descending=False)`. */
    sort(x: Tensor, dim?: Int, descending?: boolean): [Tensor, Tensor];
    /** `torch.argsort(input, dim=-1, descending=False)`. */
    argsort(x: Tensor, dim?: Int, descending?: boolean): Tensor;
    /** `torch.topk(input, k, dim=-1, largest=True)`. */
    topk(x: Tensor, k: Int, dim?: Int, largest?: boolean): [Tensor, Tensor];
  }
}

/** sort, argsort, topk. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'sort',
    nodes: [SORT, TOPK],
    methods: {
      sort(this: Tensor, dim?: Int, descending?: boolean) {
        return sort(this, dim, descending);
      },
      argsort(this: Tensor, dim?: Int, descending?: boolean) {
        return argsort(this, dim, descending);
      },
      topk(this: Tensor, k: Int, dim?: Int, largest?: boolean) {
        return topk(this, k, dim, largest);
      },
    },
    functions: {sort, argsort, topk},
    python: {
      sort: {
        method: 'sort(int dim=-1, bool descending=False, *, any stable=None)',
        function: true,
        returns: {namedTuple: 'torch.return_types.sort', fields: ['values', 'indices']},
        call: (t, a) => sort(t, a.get('dim') as Int, a.get('descending') === true),
      },
      argsort: {
        method: 'argsort(int dim=-1, bool descending=False)',
        function: true,
        call: (t, a) => argsort(t, a.get('dim') as Int, a.get('descending') === true),
      },
      topk: {
        method: 'topk(int k, int dim=-1, bool largest=True, bool sorted=True)',
        function: true,
        returns: {namedTuple: 'torch.return_types.topk', fields: ['values', 'indices']},
        call: (t, a) => topk(t, a.get('k') as Int, a.get('dim') as Int, a.get('largest') !== false),
      },
    },
  }),
];
