/**
 * Unary elementwise ops, each with its derivative: neg, reciprocal, exp, log, sqrt, abs, sin,
 * cos, tanh, sigmoid, relu, clamp. Integer inputs to a floating function give float32.
 */
import type {DType, Scalar} from '../dtype.js';
import {isFloating, refuseHalf, toStored} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {binary, clampKernel, unary as unaryKernel} from '../kernels/elementwise.js';
import type {UnaryKernel} from '../kernels/elementwise.js';
import {fma32} from '../kernels/sleef.js';
import {fma as fma64} from '../kernels/sleef-double.js';
import {gather} from '../kernels/strided.js';
import {save} from '../node.js';
import type {BackwardFn} from '../node.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, NodeDeclaration, OpDeclaration, PythonCallContext} from '../op.js';
import {deprecatedFunctional, tensorArg} from './python-args.js';
import {sameShape} from '../shape.js';
import type {Tensor} from '../tensor.js';
import * as arith from './arith.js';
import {fromKernel, grad0, layoutOf, quietly} from './util.js';
import {gradNode, recordGrad} from './double-backward.js';
import {isGradEnabled} from '../gradmode.js';
import {sign} from './pointwise.js';
import * as factories from './factories.js';

type Saves = 'self' | 'result' | 'none';

const x0 = {operand: 0};
const NEG = declareNode('NegBackward0', true, [-1]);
const RECIPROCAL = declareNode('ReciprocalBackward0', true, [{neg: {inverse: {square: x0}}}]);
const EXP = declareNode('ExpBackward0', true, [{out: {fn: 'exp', of: x0}}]);
const LOG = declareNode('LogBackward0', true, [{inverse: x0}]);
const SQRT = declareNode('SqrtBackward0', true, [
  {inverse: {mul: [2, {out: {fn: 'sqrt', of: x0}}]}},
]);
const ABS = declareNode('AbsBackward0', true, [{fn: 'sign', of: x0}]);
const SIN = declareNode('SinBackward0', true, [{fn: 'cos', of: x0}]);
const COS = declareNode('CosBackward0', true, [{neg: {fn: 'sin', of: x0}}]);
const TANH = declareNode('TanhBackward0', true, [
  {sub: [1, {square: {out: {fn: 'tanh', of: x0}}}]},
]);
const SIGMOID = declareNode('SigmoidBackward0', true, [
  {mul: [{out: {fn: 'σ', of: x0}}, {sub: [1, {out: {fn: 'σ', of: x0}}]}]},
]);
const RELU = declareNode('ReluBackward0', true, [{positive: x0}]);
const CLAMP = declareNode('ClampBackward1', false);
const TANH_BACKWARD = gradNode('TanhBackwardBackward0');
const SIGMOID_BACKWARD = gradNode('SigmoidBackwardBackward0');
const THRESHOLD_BACKWARD = gradNode('ThresholdBackwardBackward0');

/** PyTorch 1.13's CPU kernels that have no float16 version, by our kernel (see refuseHalf). */
const HALF_REFUSED: Partial<Record<UnaryKernel, string>> = {
  exp: 'exp_vml_cpu',
  log: 'log_vml_cpu',
  sqrt: 'sqrt_vml_cpu',
  sin: 'sin_vml_cpu',
  cos: 'cos_vml_cpu',
  tanh: 'tanh_vml_cpu',
  sigmoid: 'sigmoid_cpu',
  relu: 'clamp_min_cpu',
};

/** Runs a unary kernel and records its node; `floatOut` ops turn integer inputs into float32. */
function unaryOp(
  op: string,
  kernel: UnaryKernel,
  x: Tensor,
  floatOut: boolean,
  node: NodeDeclaration,
  saves: Saves,
  backward: (g: Tensor, saved: Tensor) => Tensor,
): Tensor {
  const halfKernel = HALF_REFUSED[kernel];
  if (halfKernel !== undefined) refuseHalf(x.dtype, halfKernel);
  const dtype: DType = floatOut && !isFloating(x.dtype) ? 'float32' : x.dtype;
  const out = fromKernel(unaryKernel(kernel, x, dtype), dtype);
  if (needsGrad(x)) {
    const fn: BackwardFn = (grads, saved) => [backward(grad0(grads), saved[0] ?? x)];
    attach(node, [x], [out], fn, () =>
      saves === 'self' ? [save(x)] : saves === 'result' ? [save(out, true)] : [],
    );
  }
  reportOp(op, [x], {}, [out]);
  return out;
}

