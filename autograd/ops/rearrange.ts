/**
 * Ops that copy elements into new places: `flip` (FlipBackward0), `roll` (RollBackward0),
 * `repeat` and `tile` (RepeatBackward0), `tril`/`triu` (TrilBackward0, TriuBackward0) and
 * `expand_as` (an expand). Values are moved, never computed, so they are exact; each backward is
 * made of recorded ops (repeat's is PyTorch's reshape-and-sum), so create_graph=True works.
 */
import {runtimeError, TorchError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {allocate} from '../dtype.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {numelOf, toInt, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {sum} from './reduce.js';
import {expand, reshape} from './views.js';
import {grad0} from './util.js';

const FLIP = declareNode('FlipBackward0', true, [{moves: 'transpose'}]);
const ROLL = declareNode('RollBackward0', true, [{moves: 'transpose'}]);
const REPEAT = declareNode('RepeatBackward0', true, [{moves: 'sumTo'}]);
const TRIL = declareNode('TrilBackward0', true, [{moves: 'copy'}]);
const TRIU = declareNode('TriuBackward0', true, [{moves: 'copy'}]);

/** Row-major strides of a shape. */
function stridesOf(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) out[d] = (out[d + 1] ?? 1) * (shape[d + 1] ?? 1);
  return out;
}

/**
 * A new contiguous tensor of `shape` whose element at each index is x's element at
 * `source(index)` (x read contiguously), or 0 where `source` gives -1.
 */
function remap(x: Tensor, shape: readonly number[], source: (index: number[]) => number): Tensor {
  const data = gather(x, x.dtype);
  const n = numelOf(shape);
  const out = allocate(x.dtype, n);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    const from = source(index);
    out[i] = from < 0 ? 0 : (data[from] ?? 0);
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = (index[d] ?? 0) + 1;
      if ((index[d] ?? 0) < (shape[d] ?? 1)) break;
      index[d] = 0;
    }
  }
  return new Tensor(out, [...shape], x.dtype);
}

function dimList(dims: readonly Int[], ndim: number): number[] {
  const out = dims.map((d) => wrapDim(d, Math.max(ndim, 1)));
  out.forEach((d, i) => {
    if (out.indexOf(d) !== i)
      throw runtimeError(`dim ${d} appears multiple times in the list of dims`);
  });
  return out;
}

/** `x.flip(dims)`: the elements in reverse order along each of `dims`. */
export function flip(x: Tensor, dimsArg: readonly Int[]): Tensor {
  const dims = dimList(dimsArg, x.shape.length);
  const strides = stridesOf(x.shape);
  const out = remap(x, x.shape, (ix) =>
    ix.reduce(
      (at, v, d) => at + (dims.includes(d) ? (x.shape[d] ?? 1) - 1 - v : v) * (strides[d] ?? 0),
      0,
    ),
  );
  if (needsGrad(x)) attach(FLIP, [x], [out], (grads) => [flip(grad0(grads), dims)]);
  reportOp('flip', [x], {dims}, [out]);
  return out;
}

/** `x.roll(shifts, dims)`: elements shifted cyclically; with no dims, over the flattened tensor. */
export function roll(x: Tensor, shiftsArg: readonly Int[], dimsArg: readonly Int[] = []): Tensor {
  const shifts = shiftsArg.map(toInt);
  if (dimsArg.length === 0 && shifts.length === 1) {
    const flat = remapRoll(reshapeQuiet(x, [x.numel()]), shifts, [0]);
    const out = new Tensor(flat.data, [...x.shape], x.dtype);
    return recordRoll(x, out, shifts, []);
  }
  if (shifts.length !== dimsArg.length) {
    throw runtimeError(
      `shifts and dimensions must align. shifts: ${shifts.length}, dims:${dimsArg.length}`,
    );
  }
  const dims = dimsArg.map((d) => wrapDim(d, Math.max(x.shape.length, 1)));
  return recordRoll(x, remapRoll(x, shifts, dims), shifts, dims);
}

function reshapeQuiet(x: Tensor, shape: number[]): Tensor {
  return new Tensor(gather(x, x.dtype), shape, x.dtype);
}

function remapRoll(x: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  const strides = stridesOf(x.shape);
  return remap(x, x.shape, (ix) =>
    ix.reduce((at, v, d) => {
      const size = x.shape[d] ?? 1;
      let from = v;
      dims.forEach((dim, k) => {
        if (dim === d && size > 0) from = (((from - (shifts[k] ?? 0)) % size) + size) % size;
      });
      return at + from * (strides[d] ?? 0);
    }, 0),
  );
}

