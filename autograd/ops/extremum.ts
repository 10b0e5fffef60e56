/**
 * Elementwise extrema of two tensors: `maximum`/`minimum` (a NaN in either wins; `torch.max(a, b)`
 * and `torch.min(a, b)` are these) and `fmax`/`fmin` (a NaN loses to a number), broadcasting,
 * in the promoted dtype. maximum's gradient goes to the larger operand and is halved on a tie;
 * fmax's goes whole to the operand it picked.
 */
import type {DType} from '../dtype.js';
import {allocate, toStored} from '../dtype.js';
import {binary} from '../kernels/elementwise.js';
import {broadcastShapes} from '../shape.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp} from '../op.js';
import type {NodeDeclaration, OpDeclaration} from '../op.js';
import {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {compare} from './compare.js';
import {maskedFill, where} from './masked.js';
import {isnan} from './pointwise.js';
import {logical} from './logical.js';
import {fromKernel, grad0, promote, valuesAt} from './util.js';

/** Which of the four ops. */
type Kind = 'maximum' | 'minimum' | 'fmax' | 'fmin';

const NODES: Record<Kind, NodeDeclaration> = {
  maximum: declareNode('MaximumBackward0', true),
  minimum: declareNode('MinimumBackward0', true),
  fmax: declareNode('FmaxBackward0', true),
  fmin: declareNode('FminBackward0', true),
};

/** `out[i] = fmax(a[i], b[i])` / `fmin`: C's fmax, a NaN operand gives the other one. */
function nanIgnoring(kind: 'fmax' | 'fmin', a: Tensor, b: Tensor, dtype: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const x = valuesAt(a, shape);
  const y = valuesAt(b, shape);
  const out = allocate(dtype, x.length);
  for (let i = 0; i < x.length; i++) {
    const p = x[i] ?? 0;
    const q = y[i] ?? 0;
    const pick = p !== p ? q : q !== q ? p : kind === 'fmax' ? (p >= q ? p : q) : p <= q ? p : q;
    out[i] = toStored(pick, dtype);
  }
  return new Tensor(out, shape, dtype);
}

/**
 * The gradients PyTorch 1.13's derivatives.yaml gives (as recorded ops, so a graph of the
 * gradient can be built): maximum sends `where(a == b, g/2, g)` masked to 0 where the operand
 * lost; fmax sends g to `a` where `a >= b or b is NaN`, and to `b` elsewhere.
 */
function backward(kind: Kind, g: Tensor, a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (kind === 'maximum' || kind === 'minimum') {
    const shared = where(compare('eq', a, b), arith.div(g, 2), g);
    const aLoses = compare(kind === 'maximum' ? 'lt' : 'gt', a, b);
    const bLoses = compare(kind === 'maximum' ? 'gt' : 'lt', a, b);
    return [maskedFill(shared, aLoses, 0), maskedFill(shared, bLoses, 0)];
  }
  const aWins = logical('or', compare(kind === 'fmax' ? 'ge' : 'le', a, b), isnan(b));
  return [maskedFill(g, logical('not', aWins), 0), maskedFill(g, aWins, 0)];
}

/** `torch.maximum(a, b)` and the other three: elementwise, broadcasting, promoted dtype. */
export function extremum(kind: Kind, a: Tensor, b: Tensor): Tensor {
  const dtype = promote(a, b);
  const out =
    kind === 'maximum' || kind === 'minimum'
      ? fromKernel(binary(kind === 'maximum' ? 'max' : 'min', a, b, dtype), dtype)
      : nanIgnoring(kind, a, b, dtype);
  if (needsGrad(a, b)) {
    attach(NODES[kind], [a, b], [out], (grads, saved) => {
      const [ga, gb] = backward(kind, grad0(grads), saved[0] ?? a, saved[1] ?? b);
      return [ga, gb];
    });
  }
  reportOp(kind, [a, b], {}, [out]);
  return out;
}

/** `torch.maximum(a, b)`: the larger element (NaN if either is NaN). */
export function maximum(a: Tensor, b: Tensor): Tensor {
  return extremum('maximum', a, b);
}

/** `torch.minimum(a, b)`: the smaller element (NaN if either is NaN). */
export function minimum(a: Tensor, b: Tensor): Tensor {
  return extremum('minimum', a, b);
}

declare module '../tensor.js' {
  interface Tensor {
    /** `maximum(other)`. */
    maximum(other: Tensor): Tensor;
    /** `minimum(other)`. */
    minimum(other: Tensor): Tensor;
    /** `fmax(other)`: NaN-ignoring maximum. */
    fmax(other: Tensor): Tensor;
    /** `fmin(other)`: NaN-ignoring minimum. */
    fmin(other: Tensor): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.maximum(input, other)`. */
    maximum(x: Tensor, other: Tensor): Tensor;
    /** `torch.minimum(input, other)`. */
    minimum(x: Tensor, other: Tensor): Tensor;
    /** `torch.fmax(input, other)`. */
    fmax(x: Tensor, other: Tensor): Tensor;
    /** `torch.fmin(input, other)`. */
    fmin(x: Tensor, other: Tensor): Tensor;
  }
}

function declaration(kind: Kind): OpDeclaration {
  return declareOp({
    name: kind,
    nodes: [NODES[kind]],
    methods: {
      [kind](this: Tensor, other: Tensor) {
        return extremum(kind, this, other);
      },
    },
    functions: {[kind]: (x: Tensor, other: Tensor) => extremum(kind, x, other)},
    python: {
      [kind]: {
        method: `${kind}(Tensor other)`,
        function: true,
        out: 'cast',
        call: (t, a) => extremum(kind, t, a.get('other') as Tensor),
      },
    },
  });
}

/** maximum, minimum, fmax and fmin. */
export const declarations: readonly OpDeclaration[] = (
  ['maximum', 'minimum', 'fmax', 'fmin'] as const
).map(declaration);
