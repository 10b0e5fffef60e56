/**
 * Splitting a tensor into views along a dimension: `split` (equal sizes, SplitBackward0, or the
 * given sizes, SplitWithSizesBackward0), `chunk` (PyTorch's split with the ceiling size) and
 * `unbind` (UnbindBackward0). One node makes all the pieces, each piece its own output; backward
 * puts the pieces' gradients back together (zeros for a piece no gradient reached), with recorded
 * ops so that create_graph=True keeps the result differentiable.
 */
import {runtimeError, TorchError} from '../errors.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {BoundArgs, NodeDeclaration, OpDeclaration, PythonCallContext} from '../op.js';
import {toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import * as factories from './factories.js';
import {cat, stack} from './join.js';
import {quietly} from './util.js';
import {select, slice} from './views.js';

const SPLIT = declareNode('SplitBackward0', true, [{moves: 'scatter'}]);
const SPLIT_SIZES = declareNode('SplitWithSizesBackward0', true, [{moves: 'scatter'}]);
const UNBIND = declareNode('UnbindBackward0', true, [{moves: 'scatter'}]);
const UNSAFE_SPLIT = declareNode('UnsafeSplitBackward0', true, [{moves: 'scatter'}]);

function checkDim(x: Tensor, what: string): void {
  if (x.shape.length === 0) throw runtimeError(`${what} expects at least a 1-dimensional tensor`);
}

/** The pieces of `x` along `dim` of the given sizes, as views recorded by one node. */
function pieces(
  op: string,
  node: NodeDeclaration,
  x: Tensor,
  dim: number,
  sizes: readonly number[],
  args: Record<string, number | readonly number[]>,
  unsafe = false,
): Tensor[] {
  const starts: number[] = [];
  let at = 0;
  for (const s of sizes) {
    starts.push(at);
    at += s;
  }
  const views = quietly(() =>
    sizes.map((s, i) => slice(x, dim, starts[i] ?? 0, (starts[i] ?? 0) + s)),
  );
  // unsafe_split's pieces share x's memory but are not views to autograd: no _base, their own
  // version counters, so an in-place op on a piece records on it like on any non-leaf.
  const outs = unsafe
    ? views.map((v) => new Tensor(v.data, v.shape, v.dtype, v.strides, v.offset, {value: 0}))
    : views;
  if (needsGrad(x)) {
    attach(node, [x], outs, (grads) => {
      const parts = grads.map((g, i) => {
        if (g !== null) return g;
        const shape = [...x.shape];
        shape[dim] = sizes[i] ?? 0;
        return factories.zerosOf(shape, x.dtype);
      });
      return [parts.length === 1 ? (parts[0] ?? null) : cat(parts, dim)];
    });
  }
  reportOp(op, [x], args, outs);
  return outs;
}

/** The pieces' sizes of `split(split_size)` along a dimension of `size`, with PyTorch's checks. */
function splitSizes(size: number, splitSize: Int): number[] {
  const step = toInt(splitSize);
  if (step < 0) {
    throw runtimeError(`split expects split_size be non-negative, but got split_size=${step}`);
  }
  if (step === 0 && size !== 0) {
    throw runtimeError(
      `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`,
    );
  }
  const count = step === 0 ? 1 : Math.max(1, Math.ceil(size / step));
  return Array.from({length: count}, (_, i) => Math.min(step, size - i * step));
}

/** chunk's split size: `ceil(size / chunks)`, after chunk's check of `chunks`. */
function chunkSize(x: Tensor, chunksArg: Int, dim: number): number {
  const chunks = toInt(chunksArg);
  if (chunks <= 0) {
    throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  }
  return Math.ceil((x.shape[dim] ?? 0) / chunks);
}

/** `x.split(split_size, dim)`: pieces of `split_size` along `dim` (the last one may be smaller). */
export function split(x: Tensor, splitSize: Int, dimArg: Int = 0): Tensor[] {
  checkDim(x, 'split');
  const dim = wrapDim(dimArg, x.shape.length);
  const sizes = splitSizes(x.shape[dim] ?? 0, splitSize);
  return pieces('split', SPLIT, x, dim, sizes, {split_size: toInt(splitSize), dim});
}

/**
 * `x.unsafe_split(split_size, dim)` (UnsafeSplitBackward0): split's pieces, not tracked as views,
 * so each can be changed in place (PyTorch's RNN cells run sigmoid_ on the chunks of their gates).
 */
export function unsafeSplit(x: Tensor, splitSize: Int, dimArg: Int = 0): Tensor[] {
  checkDim(x, 'unsafe_split');
  const dim = wrapDim(dimArg, x.shape.length);
  const sizes = splitSizes(x.shape[dim] ?? 0, splitSize);
  const args = {split_size: toInt(splitSize), dim};
  return pieces('unsafe_split', UNSAFE_SPLIT, x, dim, sizes, args, true);
}

/** `x.unsafe_chunk(chunks, dim)`: unsafe_split with the ceiling size, as chunk is split's. */
export function unsafeChunk(x: Tensor, chunksArg: Int, dimArg: Int = 0): Tensor[] {
  checkDim(x, 'chunk');
  const dim = wrapDim(dimArg, x.shape.length);
  return unsafeSplit(x, chunkSize(x, chunksArg, dim), dim);
}

/** `x.split([sizes…], dim)`: pieces of the given sizes, which must add up to the dimension. */
export function splitWithSizes(x: Tensor, sizesArg: readonly Int[], dimArg: Int = 0): Tensor[] {
  checkDim(x, 'split_with_sizes');
  const dim = wrapDim(dimArg, x.shape.length);
  const size = x.shape[dim] ?? 0;
  const sizes = sizesArg.map(toInt);
  const shown = `[${sizes.join(', ')}]`;
  if (sizes.some((s) => s < 0)) {
    throw runtimeError(
      `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${shown}`,
    );
  }
  if (sizes.reduce((a, b) => a + b, 0) !== size) {
    throw runtimeError(
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${dim}), but got split_sizes=${shown}`,
    );
  }
  return pieces('split_with_sizes', SPLIT_SIZES, x, dim, sizes, {split_sizes: sizes, dim});
}

/** `x.chunk(chunks, dim)`: split with the size `ceil(size / chunks)` (so maybe fewer pieces). */
export function chunk(x: Tensor, chunksArg: Int, dimArg: Int = 0): Tensor[] {
  checkDim(x, 'chunk');
  const dim = wrapDim(dimArg, x.shape.length);
  return split(x, chunkSize(x, chunksArg, dim), dim);
}

/** `x.unbind(dim)`: the slices along `dim`, each without it (UnbindBackward0 stacks them back). */
export function unbind(x: Tensor, dimArg: Int = 0): Tensor[] {
  if (x.shape.length === 0) {
    throw new TorchError(
      'IndexError',
      `Dimension specified as ${toInt(dimArg)} but tensor has no dimensions`,
    );
  }
  const dim = wrapDim(dimArg, x.shape.length);
  const n = x.shape[dim] ?? 0;
  const outs = quietly(() => Array.from({length: n}, (_, i) => select(x, dim, i)));
  if (needsGrad(x)) {
    attach(UNBIND, [x], outs, (grads) => {
      const parts = grads.map((g, i) => g ?? factories.zerosOf(outs[i]?.shape ?? [], x.dtype));
      return [stack(parts, dim)];
    });
  }
  reportOp('unbind', [x], {dim}, outs);
  return outs;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `split(split_size_or_sections, dim=0)`. */
    split(sizes: Int | readonly Int[], dim?: Int): Tensor[];
    /** `chunk(chunks, dim=0)`. */
    chunk(chunks: Int, dim?: Int): Tensor[];
    /** `unbind(dim=0)`. */
    unbind(dim?: Int): Tensor[];
    /** `unsafe_split(split_size, dim=0)`. */
    unsafeSplit(splitSize: Int, dim?: Int): Tensor[];
    /** `unsafe_chunk(chunks, dim=0)`. */
    unsafeChunk(chunks: Int, dim?: Int): Tensor[];
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.split(tensor, split_size_or_sections, dim=0)`. */
    split(x: Tensor, sizes: Int | readonly Int[], dim?: Int): Tensor[];
    /** `torch.chunk(input, chunks, dim=0)`. */
    chunk(x: Tensor, chunks: Int, dim?: Int): Tensor[];
    /** `torch.unbind(input, dim=0)`. */
    unbind(x: Tensor, dim?: Int): Tensor[];
    /** `torch.unsafe_split(input, split_size, dim=0)`. */
    unsafe_split(x: Tensor, splitSize: Int, dim?: Int): Tensor[];
    /** `torch.unsafe_chunk(input, chunks, dim=0)`. */
    unsafe_chunk(x: Tensor, chunks: Int, dim?: Int): Tensor[];
  }
}

function splitAny(x: Tensor, sizes: Int | readonly Int[], dim: Int = 0): Tensor[] {
  return typeof sizes === 'object' ? splitWithSizes(x, sizes, dim) : split(x, sizes, dim);
}

/** Tensor.split is written in Python: an int is `split`, anything else `split_with_sizes`. */
function splitArgs(a: BoundArgs, ctx: PythonCallContext): Tensor[] {
  const self = a.get('self') ?? a.get('tensor');
  const sizes = a.get('split_size') ?? a.get('split_size_or_sections');
  const dim = ctx.int(a.get('dim'));
  if (!(self instanceof Tensor)) ctx.invalidArguments();
  if (typeof sizes === 'bigint') return split(self, sizes, dim);
  const items = ctx.sequence(sizes);
  if (items === null || items.some((s) => typeof s !== 'bigint')) {
    throw new TorchError(
      'TypeError',
      `split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not ${ctx.typeName(sizes)}`,
    );
  }
  return splitWithSizes(self, items as bigint[], dim);
}

/** split, chunk, unbind. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'split',
    nodes: [SPLIT, SPLIT_SIZES],
    methods: {
      split(this: Tensor, sizes: Int | readonly Int[], dim?: Int) {
        return splitAny(this, sizes, dim);
      },
    },
    functions: {split: splitAny},
    python: {
      split: {
        method: 'split(any split_size, int dim=0)',
        style: 'python',
        call: (t, a, ctx) => splitArgs(new Map([...a, ['self', t]]), ctx),
      },
    },
    pythonTorch: {
      split: {
        signature: 'split(any tensor, any split_size_or_sections, int dim=0)',
        style: 'python',
        call: (a, ctx) => splitArgs(a, ctx),
      },
    },
  }),
  declareOp({
    name: 'chunk',
    methods: {
      chunk(this: Tensor, chunks: Int, dim?: Int) {
        return chunk(this, chunks, dim);
      },
    },
    functions: {chunk},
    python: {
      chunk: {
        method: 'chunk(int chunks, int dim=0)',
        function: true,
        call: (t, a) => chunk(t, a.get('chunks') as Int, a.get('dim') as Int),
      },
    },
  }),
  declareOp({
    name: 'unbind',
    nodes: [UNBIND],
    methods: {
      unbind(this: Tensor, dim?: Int) {
        return unbind(this, dim);
      },
    },
    functions: {unbind},
    python: {
      unbind: {
        method: 'unbind(int dim=0)',
        function: true,
        call: (t, a) => unbind(t, a.get('dim') as Int),
      },
    },
  }),
  declareOp({
    name: 'unsafe_split',
    nodes: [UNSAFE_SPLIT],
    methods: {
      unsafeSplit(this: Tensor, splitSize: Int, dim?: Int) {
        return unsafeSplit(this, splitSize, dim);
      },
      unsafeChunk(this: Tensor, chunks: Int, dim?: Int) {
        return unsafeChunk(this, chunks, dim);
      },
    },
    functions: {unsafe_split: unsafeSplit, unsafe_chunk: unsafeChunk},
    python: {
      unsafe_split: {
        method: 'unsafe_split(int split_size, int dim=0)',
        function: true,
        call: (t, a) => unsafeSplit(t, a.get('split_size') as Int, a.get('dim') as Int),
      },
      unsafe_chunk: {
        method: 'unsafe_chunk(int chunks, int dim=0)',
        function: true,
        call: (t, a) => unsafeChunk(t, a.get('chunks') as Int, a.get('dim') as Int),
      },
    },
  }),
];
