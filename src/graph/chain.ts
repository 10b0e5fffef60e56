/**
 * Local derivatives for narration: for a grad_fn and one of its inputs, ∂out/∂input as a
 * formula (`3`, `1/4`, `y`, `1 − tanh²(h)`) and, when every element shares it, its number, so
 * a step can say `0.25 · 3 = 0.75`. The numbers sent are always the engine's, from the trace;
 * these only explain them.
 */
import {decodeArg} from '../trace/numbers.js';
import type {OpRecord, TensorData} from '../trace/schema.js';
import {formatScalar} from './labels.js';
import {fmt, numel, uniformValue} from './quantity.js';
import {bare} from './tensors.js';

/** ∂out/∂input for one input of a grad_fn. */
export interface LocalDerivative {
  /** The formula, e.g. `3`, `y`, `1/4`. */
  readonly text: string;
  /** Its per-element number when known and the same for every element (`3`, `1/4`). */
  readonly value: string | null;
  /** A matrix product: the gradient is `grad @ Bᵀ`, not `grad · factor`. */
  readonly matrix?: string;
}

/** What the formulas may read: the op's inputs (names, values) and its output value. */
export interface ChainContext {
  readonly op: OpRecord;
  inputName(slot: number): string;
  inputData(slot: number): TensorData | null;
  readonly outData: TensorData | null;
}

function scalarArg(op: OpRecord, key: string): number | null {
  const raw = op.args[key];
  if (raw === undefined) return null;
  const v = decodeArg(raw);
  return typeof v === 'number' ? v : null;
}

function constant(x: number): LocalDerivative {
  return {text: formatScalar(x), value: formatScalar(x)};
}

/** The value of a tensor operand as a factor: its name, and its number when uniform. */
function operand(ctx: ChainContext, slot: number): LocalDerivative {
  const u = uniformValue(ctx.inputData(slot));
  return {text: ctx.inputName(slot), value: u === null ? null : fmt(u)};
}

/** From the output's uniform value: a derivative that is a function of the result (tanh, exp, σ). */
function fromOut(ctx: ChainContext, text: string, f: (y: number) => number): LocalDerivative {
  const u = uniformValue(ctx.outData);
  return {text, value: u === null ? null : fmt(f(u))};
}

/** ∂out/∂(input `slot`) of a grad_fn named `fn`, or null when there is no simple formula. */
export function localDerivative(
  fn: string,
  slot: number,
  ctx: ChainContext,
): LocalDerivative | null {
  const {op} = ctx;
  const alpha = scalarArg(op, 'alpha') ?? 1;
  const other = scalarArg(op, 'other');
  const x = ctx.inputName(0);
  const inner = bare(x);
  switch (fn) {
    case 'AddBackward0':
    case 'AddBackward1':
      return constant(slot === 0 ? 1 : alpha);
    case 'SubBackward0':
    case 'SubBackward1':
      return constant(slot === 0 ? 1 : -alpha);
    case 'RsubBackward0':
    case 'RsubBackward1':
      return constant(slot === 0 ? -alpha : 1);
    case 'MulBackward0':
      if (slot === 0)
        return other !== null && op.inputs.length === 1 ? constant(other) : operand(ctx, 1);
      return operand(ctx, 0);
    case 'DivBackward0':
      if (slot === 0) {
        if (other !== null && op.inputs.length === 1)
          return {text: `1/${formatScalar(other)}`, value: `1/${formatScalar(other)}`};
        return {text: `1/${ctx.inputName(1)}`, value: null};
      }
      return {text: `−${x}/${ctx.inputName(1)}²`, value: null};
    case 'NegBackward0':
      return constant(-1);
    case 'MeanBackward0':
    case 'MeanBackward1': {
      const input = ctx.inputData(0);
      const out = ctx.outData;
      if (!input || !out) return null;
      const n = numel(input.shape) / Math.max(1, numel(out.shape));
      return {text: `1/${n}`, value: `1/${n}`};
    }
    case 'SumBackward0':
    case 'SumBackward1':
      return constant(1);
    case 'PowBackward0': {
      const e = scalarArg(op, 'exponent');
      if (e === null) return null;
      const u = uniformValue(ctx.inputData(0));
      const text = e === 2 ? `2·${x}` : `${formatScalar(e)}·${x}^${formatScalar(e - 1)}`;
      return {text, value: u === null ? null : fmt(e * u ** (e - 1))};
    }
    case 'PowBackward1': {
      // `b ** x` for a Python number b: ∂/∂x = ln(b)·b^x, the output times ln(b).
      const b = scalarArg(op, 'self');
      if (b === null) return null;
      return fromOut(
        ctx,
        `ln(${formatScalar(b)})·${formatScalar(b)}^${inner}`,
        (y) => Math.log(b) * y,
      );
    }
    case 'TanhBackward0':
      return fromOut(ctx, `1 − tanh²(${inner})`, (y) => 1 - y * y);
    case 'SigmoidBackward0':
      return fromOut(ctx, `σ(${inner})·(1 − σ(${inner}))`, (y) => y * (1 - y));
    case 'ExpBackward0':
      return fromOut(ctx, `exp(${inner})`, (y) => y);
    case 'LogBackward0': {
      const u = uniformValue(ctx.inputData(0));
      return {text: `1/${x}`, value: u === null ? null : fmt(1 / u)};
    }
    case 'ReluBackward0':
      return {text: `[${x} > 0]`, value: null};
    case 'MmBackward0':
    case 'MvBackward0':
    case 'BmmBackward0':
    case 'MatmulBackward0':
    case 'DotBackward0':
      return slot === 0
        ? {text: `${ctx.inputName(1)}ᵀ`, value: null, matrix: `grad @ ${ctx.inputName(1)}ᵀ`}
        : {text: `${x}ᵀ`, value: null, matrix: `${x}ᵀ @ grad`};
    default:
      return null;
  }
}
