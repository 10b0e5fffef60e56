/**
 * In-place forms of the elementwise functions: `x.relu_()`, `x.exp_()`, `x.clamp_(0, 1)`,
 * `torch.sigmoid_(x)`, … and `F.relu(x, inplace=True)`. The values are the out-of-place op's,
 * written into x through its storage (views included), with the version bumped. When x has a
 * history, its grad_fn becomes the op's node (ReluBackward0 for relu_, as PyTorch names it)
 * whose input edge is x's old history; where the formula needs the input, the node keeps a
 * copy of the values x had (PyTorch's `original_self` clone), so the gradient is right.
 */
import {canCast, scalarTypeName} from '../dtype.js';
import type {Scalar} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {isGradEnabled} from '../gradmode.js';
import {FunctionNode} from '../node.js';
import {gather} from '../kernels/strided.js';
import {reportOp} from '../record.js';
import {declareOp} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import type {OpArg} from '../observer.js';
import {muteObserver} from '../report.js';
import {Tensor} from '../tensor.js';
import {checkInplace, rebaseRetained} from './inplace.js';
import {tensorArg} from './python-args.js';
import {rsqrt, square} from './pointwise.js';
import {rounding} from './rounding.js';
import {transcendental} from './transcendental.js';
import * as unary from './unary.js';
import {quietly, scalarArg} from './util.js';
import {writeStrided} from './views.js';

/** Runs `op` as x's in-place form `name` (`relu_`); returns x. */
export function unaryInPlace(
  x: Tensor,
  name: string,
  op: (t: Tensor) => Tensor,
  args: Readonly<Record<string, Scalar | null>> = {},
): Tensor {
  checkInplace(x, false);
  const record = isGradEnabled() && x.gradFn !== null;
  if (record && x.base !== null) {
    throw runtimeError(
      `grad-graph: ${name} on a view of a tensor that requires grad (PyTorch rebases it with CopySlices) is not supported`,
    );
  }
  let out: Tensor;
  if (record) {
    // A stand-in holding x's values and history: the op links its node to x's old grad_fn.
    // It keeps x's strides, so a kernel that treats each contiguous run apart (sigmoid's
    // vector blocks and scalar tail) sees the runs PyTorch's in-place loop sees.
    const dense = x.isContiguous();
    const src = dense
      ? new Tensor(gather(x, x.dtype), [...x.shape], x.dtype)
      : new Tensor(x.data.slice(), [...x.shape], x.dtype, [...x.strides], x.offset, {value: 0});
    src.gradFn = x.gradFn;
    src.outputNr = x.outputNr;
    out = muteObserver(() => op(src));
  } else {
    out = quietly(() => op(x));
  }
  if (out.dtype !== x.dtype && !canCast(out.dtype, x.dtype)) {
    throw runtimeError(
      `result type ${scalarTypeName(out.dtype)} can't be cast to the desired output type ${scalarTypeName(x.dtype)}`,
    );
  }
  writeStrided(x, gather(out, x.dtype));
  x.version.value++;
  if (record) {
    const old = x.gradFn;
    x.gradFn = out.gradFn;
    x.outputNr = 0;
    if (x.gradFn instanceof FunctionNode) x.gradFn.rebindSavedOutput(out, x);
    rebaseRetained(x, old);
  }
  const reported: Record<string, OpArg> = {};
  for (const [k, v] of Object.entries(args)) reported[k] = scalarArg(v);
  reportOp(name, [x], reported, [x], true);
  return x;
}

/** The functions with an in-place form, by name, with their out-of-place op. */
const FUNCTIONS: Readonly<Record<string, (t: Tensor) => Tensor>> = {
  relu: unary.relu,
  sigmoid: unary.sigmoid,
  tanh: unary.tanh,
  exp: unary.exp,
  log: unary.log,
  sqrt: unary.sqrt,
  rsqrt,
  abs: unary.abs,
  neg: unary.neg,
  negative: unary.neg,
  reciprocal: unary.reciprocal,
  sin: unary.sin,
  cos: unary.cos,
  square,
  floor: (t) => rounding('floor', t),
  ceil: (t) => rounding('ceil', t),
  trunc: (t) => rounding('trunc', t),
  fix: (t) => rounding('trunc', t),
  ...Object.fromEntries(
    [
      'tan',
      'asin',
      'acos',
      'atan',
      'arcsin',
      'arccos',
      'arctan',
      'sinh',
      'cosh',
      'log2',
      'log10',
      'log1p',
      'expm1',
      'exp2',
      'erf',
      'erfc',
    ].map((n) => [n, (t: Tensor) => transcendental(n, t)]),
  ),
};

/** `F.relu(input, inplace=False)`: relu, or relu_ when asked. */
function functionalRelu(a: BoundArgs, ctx: PythonCallContext): Tensor {
  const x = tensorArg('relu', a, 'input', ctx);
  return a.get('inplace') === true ? unaryInPlace(x, 'relu_', unary.relu) : unary.relu(x);
}

/** `x.relu_()`, `torch.relu_(x)`, … for every function above, `clamp_`, and `F.relu`. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'relu',
    functional: {relu: (x: Tensor) => unary.relu(x)},
    pythonFunctional: {
      relu: {signature: 'relu(any input, any inplace=False)', call: functionalRelu},
    },
  }),
  ...Object.entries(FUNCTIONS).map(([base, op]) => {
    const name = `${base}_`;
    const run = (t: Tensor) => unaryInPlace(t, name, op);
    return declareOp({
      name,
      python: {[name]: {method: `${name}()`, noArgs: true, function: true, call: run}},
    });
  }),
  declareOp({
    name: 'clamp_',
    python: {
      clamp_: {
        method: 'clamp_(Number? min=None, Number? max=None)',
        function: true,
        call: (t, a) => {
          const min = a.get('min') as Scalar | null;
          const max = a.get('max') as Scalar | null;
          return unaryInPlace(t, 'clamp_', (s) => unary.clamp(s, min, max), {min, max});
        },
      },
    },
  }),
];