/** `torch.neg(x)` / `-x`: ∂ = -grad. */
export function neg(x: Tensor): Tensor {
  if (x.dtype === 'bool') {
    throw runtimeError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert ' +
        'a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  return unaryOp('neg', 'neg', x, false, NEG, 'none', (g) => neg(g));
}

/** `torch.reciprocal(x)`: ∂ = -grad·y². */
export function reciprocal(x: Tensor): Tensor {
  return unaryOp('reciprocal', 'reciprocal', x, true, RECIPROCAL, 'result', (g, y) =>
    arith.mul(neg(g), arith.mul(y, y)),
  );
}

/** `torch.exp(x)`: ∂ = grad·y. */
export function exp(x: Tensor): Tensor {
  return unaryOp('exp', 'exp', x, true, EXP, 'result', (g, y) => arith.mul(g, y));
}

/** `torch.log(x)`: ∂ = grad/x. */
export function log(x: Tensor): Tensor {
  return unaryOp('log', 'log', x, true, LOG, 'self', (g, s) => arith.div(g, s));
}

/** `torch.sqrt(x)`: ∂ = grad/(2y). */
export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', 'sqrt', x, true, SQRT, 'result', (g, y) => arith.div(g, arith.mul(y, 2)));
}

/** `torch.abs(x)`: ∂ = grad·sign(x) (0 at 0). */
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', 'abs', x, false, ABS, 'self', (g, s) =>
    // create_graph=True: PyTorch's formula as recorded ops, grad·sgn(x).
    isGradEnabled() && (g.requiresGrad || s.requiresGrad)
      ? arith.mul(g, sign(s))
      : fromKernel(binary('signGrad', g, s, g.dtype), g.dtype),
  );
}

/** `torch.sin(x)`: ∂ = grad·cos x. */
export function sin(x: Tensor): Tensor {
  return unaryOp('sin', 'sin', x, true, SIN, 'self', (g, s) => arith.mul(g, cos(s)));
}

/** `torch.cos(x)`: ∂ = -grad·sin x. */
export function cos(x: Tensor): Tensor {
  return unaryOp('cos', 'cos', x, true, COS, 'self', (g, s) => arith.mul(g, neg(sin(s))));
}

/** `torch.tanh(x)`: ∂ = grad·(1 - y²). */
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', 'tanh', x, true, TANH, 'result', tanhBackward);
}

/**
 * `tanh_backward(grad, y)`: grad·(1 - y²); TanhBackwardBackward0 under create_graph=True
 * (∂/∂grad = tanh_backward(gg, y), ∂/∂y = gg·(-2·y·grad)).
 */
function tanhBackward(g: Tensor, y: Tensor): Tensor {
  const gi = quietly(() =>
    (g.dtype === 'float32' || g.dtype === 'float64') &&
    g.dtype === y.dtype &&
    sameShape(g.shape, y.shape)
      ? tanhGrad(g, y, g.dtype)
      : arith.mul(g, arith.rsub(arith.mul(y, y), 1)),
  );
  return recordGrad(TANH_BACKWARD, [g, y], gi, (gg) => [
    tanhBackward(gg, y),
    arith.mul(gg, arith.mul(arith.mul(y, -2), g)),
  ]);
}

/**
 * PyTorch's float32 and float64 tanh_backward kernel: grad·(1 - y·y), the 1 - y·y fused into
 * one multiply-add (GCC contracts the vector code's multiply and subtract).
 */
function tanhGrad(g: Tensor, y: Tensor, dtype: 'float32' | 'float64'): Tensor {
  const gd = gather(g, dtype);
  const yd = gather(y, dtype);
  const out = dtype === 'float32' ? new Float32Array(gd.length) : new Float64Array(gd.length);
  const fused = dtype === 'float32' ? fma32 : fma64;
  for (let i = 0; i < out.length; i++) {
    const yi = yd[i] ?? 0;
    out[i] = (gd[i] ?? 0) * fused(-yi, yi, 1);
  }
  return fromKernel({data: out, shape: [...g.shape]}, dtype);
}

/** `torch.sigmoid(x)`: ∂ = grad·(1 - y)·y. */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', 'sigmoid', x, true, SIGMOID, 'result', sigmoidBackward);
}