function recordRoll(x: Tensor, out: Tensor, shifts: number[], dims: number[]): Tensor {
  if (needsGrad(x)) {
    attach(ROLL, [x], [out], (grads) => [
      roll(
        grad0(grads),
        shifts.map((s) => -s),
        dims,
      ),
    ]);
  }
  reportOp('roll', [x], {shifts, dims}, [out]);
  return out;
}

/** `x.repeat(*sizes)`: x tiled `sizes[d]` times along each dimension (new leading ones too). */
export function repeat(x: Tensor, repeatsArg: readonly Int[]): Tensor {
  const repeats = repeatsArg.map(toInt);
  if (repeats.length < x.shape.length) {
    throw runtimeError(
      'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
    );
  }
  const lead = repeats.length - x.shape.length;
  const inShape = [...Array<number>(lead).fill(1), ...x.shape];
  const shape = inShape.map((s, d) => s * (repeats[d] ?? 1));
  const negative = shape.find((s) => s < 0);
  if (negative !== undefined) {
    throw runtimeError(
      `Trying to create tensor with negative dimension ${negative}: [${shape.join(', ')}]`,
    );
  }
  const strides = stridesOf(inShape);
  const out = remap(x, shape, (ix) =>
    ix.reduce((at, v, d) => at + (v % (inShape[d] ?? 1)) * (strides[d] ?? 0), 0),
  );
  const original = x.shape;
  if (needsGrad(x))
    attach(REPEAT, [x], [out], (grads) => [repeatBackward(grad0(grads), repeats, original)]);
  reportOp('repeat', [x], {repeats}, [out]);
  return out;
}

/** PyTorch's repeat_backward: sum away the new dims, then reshape and sum over each repeat. */
function repeatBackward(
  g: Tensor,
  repeats: readonly number[],
  inputShape: readonly number[],
): Tensor {
  if (repeats.includes(0))
    return new Tensor(allocate(g.dtype, numelOf(inputShape)), [...inputShape], g.dtype);
  let grad = g;
  const lead = grad.shape.length - inputShape.length;
  for (let i = 0; i < lead; i++) grad = sum(grad, {dim: 0});
  const size: number[] = [];
  const sumDims: number[] = [];
  inputShape.forEach((s, d) => {
    const r = repeats[d + lead] ?? 1;
    if (r !== 1) {
      size.push(r);
      sumDims.push(size.length - 1);
    }
    size.push(s);
  });
  if (sumDims.length === 0) return grad;
  return sum(reshape(grad, size), {dim: sumDims});
}

/** `x.tile(dims)`: repeat, with dims padded by leading ones to x's dimensions. */
export function tile(x: Tensor, dimsArg: readonly Int[]): Tensor {
  const pad = Math.max(0, x.shape.length - dimsArg.length);
  return repeat(x, [...Array<Int>(pad).fill(1), ...dimsArg]);
}

function triangle(x: Tensor, diagonalArg: Int, lower: boolean): Tensor {
  const name = lower ? 'tril' : 'triu';
  if (x.shape.length === 0) {
    throw new TorchError('IndexError', 'Dimension specified as -2 but tensor has no dimensions');
  }
  wrapDim(-2, x.shape.length); // PyTorch's own error for a 1-D tensor
  const k = toInt(diagonalArg);
  const n = x.shape.length;
  const strides = stridesOf(x.shape);
  const out = remap(x, x.shape, (ix) => {
    const keep = lower
      ? (ix[n - 1] ?? 0) - (ix[n - 2] ?? 0) <= k
      : (ix[n - 1] ?? 0) - (ix[n - 2] ?? 0) >= k;
    return keep ? ix.reduce((at, v, d) => at + v * (strides[d] ?? 0), 0) : -1;
  });
  if (needsGrad(x)) {
    attach(lower ? TRIL : TRIU, [x], [out], (grads) => [triangle(grad0(grads), k, lower)]);
  }
  reportOp(name, [x], {diagonal: k}, [out]);
  return out;
}

/** `x.tril(diagonal=0)`: zeros above the `diagonal`-th diagonal. */
export function tril(x: Tensor, diagonal: Int = 0): Tensor {
  return triangle(x, diagonal, true);
}

