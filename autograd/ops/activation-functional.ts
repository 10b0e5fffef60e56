/**
 * The `torch.nn.functional` forms of the activations (activation.ts): `F.leaky_relu`, `F.elu`,
 * `F.gelu`, `F.softplus`, `F.silu`, `F.mish`, `F.logsigmoid`, `F.hardtanh`, `F.relu6`,
 * `F.threshold`, `F.softsign`, `F.prelu`, their `inplace=True` and `*_` forms, and `torch.prelu`
 * / `torch.threshold`. Their numbers are checked by the C functions they call (`leaky_relu():
 * argument 'negative_slope' (position 2) must be Number, not str`).
 */
import type {Scalar} from '../dtype.js';
import {TorchError} from '../errors.js';
import {declareOp, overload} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext, PythonFunction} from '../op.js';
import {Tensor} from '../tensor.js';
import {
  NODES,
  elu,
  gelu,
  hardtanh,
  leakyRelu,
  logSigmoid,
  mish,
  prelu,
  silu,
  softplus,
  threshold,
} from './activation.js';
import * as arith from './arith.js';
import {tensorArg} from './python-args.js';
import * as unary from './unary.js';
import {unaryInPlace} from './unary-inplace.js';

/** `F.softsign(x)`: PyTorch writes it as `input / (input.abs() + 1)` (DivBackward0). */
export function softsign(x: Tensor): Tensor {
  return arith.div(x, arith.add(unary.abs(x), 1n));
}

const num = (a: BoundArgs, key: string): number => Number(a.get(key));
const truthy = (v: unknown): boolean =>
  v === true || (typeof v === 'bigint' && v !== 0n) || (typeof v === 'number' && v !== 0);

/**
 * The numbers a Python wrapper of functional.py passes on positionally to its C function, checked
 * as that function's parser checks them (`leaky_relu(): argument 'negative_slope' (position 2)
 * must be Number, not str`).
 */
function checkNumbers(
  cName: string,
  a: BoundArgs,
  keys: readonly string[],
  ctx: PythonCallContext,
): void {
  keys.forEach((key, i) => {
    const v = a.get(key);
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw new TorchError(
        'TypeError',
        `${cName}(): argument '${key}' (position ${i + 2}) must be Number, not ${ctx.typeName(v)}`,
      );
    }
  });
}

/**
 * A Python function of functional.py with an `inplace=` flag (`leaky_relu(input,
 * negative_slope=0.01, inplace=False)`): the op, or its in-place form on the input.
 */
function withInplace(
  name: string,
  signature: string,
  numbers: readonly string[],
  run: (x: Tensor, a: BoundArgs, inplace: boolean) => Tensor,
  pythonName = name,
): PythonFunction {
  return {
    signature: `${pythonName}${signature}`,
    style: 'python',
    call: (a, ctx) => {
      const inplace = truthy(a.get('inplace'));
      const cName = inplace ? `${name}_` : name;
      const x = tensorArg(cName, a, 'input', ctx);
      checkNumbers(cName, a, numbers, ctx);
      if (!inplace) return run(x, a, false);
      const args = Object.fromEntries(numbers.map((k) => [k, num(a, k)]));
      return unaryInPlace(x, `${name}_`, (t) => run(t, a, true), args);
    },
  };
}

/** An in-place C function of F (`F.elu_(input, alpha=1.)`): the wrapper's in-place form. */
function inPlaceOnly(name: string, signature: string, fn: PythonFunction): PythonFunction {
  return {
    signature: `${name}${signature}`,
    style: 'native',
    call: (a, ctx) => fn.call(new Map([...a, ['inplace', true]]), ctx),
  };
}

function approximateArg(a: BoundArgs, ctx: PythonCallContext): string {
  const v = a.get('approximate');
  if (typeof v !== 'string') {
    throw new TorchError(
      'TypeError',
      `gelu(): argument 'approximate' must be str, not ${ctx.typeName(v)}`,
    );
  }
  return v;
}