/**
 * `sigmoid_backward(grad, y)`: grad·(1 - y)·y; SigmoidBackwardBackward0 under create_graph=True
 * (∂/∂grad = sigmoid_backward(gg, y), ∂/∂y = gg·grad·(-2·y + 1)).
 */
export function sigmoidBackward(g: Tensor, y: Tensor): Tensor {
  const gi = quietly(() => arith.mul(arith.mul(g, arith.rsub(y, 1)), y));
  return recordGrad(SIGMOID_BACKWARD, [g, y], gi, (gg) => [
    sigmoidBackward(gg, y),
    arith.mul(arith.mul(gg, g), arith.add(arith.mul(y, -2), 1)),
  ]);
}

/** `torch.relu(x)` / `F.relu(x)`: ∂ = grad where y > 0, else 0. */
export function relu(x: Tensor): Tensor {
  if (x.dtype === 'bool') throw runtimeError('"clamp_min_cpu" not implemented for \'Bool\'');
  return unaryOp('relu', 'relu', x, false, RELU, 'result', reluBackward);
}

/**
 * relu's `threshold_backward(grad, y, 0)`: grad where y > 0; ThresholdBackwardBackward0 under
 * create_graph=True (∂/∂grad = threshold_backward(gg, y, 0), ∂/∂y = zeros).
 */
function reluBackward(g: Tensor, y: Tensor): Tensor {
  const gi = fromKernel(binary('reluGrad', g, y, g.dtype), g.dtype);
  return recordGrad(THRESHOLD_BACKWARD, [g, y], gi, (gg) => [
    reluBackward(gg, y),
    factories.zerosOf(gg.shape, gg.dtype),
  ]);
}

