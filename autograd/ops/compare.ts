/**
 * Comparisons (`>`, `>=`, `<`, `<=`, `==`, `!=`) and argmax: bool or int64 results, never
 * differentiable. Operands are compared in their promoted dtype, as in PyTorch.
 */
import type {Scalar} from '../dtype.js';
import {binary} from '../kernels/elementwise.js';
import {reduceDim} from '../kernels/reduce.js';
import {gather} from '../kernels/strided.js';
import {reportOp} from '../record.js';
import {declareOp, overload} from '../op.js';
import type {OpDeclaration} from '../op.js';
import {TorchError} from '../errors.js';
import {numelOf, wrapDim} from '../shape.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import {fromKernel, layoutOf, promote, scalarArg, tensorOrNull} from './util.js';

/** The comparison ops by PyTorch name. */
export type Comparison = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne';

/** `torch.gt(input, other)` and friends: elementwise, broadcasting, bool result. */
export function compare(op: Comparison, a: Tensor, b: Tensor | Scalar): Tensor {
  const dtype = promote(a, b);
  const out = fromKernel(binary(op, a, layoutOf(b, dtype), 'bool'), 'bool');
  const bt = tensorOrNull(b);
  reportOp(op, bt ? [a, bt] : [a], {other: scalarArg(b)}, [out]);
  return out;
}

/** `torch.argmax(input, dim=None, keepdim=False)`: index of the first maximum (NaN counts as largest). */
export function argmax(x: Tensor, dim: Int | null = null, keepdim = false): Tensor {
  const src = gather(x, x.dtype === 'float32' ? 'float32' : 'float64');
  if (dim === null) {
    if (x.numel() === 0) {
      throw new TorchError(
        'IndexError',
        'argmax(): Expected reduction dim to be specified for input.numel() == 0.',
      );
    }
    const idx = reduceDim('argmax', src, 1, src.length, 1, 'int64');
    const out = new Tensor(idx, keepdim ? x.shape.map(() => 1) : [], 'int64');
    reportOp('argmax', [x], {dim: null, keepdim}, [out]);
    return out;
  }
  const d = wrapDim(dim, x.shape.length);
  if (x.shape[d] === 0) {
    throw new TorchError(
      'IndexError',
      `argmax(): Expected reduction dim ${d} to have non-zero size.`,
    );
  }
  const outer = numelOf(x.shape.slice(0, d));
  const inner = numelOf(x.shape.slice(d + 1));
  const idx = reduceDim('argmax', src, outer, x.shape[d] ?? 1, inner, 'int64');
  const shape = x.shape.flatMap((s, i) => (i === d ? (keepdim ? [1] : []) : [s]));
  const out = new Tensor(idx, shape, 'int64');
  reportOp('argmax', [x], {dim: d, keepdim}, [out]);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `gt(other)` / `>`. */
    gt(other: Tensor | Scalar): Tensor;
    /** `ge(other)` / `>=`. */
    ge(other: Tensor | Scalar): Tensor;
    /** `lt(other)` / `<`. */
    lt(other: Tensor | Scalar): Tensor;
    /** `le(other)` / `<=`. */
    le(other: Tensor | Scalar): Tensor;
    /** `eq(other)` / `==`. */
    eq(other: Tensor | Scalar): Tensor;
    /** `ne(other)` / `!=`. */
    ne(other: Tensor | Scalar): Tensor;
    /** `argmax(dim=None, keepdim=False)`: int64 index of the first maximum. */
    argmax(options?: {dim?: Int | null; keepdim?: boolean}): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.gt(input, other)`. */
    gt(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.ge(input, other)`. */
    ge(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.lt(input, other)`. */
    lt(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.le(input, other)`. */
    le(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.eq(input, other)`. */
    eq(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.ne(input, other)`. */
    ne(x: Tensor, other: Tensor | Scalar): Tensor;
    /** `torch.argmax(input, dim=None, keepdim=False)`. */
    argmax(x: Tensor, options?: {dim?: Int | null; keepdim?: boolean}): Tensor;
  }
}

const SYMBOLS: Record<Comparison, string> = {
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  eq: '==',
  ne: '!=',
};

function comparison(op: Comparison): OpDeclaration {
  return declareOp({
    name: op,
    operators: {[SYMBOLS[op]]: {binary: (t, o) => compare(op, t, o)}},
    methods: {
      [op](this: Tensor, other: Tensor | Scalar) {
        return compare(op, this, other);
      },
    },
    functions: {[op]: (x: Tensor, other: Tensor | Scalar) => compare(op, x, other)},
    python: {
      [op]: {
        method: `${op}(TensorOrNumber other)`,
        overloads: [overload('(Tensor other)', 1, 1), overload('(Number other)', 1, 1)],
        function: true,
        call: (t, a) => compare(op, t, a.get('other') as Tensor | Scalar),
      },
    },
  });
}

type ArgmaxOptions = {dim?: Int | null; keepdim?: boolean};

/** The comparisons and argmax (no derivative: bool and int64 results). */
export const declarations: readonly OpDeclaration[] = [
  ...(['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const).map(comparison),
  declareOp({
    name: 'argmax',
    methods: {
      argmax(this: Tensor, options: ArgmaxOptions = {}) {
        return argmax(this, options.dim ?? null, options.keepdim ?? false);
      },
    },
    functions: {
      argmax: (x: Tensor, options: ArgmaxOptions = {}) =>
        argmax(x, options.dim ?? null, options.keepdim ?? false),
    },
    python: {
      argmax: {
        method: 'argmax(int? dim=None, bool keepdim=False)',
        function: true,
        call: (t, a) => argmax(t, a.get('dim') as Int | null, a.get('keepdim') === true),
      },
    },
  }),
];