const leaky = withInplace(
  'leaky_relu',
  '(any input, any negative_slope=0.01, any inplace=False)',
  ['negative_slope'],
  (x, a, inplace) => leakyRelu(x, num(a, 'negative_slope'), inplace),
);
const eluFn = withInplace(
  'elu',
  '(any input, any alpha=1.0, any inplace=False)',
  ['alpha'],
  (x, a, inplace) => elu(x, num(a, 'alpha'), inplace),
);
const hardtanhFn = withInplace(
  'hardtanh',
  '(any input, any min_val=-1.0, any max_val=1.0, any inplace=False)',
  ['min_val', 'max_val'],
  (x, a) => hardtanh(x, a.get('min_val') as Scalar, a.get('max_val') as Scalar),
);
const thresholdFn = withInplace(
  'threshold',
  '(any input, any threshold, any value, any inplace=False)',
  ['threshold', 'value'],
  (x, a, inplace) => threshold(x, a.get('threshold') as Scalar, a.get('value') as Scalar, inplace),
  '_threshold',
);

declare module '../op.js' {
  interface FunctionalFunctions {
    /** `F.leaky_relu(input, negative_slope=0.01)`. */
    leakyRelu(x: Tensor, options?: {negativeSlope?: number}): Tensor;
    /** `F.elu(input, alpha=1.0)`. */
    elu(x: Tensor, options?: {alpha?: number}): Tensor;
    /** `F.gelu(input, approximate='none')`. */
    gelu(x: Tensor, options?: {approximate?: string}): Tensor;
    /** `F.softplus(input, beta=1, threshold=20)`. */
    softplus(x: Tensor, options?: {beta?: number; threshold?: number}): Tensor;
    /** `F.silu(input)`. */
    silu(x: Tensor): Tensor;
    /** `F.mish(input)`. */
    mish(x: Tensor): Tensor;
    /** `F.logsigmoid(input)`. */
    logsigmoid(x: Tensor): Tensor;
    /** `F.hardtanh(input, min_val=-1.0, max_val=1.0)`. */
    hardtanh(x: Tensor, options?: {minVal?: number; maxVal?: number}): Tensor;
    /** `F.relu6(input)`. */
    relu6(x: Tensor): Tensor;
    /** `F.threshold(input, threshold, value)`. */
    threshold(x: Tensor, threshold: number, value: number): Tensor;
    /** `F.softsign(input)`. */
    softsign(x: Tensor): Tensor;
    /** `F.prelu(input, weight)`. */
    prelu(x: Tensor, weight: Tensor): Tensor;
  }
}