/** `x.triu(diagonal=0)`: zeros below the `diagonal`-th diagonal. */
export function triu(x: Tensor, diagonal: Int = 0): Tensor {
  return triangle(x, diagonal, false);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `flip(dims)`. */
    flip(dims: readonly Int[]): Tensor;
    /** `roll(shifts, dims=())`. */
    roll(shifts: readonly Int[], dims?: readonly Int[]): Tensor;
    /** `repeat(*sizes)`. */
    repeat(repeats: readonly Int[]): Tensor;
    /** `tile(dims)`. */
    tile(dims: readonly Int[]): Tensor;
    /** `tril(diagonal=0)`. */
    tril(diagonal?: Int): Tensor;
    /** `triu(diagonal=0)`. */
    triu(diagonal?: Int): Tensor;
    /** `expand_as(other)`. */
    expandAs(other: Tensor): Tensor;
    /** `broadcast_to(size)`: an expand. */
    broadcastTo(size: readonly Int[]): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.flip(input, dims)`. */
    flip(x: Tensor, dims: readonly Int[]): Tensor;
    /** `torch.roll(input, shifts, dims=())`. */
    roll(x: Tensor, shifts: readonly Int[], dims?: readonly Int[]): Tensor;
    /** `torch.tile(input, dims)`. */
    tile(x: Tensor, dims: readonly Int[]): Tensor;
    /** `torch.tril(input, diagonal=0)`. */
    tril(x: Tensor, diagonal?: Int): Tensor;
    /** `torch.triu(input, diagonal=0)`. */
    triu(x: Tensor, diagonal?: Int): Tensor;
  }
}

/** An `int[1]` argument, already bound (`ints`: one int stands for a one-element list). */
function ints(v: unknown): Int[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? (v as Int[]) : [v as Int];
}

function triangleDeclaration(name: 'tril' | 'triu'): OpDeclaration {
  const run = name === 'tril' ? tril : triu;
  return declareOp({
    name,
    nodes: [name === 'tril' ? TRIL : TRIU],
    methods: {
      [name](this: Tensor, diagonal?: Int) {
        return run(this, diagonal);
      },
    },
    functions: {[name]: run},
    python: {
      [name]: {
        method: `${name}(int diagonal=0)`,
        function: true,
        call: (t, a) => run(t, a.get('diagonal') as Int),
      },
    },
  });
}

/** flip, roll, repeat, tile, tril, triu, expand_as, broadcast_to. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'flip',
    nodes: [FLIP],
    methods: {
      flip(this: Tensor, dims: readonly Int[]) {
        return flip(this, dims);
      },
    },
    functions: {flip},
    python: {
      flip: {
        method: 'flip(*ints dims)',
        function: true,
        call: (t, a) => flip(t, ints(a.get('dims'))),
      },
    },
  }),
  declareOp({
    name: 'roll',
    nodes: [ROLL],
    methods: {
      roll(this: Tensor, shifts: readonly Int[], dims?: readonly Int[]) {
        return roll(this, shifts, dims);
      },
    },
    functions: {roll},
    python: {
      roll: {
        method: 'roll(ints shifts, ints dims=None)',
        function: true,
        call: (t, a) => roll(t, ints(a.get('shifts')), ints(a.get('dims'))),
      },
    },
  }),
  declareOp({
    name: 'repeat',
    nodes: [REPEAT],
    methods: {
      repeat(this: Tensor, repeats: readonly Int[]) {
        return repeat(this, repeats);
      },
      tile(this: Tensor, dims: readonly Int[]) {
        return tile(this, dims);
      },
    },
    functions: {tile},
    python: {
      repeat: {
        method: 'repeat(*ints repeats)',
        call: (t, a) => repeat(t, ints(a.get('repeats'))),
      },
      tile: {
        method: 'tile(*ints dims)',
        function: true,
        call: (t, a) => tile(t, ints(a.get('dims'))),
      },
    },
  }),
  triangleDeclaration('tril'),
  triangleDeclaration('triu'),
  declareOp({
    name: 'expand_as',
    methods: {
      expandAs(this: Tensor, other: Tensor) {
        return expand(this, other.shape);
      },
    },
    python: {
      expand_as: {
        method: 'expand_as(Tensor other)',
        call: (t, a) => expand(t, (a.get('other') as Tensor).shape),
      },
    },
  }),
  declareOp({
    name: 'broadcast_to',
    methods: {
      broadcastTo(this: Tensor, size: readonly Int[]) {
        return expand(this, size);
      },
    },
    python: {
      broadcast_to: {
        method: 'broadcast_to(ints size)',
        call: (t, a) => expand(t, ints(a.get('size'))),
      },
    },
  }),
];
