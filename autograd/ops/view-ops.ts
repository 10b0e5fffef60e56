/**
 * The declarations of the view and copy ops of views.ts (kept apart so that each file stays one
 * sitting long): their Tensor methods, `torch.*` functions and Python forms.
 */
import {runtimeError} from '../errors.js';
import {declareOp, overload} from '../op.js';
import type {BoundArgs, OpDeclaration} from '../op.js';
import {toInt, wrapDim} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import type {Tensor} from '../tensor.js';
import * as views from './views.js';

declare module '../tensor.js' {
  interface Tensor {
    /** `T`: the dimensions reversed (a permute). */
    readonly T: Tensor;
    /** `t()`: transpose of a tensor with at most 2 dims. */
    t(): Tensor;
    /** `transpose(dim0, dim1)`. */
    transpose(dim0: Int, dim1: Int): Tensor;
    /** `permute(*dims)`. */
    permute(...dims: SizeArg[]): Tensor;
    /** `view(*shape)`: same storage, new shape; fails where PyTorch's view fails. */
    view(...shape: SizeArg[]): Tensor;
    /** `reshape(*shape)`: a view when possible, else a copy. */
    reshape(...shape: SizeArg[]): Tensor;
    /** `flatten(start_dim=0, end_dim=-1)`: those dims into one. */
    flatten(startDim?: Int, endDim?: Int): Tensor;
    /** `unflatten(dim, sizes)`: dim split into sizes (a view). */
    unflatten(dim: Int, sizes: readonly Int[]): Tensor;
    /** `unsqueeze(dim)`. */
    unsqueeze(dim: Int): Tensor;
    /** `squeeze()` / `squeeze(dim)`. */
    squeeze(dim?: Int): Tensor;
    /** `expand(*sizes)`. */
    expand(...shape: SizeArg[]): Tensor;
    /** `select(dim, index)`: `x[..., index, ...]`. */
    select(dim: Int, index: Int): Tensor;
    /** `x[start:stop:step]` along `dim` (PyTorch's `slice`). */
    slice(dim: Int, start: Int | null, stop: Int | null, step?: Int): Tensor;
    /** `contiguous()`. */
    contiguous(): Tensor;
    /** `clone()`. */
    clone(): Tensor;
    /** `detach()`: a leaf sharing storage and version counter, not requiring grad. */
    detach(): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.t(input)`. */
    t(x: Tensor): Tensor;
    /** `torch.transpose(input, dim0, dim1)`. */
    transpose(x: Tensor, dim0: Int, dim1: Int): Tensor;
    /** `torch.permute(input, dims)`. */
    permute(x: Tensor, dims: SizeArg): Tensor;
    /** `torch.reshape(input, shape)`. */
    reshape(x: Tensor, shape: SizeArg): Tensor;
    /** `torch.unsqueeze(input, dim)`. */
    unsqueeze(x: Tensor, dim: Int): Tensor;
    /** `torch.squeeze(input, dim=None)`. */
    squeeze(x: Tensor, dim?: Int): Tensor;
    /** `torch.select(input, dim, index)`. */
    select(x: Tensor, dim: Int, index: Int): Tensor;
    /** `torch.detach(input)`. */
    detach(x: Tensor): Tensor;
    /** `torch.clone(input)`. */
    clone(x: Tensor): Tensor;
  }
}

const int = (a: BoundArgs, key: string) => a.get(key) as Int;
const ints = (a: BoundArgs, key: string) => a.get(key) as Int[];

/** An op with no arguments: `x.name()`, `torch.name(x)`, Python `name()`. */
function plain(
  name: string,
  run: (x: Tensor) => Tensor,
  nodes: OpDeclaration['nodes'] = [],
  torchFunction = true,
): OpDeclaration {
  return declareOp({
    name,
    nodes,
    methods: {
      [name](this: Tensor) {
        return run(this);
      },
    },
    ...(torchFunction ? {functions: {[name]: run}} : {}),
    python: {[name]: {method: `${name}()`, noArgs: true, function: true, call: (t) => run(t)}},
  });
}

/**
 * `x.flatten(start_dim, end_dim)` as PyTorch computes it: `x` itself when there is nothing to
 * merge, else a reshape merging dims start_dim..end_dim.
 */
function flatten(x: Tensor, startDim: Int, endDim: Int): Tensor {
  const nd = Math.max(x.dim(), 1);
  const start = wrapDim(startDim, nd);
  const end = wrapDim(endDim, nd);
  if (start > end)
    throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (x.dim() === 0) return views.reshape(x, [[1]]);
  if (start === end) return x;
  const merged = x.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return views.reshape(x, [[...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]]);
}

/**
 * `x.unflatten(dim, sizes)`: dim split into `sizes` (one may be -1) by a view, as PyTorch 1.13's
 * TensorShape.cpp does (ViewBackward0), with its message when the sizes do not fit.
 */
function unflatten(x: Tensor, dimArg: Int, sizesArg: readonly Int[]): Tensor {
  const dim = wrapDim(dimArg, x.dim());
  const sizes = sizesArg.map(toInt);
  if (sizes.length === 0) throw runtimeError('unflatten: sizes must be non-empty');
  const size = x.shape[dim] ?? 0;
  const known = sizes.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
  const infer = sizes.filter((s) => s === -1).length;
  const fits =
    sizes.every((s) => s >= -1) &&
    infer <= 1 &&
    (infer === 0 ? known === size : known !== 0 && size % known === 0);
  if (!fits) {
    throw runtimeError(
      `unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${size}) in the input tensor`,
    );
  }
  const inferred = sizes.map((s) => (s === -1 ? size / known : s));
  return views.view(x, [[...x.shape.slice(0, dim), ...inferred, ...x.shape.slice(dim + 1)]]);
}

/** The view ops (t, transpose, permute, view, reshape, flatten, (un)squeeze, expand, select, slice, indexing) and clone, contiguous, detach. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 't',
    nodes: [views.NODES.t],
    methods: {
      t(this: Tensor) {
        return views.t(this);
      },
    },
    getters: {
      T(this: Tensor) {
        return views.numpyT(this);
      },
    },
    functions: {t: views.t},
    python: {t: {method: 't()', noArgs: true, function: true, call: (t) => views.t(t)}},
  }),
  declareOp({
    name: 'transpose',
    nodes: [views.NODES.transpose],
    methods: {
      transpose(this: Tensor, dim0: Int, dim1: Int) {
        return views.transpose(this, dim0, dim1);
      },
    },
    functions: {transpose: views.transpose},
    python: {
      transpose: {
        method: 'transpose(int dim0, int dim1)',
        overloads: [
          overload('(int dim0, int dim1)', 2, 2),
          overload('(name dim0, name dim1)', 2, 2),
        ],
        function: [
          overload('(Tensor input, int dim0, int dim1)', 3, 3),
          overload('(Tensor input, name dim0, name dim1)', 3, 3),
        ],
        call: (t, a) => views.transpose(t, int(a, 'dim0'), int(a, 'dim1')),
      },
    },
  }),
  declareOp({
    name: 'permute',
    nodes: [views.NODES.permute],
    methods: {
      permute(this: Tensor, ...dims: SizeArg[]) {
        return views.permute(this, dims);
      },
    },
    functions: {permute: (x: Tensor, dims: SizeArg) => views.permute(x, [dims])},
    python: {
      permute: {
        method: 'permute(*ints dims)',
        function: true,
        call: (t, a) => views.permute(t, [ints(a, 'dims')]),
      },
    },
  }),
  declareOp({
    name: 'view',
    nodes: [views.NODES.view],
    methods: {
      view(this: Tensor, ...shape: SizeArg[]) {
        return views.view(this, shape);
      },
    },
    python: {
      view: {
        method: 'view(*ints size)',
        overloads: [
          overload('(torch.dtype dtype)', 1, 1),
          overload('(tuple of SymInts size)', 1, 1),
        ],
        call: (t, a) => views.view(t, [ints(a, 'size')]),
      },
      view_as: {
        method: 'view_as(Tensor other)',
        call: (t, a) => views.view(t, [(a.get('other') as Tensor).shape]),
      },
    },
  }),
  declareOp({
    name: 'reshape',
    nodes: [views.NODES.reshape, views.NODES.view],
    methods: {
      reshape(this: Tensor, ...shape: SizeArg[]) {
        return views.reshape(this, shape);
      },
      flatten(this: Tensor, startDim: Int = 0, endDim: Int = -1) {
        return flatten(this, startDim, endDim);
      },
      unflatten(this: Tensor, dim: Int, sizes: readonly Int[]) {
        return unflatten(this, dim, sizes);
      },
    },
    functions: {reshape: (x: Tensor, shape: SizeArg) => views.reshape(x, [shape])},
    python: {
      reshape: {
        method: 'reshape(*ints shape)',
        function: true,
        call: (t, a) => views.reshape(t, [ints(a, 'shape')]),
      },
      reshape_as: {
        method: 'reshape_as(Tensor other)',
        call: (t, a) => views.reshape(t, [(a.get('other') as Tensor).shape]),
      },
      flatten: {
        method: 'flatten(int start_dim=0, int end_dim=-1)',
        function: true,
        call: (t, a) => flatten(t, a.get('start_dim') as Int, a.get('end_dim') as Int),
      },
      unflatten: {
        method: 'unflatten(int dim, ints sizes)',
        function: true,
        call: (t, a) => unflatten(t, int(a, 'dim'), ints(a, 'sizes')),
      },
    },
  }),
  declareOp({
    name: 'unsqueeze',
    nodes: [views.NODES.unsqueeze],
    methods: {
      unsqueeze(this: Tensor, dim: Int) {
        return views.unsqueeze(this, dim);
      },
    },
    functions: {unsqueeze: views.unsqueeze},
    python: {
      unsqueeze: {
        method: 'unsqueeze(int dim)',
        function: true,
        call: (t, a) => views.unsqueeze(t, int(a, 'dim')),
      },
    },
  }),
  declareOp({
    name: 'squeeze',
    nodes: [views.NODES.squeeze, views.NODES.squeezeDim],
    methods: {
      squeeze(this: Tensor, dim?: Int) {
        return views.squeeze(this, dim);
      },
    },
    functions: {squeeze: (x: Tensor, dim?: Int) => views.squeeze(x, dim)},
    python: {
      squeeze: {
        method: 'squeeze(int? dim=None)',
        overloads: [
          overload('()', 0, 0),
          overload('(int dim)', 1, 1),
          overload('(name dim)', 1, 1),
        ],
        function: [
          overload('(Tensor input)', 1, 1),
          overload('(Tensor input, int dim)', 2, 2),
          overload('(Tensor input, name dim)', 2, 2),
        ],
        call: (t, a) => views.squeeze(t, (a.get('dim') as Int | null) ?? undefined),
      },
    },
  }),
  declareOp({
    name: 'expand',
    nodes: [views.NODES.expand],
    methods: {
      expand(this: Tensor, ...shape: SizeArg[]) {
        return views.expand(this, shape);
      },
    },
    python: {
      expand: {
        method: 'expand(*ints size, *, bool implicit=False)',
        call: (t, a) => views.expand(t, [ints(a, 'size')]),
      },
    },
  }),
  declareOp({
    name: 'select',
    nodes: [views.NODES.select, views.NODES.selectBackward],
    methods: {
      select(this: Tensor, dim: Int, index: Int) {
        return views.select(this, dim, index);
      },
    },
    functions: {select: views.select},
    python: {
      select: {
        method: 'select(int dim, int index)',
        overloads: [
          overload('(int dim, int index)', 2, 2),
          overload('(name dim, int index)', 2, 2),
        ],
        function: [
          overload('(Tensor input, int dim, int index)', 3, 3),
          overload('(Tensor input, name dim, int index)', 3, 3),
        ],
        call: (t, a) => views.select(t, int(a, 'dim'), int(a, 'index')),
      },
    },
  }),
  declareOp({
    name: 'slice',
    nodes: [views.NODES.slice, views.NODES.sliceBackward],
    methods: {
      slice(this: Tensor, dim: Int, start: Int | null, stop: Int | null, step: Int = 1) {
        return views.slice(this, dim, start, stop, step);
      },
    },
  }),
  plain('contiguous', views.contiguous, [views.NODES.clone], false),
  plain('clone', views.clone, [views.NODES.clone]),
  plain('detach', views.detach),
  declareOp({
    name: 'detach_',
    python: {detach_: {method: 'detach_()', noArgs: true, call: (t) => t.detach_()}},
  }),
];