/** The activations' F functions and their torch.* forms. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'leaky_relu',
    nodes: [NODES.leakyRelu, NODES.leakyReluResult],
    functional: {
      leakyRelu: (x: Tensor, o: {negativeSlope?: number} = {}) =>
        leakyRelu(x, o.negativeSlope ?? 0.01),
    },
    pythonFunctional: {
      leaky_relu: leaky,
      leaky_relu_: inPlaceOnly('leaky_relu_', '(Tensor input, Number negative_slope=0.01)', leaky),
    },
  }),
  declareOp({
    name: 'elu',
    nodes: [NODES.elu, NODES.eluResult],
    functional: {elu: (x: Tensor, o: {alpha?: number} = {}) => elu(x, o.alpha ?? 1)},
    pythonFunctional: {
      elu: eluFn,
      elu_: inPlaceOnly('elu_', '(Tensor input, Number alpha=1.0)', eluFn),
    },
  }),
  declareOp({
    name: 'gelu',
    nodes: [NODES.gelu],
    functional: {
      gelu: (x: Tensor, o: {approximate?: string} = {}) => gelu(x, o.approximate ?? 'none'),
    },
    pythonFunctional: {
      gelu: {
        signature: "gelu(Tensor input, *, any approximate='none')",
        style: 'native',
        call: (a, ctx) => gelu(a.get('input') as Tensor, approximateArg(a, ctx)),
      },
    },
  }),
  declareOp({
    name: 'softplus',
    nodes: [NODES.softplus],
    functional: {
      softplus: (x: Tensor, o: {beta?: number; threshold?: number} = {}) =>
        softplus(x, o.beta ?? 1, o.threshold ?? 20),
    },
    pythonFunctional: {
      softplus: {
        signature: 'softplus(Tensor input, Number beta=1, Number threshold=20)',
        style: 'native',
        overloads: [overload('(Tensor input, Number beta, Number threshold)', 1, 3, false, 1)],
        call: (a) => softplus(a.get('input') as Tensor, num(a, 'beta'), num(a, 'threshold')),
      },
    },
  }),
  declareOp({
    name: 'silu',
    nodes: [NODES.silu],
    functional: {silu: (x: Tensor) => silu(x)},
    pythonFunctional: {silu: withInplace('silu', '(any input, any inplace=False)', [], silu)},
  }),
  declareOp({
    name: 'mish',
    nodes: [NODES.mish],
    functional: {mish: (x: Tensor) => mish(x)},
    pythonFunctional: {mish: withInplace('mish', '(any input, any inplace=False)', [], mish)},
  }),
  declareOp({
    name: 'log_sigmoid',
    nodes: [NODES.logSigmoid],
    functional: {logsigmoid: (x: Tensor) => logSigmoid(x)},
    pythonFunctional: {
      logsigmoid: {
        signature: 'log_sigmoid(Tensor input)',
        style: 'native',
        call: (a) => logSigmoid(a.get('input') as Tensor),
      },
    },
  }),
  declareOp({
    name: 'hardtanh',
    nodes: [NODES.hardtanh],
    functional: {
      hardtanh: (x: Tensor, o: {minVal?: number; maxVal?: number} = {}) =>
        hardtanh(x, o.minVal ?? -1, o.maxVal ?? 1),
      relu6: (x: Tensor) => hardtanh(x, 0n, 6n, 'relu6'),
    },
    pythonFunctional: {
      hardtanh: hardtanhFn,
      hardtanh_: inPlaceOnly(
        'hardtanh_',
        '(Tensor input, Number min_val=-1.0, Number max_val=1.0)',
        hardtanhFn,
      ),
      relu6: withInplace('relu6', '(any input, any inplace=False)', [], (x) =>
        hardtanh(x, 0n, 6n, 'relu6'),
      ),
    },
  }),
  declareOp({
    name: 'threshold',
    nodes: [NODES.threshold, NODES.thresholdResult],
    functional: {threshold: (x: Tensor, th: number, value: number) => threshold(x, th, value)},
    pythonFunctional: {
      threshold: thresholdFn,
      threshold_: inPlaceOnly(
        'threshold_',
        '(Tensor input, Number threshold, Number value)',
        thresholdFn,
      ),
    },
    pythonTorch: {
      threshold: {
        signature: 'threshold(Tensor input, Number threshold, Number value)',
        call: (a) =>
          threshold(
            a.get('input') as Tensor,
            a.get('threshold') as Scalar,
            a.get('value') as Scalar,
          ),
      },
    },
  }),
  declareOp({
    name: 'softsign',
    functional: {softsign},
    pythonFunctional: {
      softsign: {
        signature: 'softsign(any input)',
        style: 'python',
        call: (a, ctx) => {
          const x = a.get('input');
          if (!(x instanceof Tensor)) {
            throw new TorchError(
              'AttributeError',
              `'${ctx.typeName(x)}' object has no attribute 'abs'`,
            );
          }
          return softsign(x);
        },
      },
    },
  }),
  declareOp({
    name: 'prelu',
    nodes: [NODES.prelu],
    functional: {prelu: (x: Tensor, w: Tensor) => prelu(x, w)},
    pythonFunctional: {
      prelu: {
        signature: 'prelu(Tensor input, Tensor weight)',
        style: 'native',
        call: (a) => prelu(a.get('input') as Tensor, a.get('weight') as Tensor),
      },
    },
    pythonTorch: {
      prelu: {
        signature: 'prelu(Tensor input, Tensor weight)',
        call: (a) => prelu(a.get('input') as Tensor, a.get('weight') as Tensor),
      },
    },
  }),
];
