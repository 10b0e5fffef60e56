/**
 * Rounding to integers: `round` (half to even, like C's nearbyint, with `decimals=`), `floor`,
 * `ceil`, `trunc`. Their derivative is zero almost everywhere, so each backward sends zeros.
 * Integer tensors come back unchanged; bool tensors are PyTorch's "not implemented" errors.
 */
import {allocate, isFloating, refuseHalf, scalarTypeName} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {gather} from '../kernels/strided.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {NodeDeclaration, OpDeclaration} from '../op.js';
import type {Int} from '../shape.js';
import {toInt} from '../shape.js';
import {Tensor} from '../tensor.js';
import {mul} from './arith.js';
import {grad0} from './util.js';

/** The four roundings. */
export type RoundingOp = 'round' | 'floor' | 'ceil' | 'trunc';

const NODE: Readonly<Record<RoundingOp, NodeDeclaration>> = {
  round: declareNode('RoundBackward0', true, [0]),
  floor: declareNode('FloorBackward0', true, [0]),
  ceil: declareNode('CeilBackward0', true, [0]),
  trunc: declareNode('TruncBackward0', true, [0]),
};
const ROUND_DECIMALS = declareNode('RoundBackward1', true, [0]);

/** C's nearbyint in the default rounding mode: ties go to the even integer, the sign of 0 kept. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

function roundOne(op: RoundingOp, x: number): number {
  let r: number;
  switch (op) {
    case 'round':
      return roundHalfEven(x);
    case 'floor':
      r = Math.floor(x);
      break;
    case 'ceil':
      r = Math.ceil(x);
      break;
    case 'trunc':
      r = Math.trunc(x);
      break;
  }
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

function checkBool(x: Tensor, kernel: string): void {
  if (x.dtype === 'bool') throw runtimeError(`"${kernel}" not implemented for 'Bool'`);
  if (kernel.endsWith('_vml_cpu')) refuseHalf(x.dtype, kernel);
}

function record(
  op: RoundingOp | 'round_decimals',
  x: Tensor,
  out: Tensor,
  node: NodeDeclaration,
  args: Record<string, number>,
): Tensor {
  if (needsGrad(x)) attach(node, [x], [out], (grads) => [mul(grad0(grads), 0)]);
  reportOp(op === 'round_decimals' ? 'round' : op, [x], args, [out]);
  return out;
}

/** `torch.round(x)`, `torch.floor(x)`, `torch.ceil(x)`, `torch.trunc(x)`: ∂ = 0. */
export function rounding(op: RoundingOp, x: Tensor): Tensor {
  checkBool(x, `${op}_vml_cpu`);
  const src = gather(x, x.dtype);
  const out = allocate(x.dtype, src.length);
  if (isFloating(x.dtype)) for (let i = 0; i < src.length; i++) out[i] = roundOne(op, src[i] ?? 0);
  else out.set(src);
  return record(op, x, new Tensor(out, [...x.shape], x.dtype), NODE[op], {});
}

/**
 * `torch.round(x, decimals=d)` (RoundBackward1), as PyTorch's kernel in the tensor's own precision:
 * nearbyint(x·10^d)/10^d, or nearbyint(x/10^-d)·10^-d for negative d.
 */
export function roundDecimals(x: Tensor, decimals: number): Tensor {
  if (!isFloating(x.dtype)) {
    throw runtimeError(`"round_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const negative = decimals < 0;
  const p = r(Math.pow(10, Math.abs(decimals)));
  const src = gather(x, x.dtype);
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] ?? 0;
    out[i] = negative ? r(roundHalfEven(r(v / p)) * p) : r(roundHalfEven(r(v * p)) / p);
  }
  return record('round_decimals', x, new Tensor(out, [...x.shape], x.dtype), ROUND_DECIMALS, {
    decimals,
  });
}

declare module '../tensor.js' {
  interface Tensor {
    /** `round()` (half to even) or `round(decimals=d)`. */
    round(options?: {decimals?: number}): Tensor;
    /** `floor()`. */
    floor(): Tensor;
    /** `ceil()`. */
    ceil(): Tensor;
    /** `trunc()`. */
    trunc(): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.round(input, decimals=None)`. */
    round(x: Tensor, options?: {decimals?: number}): Tensor;
    /** `torch.floor(input)`. */
    floor(x: Tensor): Tensor;
    /** `torch.ceil(input)`. */
    ceil(x: Tensor): Tensor;
    /** `torch.trunc(input)`. */
    trunc(x: Tensor): Tensor;
  }
}

function roundWith(x: Tensor, options: {decimals?: number} = {}): Tensor {
  return options.decimals === undefined ? rounding('round', x) : roundDecimals(x, options.decimals);
}

function toward(op: 'floor' | 'ceil' | 'trunc'): OpDeclaration {
  return declareOp({
    name: op,
    nodes: [NODE[op]],
    methods: {
      [op](this: Tensor) {
        return rounding(op, this);
      },
    },
    functions: {[op]: (x: Tensor) => rounding(op, x)},
    python: {[op]: {method: `${op}()`, noArgs: true, function: true, call: (t) => rounding(op, t)}},
  });
}

/** round, floor, ceil, trunc. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'round',
    nodes: [NODE.round, ROUND_DECIMALS],
    methods: {
      round(this: Tensor, options: {decimals?: number} = {}) {
        return roundWith(this, options);
      },
    },
    functions: {round: roundWith},
    python: {
      round: {
        method: 'round(*, int? decimals=None)',
        overloads: [overload('()', 0, 0), overload('(*, int decimals)', 0, 1, false, 1)],
        function: [
          overload('(Tensor input, *, Tensor out)', 1, 2),
          overload('(Tensor input, *, int decimals, Tensor out)', 1, 3, false, 2),
        ],
        call: (t, a) => {
          const decimals = a.get('decimals') as Int | null;
          return roundWith(t, decimals === null ? {} : {decimals: toInt(decimals)});
        },
      },
    },
  }),
  toward('floor'),
  toward('ceil'),
  toward('trunc'),
];