/** `torch.clamp(x, min, max)`: ∂ = grad where min ≤ x ≤ max, else 0 (ClampBackward1). */
export function clamp(x: Tensor, min: Scalar | null, max: Scalar | null): Tensor {
  if (min === null && max === null) {
    throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
  refuseHalf(
    x.dtype,
    max === null ? 'clamp_min_cpu' : min === null ? 'clamp_max_scalar_cpu' : 'clamp_scalar_cpu',
  );
  const dtype =
    [min, max].some((b) => typeof b === 'number') && !isFloating(x.dtype) ? 'float32' : x.dtype;
  const lo = min === null ? null : toStored(min, dtype);
  const hi = max === null ? null : toStored(max, dtype);
  const out = fromKernel(clampKernel(x, lo, hi, dtype), dtype);
  if (needsGrad(x)) {
    attach(
      CLAMP,
      [x],
      [out],
      (grads, saved) => {
        const g = grad0(grads);
        const s = saved[0] ?? x;
        let mask = g;
        if (lo !== null) mask = fromKernel(binary('ge', s, layoutOf(lo, s.dtype), 'bool'), 'bool');
        if (hi !== null) {
          const upper = fromKernel(binary('le', s, layoutOf(hi, s.dtype), 'bool'), 'bool');
          mask = lo === null ? upper : fromKernel(binary('mul', mask, upper, 'bool'), 'bool');
        }
        return [fromKernel(binary('mul', g, mask, g.dtype), g.dtype)];
      },
      () => [save(x)],
    );
  }
  reportOp(
    'clamp',
    [x],
    {min: min === null ? null : Number(min), max: max === null ? null : Number(max)},
    [out],
  );
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `neg()` / unary `-`. */
    neg(): Tensor;
    /** `reciprocal()`. */
    reciprocal(): Tensor;
    /** `exp()`. */
    exp(): Tensor;
    /** `log()`. */
    log(): Tensor;
    /** `sqrt()`. */
    sqrt(): Tensor;
    /** `abs()`. */
    abs(): Tensor;
    /** `sin()`. */
    sin(): Tensor;
    /** `cos()`. */
    cos(): Tensor;
    /** `tanh()`. */
    tanh(): Tensor;
    /** `sigmoid()`. */
    sigmoid(): Tensor;
    /** `relu()`. */
    relu(): Tensor;
    /** `clamp(min=None, max=None)`. */
    clamp(options: {min?: Scalar | null; max?: Scalar | null}): Tensor;
  }
}

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.relu(input)`. */
    relu(x: Tensor): Tensor;
    /** `F.sigmoid(input)`. */
    sigmoid(x: Tensor): Tensor;
    /** `F.tanh(input)`. */
    tanh(x: Tensor): Tensor;
  }
  interface TorchFunctions {
    /** `torch.neg(input)`. */
    neg(x: Tensor): Tensor;
    /** `torch.reciprocal(input)`. */
    reciprocal(x: Tensor): Tensor;
    /** `torch.exp(input)`. */
    exp(x: Tensor): Tensor;
    /** `torch.log(input)`. */
    log(x: Tensor): Tensor;
    /** `torch.sqrt(input)`. */
    sqrt(x: Tensor): Tensor;
    /** `torch.abs(input)`. */
    abs(x: Tensor): Tensor;
    /** `torch.sin(input)`. */
    sin(x: Tensor): Tensor;
    /** `torch.cos(input)`. */
    cos(x: Tensor): Tensor;
    /** `torch.tanh(input)`. */
    tanh(x: Tensor): Tensor;
    /** `torch.sigmoid(input)`. */
    sigmoid(x: Tensor): Tensor;
    /** `torch.relu(input)`. */
    relu(x: Tensor): Tensor;
    /** `torch.clamp(input, min=None, max=None)`. */
    clamp(x: Tensor, options: {min?: Scalar | null; max?: Scalar | null}): Tensor;
  }
}

/** A unary op: `x.name()`, `torch.name(x)` and their Python forms. */
function unaryDeclaration(
  name: string,
  node: NodeDeclaration,
  run: (x: Tensor) => Tensor,
): OpDeclaration {
  // F.relu, with its inplace=, is declared with the in-place forms (unary-inplace.ts).
  const functional = name === 'tanh' || name === 'sigmoid';
  return declareOp({
    name,
    nodes: [node],
    methods: {
      [name](this: Tensor) {
        return run(this);
      },
    },
    functions: {[name]: (x: Tensor) => run(x)},
    python: {
      [name]: {
        method: `${name}()`,
        noArgs: true,
        function: true,
        // neg and abs keep the input's dtype (PyTorch: "Found dtype … but expected …"); relu has no out=.
        ...(name === 'relu' ? {} : {out: name === 'neg' || name === 'abs' ? 'same' : 'cast'}),
        call: (t) => run(t),
      },
    },
    ...(functional
      ? {
          functional: {[name]: (x: Tensor) => run(x)},
          pythonFunctional: {
            [name]: {
              signature: `${name}(any input)`,
              call: (a: BoundArgs, ctx: PythonCallContext) => {
                deprecatedFunctional(name, ctx);
                return run(tensorArg(name, a, 'input', ctx));
              },
            },
          },
        }
      : {}),
  });
}

/** The unary elementwise ops. */
export const declarations: readonly OpDeclaration[] = [
  {...unaryDeclaration('neg', NEG, neg), operators: {'-': {unary: neg}}},
  unaryDeclaration('reciprocal', RECIPROCAL, reciprocal),
  unaryDeclaration('exp', EXP, exp),
  unaryDeclaration('log', LOG, log),
  unaryDeclaration('sqrt', SQRT, sqrt),
  {...unaryDeclaration('abs', ABS, abs), operators: {abs: {unary: abs}}},
  unaryDeclaration('sin', SIN, sin),
  unaryDeclaration('cos', COS, cos),
  unaryDeclaration('tanh', TANH, tanh),
  unaryDeclaration('sigmoid', SIGMOID, sigmoid),
  unaryDeclaration('relu', RELU, relu),
  declareOp({
    name: 'clamp',
    nodes: [CLAMP],
    methods: {
      clamp(this: Tensor, options: {min?: Scalar | null; max?: Scalar | null}) {
        return clamp(this, options.min ?? null, options.max ?? null);
      },
    },
    functions: {
      clamp: (x: Tensor, options: {min?: Scalar | null; max?: Scalar | null}) =>
        clamp(x, options.min ?? null, options.max ?? null),
    },
    python: {
      clamp: {
        method: 'clamp(Number? min=None, Number? max=None)',
        overloads: [
          overload('(Tensor min, Tensor max)', 0, 2),
          overload('(Number min, Number max)', 0, 2),
        ],
        function: [
          overload('(Tensor input, Tensor min, Tensor max, *, Tensor out)', 1, 4),
          overload('(Tensor input, Number min, Number max, *, Tensor out)', 1, 4),
        ],
        out: 'same',
        call: (t, a) => clamp(t, a.get('min') as Scalar | null, a.get('max') as Scalar | null),
      },
    },
  }),
];
