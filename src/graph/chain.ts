/**
 * Local derivatives for narration: for a grad_fn and one of its inputs, ∂out/∂input as a
 * formula (`3`, `1/4`, `y`, `1 − tanh²(h)`) and, when every element shares it, its number, so
 * a step can say `0.25 · 3 = 0.75`. The formulas are autograd's (each op declares its nodes'
 * derivatives as data), as the trace carries them (`Trace.derivatives`, written by the recorder),
 * so the narration needs no engine; this file reads them against one op of the trace. The numbers
 * sent are always the engine's, from the trace; these only explain them.
 */
import type {Formula, LocalGrad} from '../../autograd/op.js';
import {decodeArg} from '../trace/numbers.js';
import type {OpRecord, TensorData, Trace} from '../trace/schema.js';
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
  /** The trace's formulas by grad_fn name (`Trace.derivatives`; absent in older traces). */
  readonly derivatives: Trace['derivatives'];
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

/** A formula that cannot be read for this op (an argument it was not given). */
class Unreadable extends Error {}

/** Reads a declared formula against one op: its text, its number (null: not known). */
class Reader {
  constructor(private readonly ctx: ChainContext) {}

  /** The Python-scalar value standing for operand `slot`, when the op got a number there. */
  private scalarOperand(f: {operand: number; arg?: string}): number | null {
    if (f.arg === undefined || this.ctx.op.inputs.length > f.operand) return null;
    return scalarArg(this.ctx.op, f.arg);
  }

  /** Made only of numbers and scalar arguments: shown as one number. */
  numeric(f: Formula): boolean {
    if (typeof f === 'number') return true;
    if ('operand' in f) return this.scalarOperand(f) !== null;
    if ('arg' in f) return true;
    if ('neg' in f) return this.numeric(f.neg);
    if ('mul' in f) return this.numeric(f.mul[0]) && this.numeric(f.mul[1]);
    if ('sub' in f) return this.numeric(f.sub[0]) && this.numeric(f.sub[1]);
    return 'reducedCount' in f;
  }

  /** The formula's number, or null when an operand is not uniform (or the form has none). */
  value(f: Formula): number | null {
    if (typeof f === 'number') return f;
    if ('operand' in f) {
      return this.scalarOperand(f) ?? uniformValue(this.ctx.inputData(f.operand));
    }
    if ('arg' in f) {
      const v = scalarArg(this.ctx.op, f.arg) ?? f.default ?? null;
      if (v === null) throw new Unreadable();
      return v;
    }
    const both = (pair: readonly [Formula, Formula], op: (a: number, b: number) => number) => {
      const a = this.value(pair[0]);
      const b = this.value(pair[1]);
      return a === null || b === null ? null : op(a, b);
    };
    if ('neg' in f) {
      const v = this.value(f.neg);
      return v === null ? null : -v;
    }
    if ('mul' in f) return both(f.mul, (a, b) => a * b);
    if ('sub' in f) return both(f.sub, (a, b) => a - b);
    if ('pow' in f) return both(f.pow, (a, b) => a ** b);
    if ('inverse' in f) {
      const v = this.value(f.inverse);
      return v === null ? null : 1 / v;
    }
    if ('square' in f) {
      const v = this.value(f.square);
      return v === null ? null : v * v;
    }
    if ('fn' in f) {
      const v = this.value(f.of);
      if (v === null) return null;
      if (f.fn === 'ln') return Math.log(v);
      if (f.fn === 'exp') return Math.exp(v);
      if (f.fn === 'tanh') return Math.tanh(v);
      if (f.fn === 'sqrt') return Math.sqrt(v);
      if (f.fn === 'sin') return Math.sin(v);
      if (f.fn === 'cos') return Math.cos(v);
      if (f.fn === 'sign') return Math.sign(v);
      return 1 / (1 + Math.exp(-v));
    }
    if ('out' in f) {
      this.text(f.out);
      return uniformValue(this.ctx.outData);
    }
    if ('reducedCount' in f) return this.reducedCount();
    // div, positive, transpose: explained by their text only.
    return null;
  }

  /** Elements of the input per element of the output (a mean's n). */
  private reducedCount(): number {
    const input = this.ctx.inputData(0);
    const out = this.ctx.outData;
    if (!input || !out) throw new Unreadable();
    return numel(input.shape) / Math.max(1, numel(out.shape));
  }

  /** The formula as text; `inner` drops an operand name's own parentheses (inside f(…) or ^). */
  text(f: Formula, inner = false): string {
    if (typeof f === 'number') return formatScalar(f);
    if ('operand' in f) {
      const scalar = this.scalarOperand(f);
      if (scalar !== null) return formatScalar(scalar);
      const name = this.ctx.inputName(f.operand);
      return inner ? bare(name) : name;
    }
    if ('arg' in f) return formatScalar(this.value(f) ?? 0);
    if ('reducedCount' in f) return String(this.reducedCount());
    if ('neg' in f) return `−${this.text(f.neg)}`;
    if ('mul' in f) return `${this.factor(f.mul[0])}·${this.factor(f.mul[1])}`;
    if ('sub' in f) return `${this.text(f.sub[0])} − ${this.text(f.sub[1])}`;
    if ('div' in f) return `${this.text(f.div[0])}/${this.text(f.div[1])}`;
    if ('inverse' in f) return `1/${this.factor(f.inverse, true)}`;
    if ('pow' in f) {
      const [base, e] = f.pow;
      if (this.numeric(e) && this.value(e) === 1) return this.text(base);
      const exponent = this.numeric(e) ? formatScalar(this.value(e) ?? 0) : this.text(e, true);
      return `${this.text(base)}^${exponent}`;
    }
    if ('square' in f) {
      const of = typeof f.square !== 'number' && 'out' in f.square ? f.square.out : f.square;
      if (typeof of !== 'number' && 'fn' in of) return `${of.fn}²(${this.text(of.of, true)})`;
      return `${this.text(f.square)}²`;
    }
    if ('fn' in f) return `${f.fn}(${this.text(f.of, true)})`;
    if ('out' in f) return this.text(f.out, inner);
    if ('positive' in f) return `[${this.text(f.positive)} > 0]`;
    // (Wᵀ)ᵀ is W: a name that is already a transpose loses its mark instead of gaining a second.
    const base = this.text(f.transpose);
    return base.endsWith('ᵀ') ? base.slice(0, -1) : `${base}ᵀ`;
  }

  /** A factor of a product: a difference in parentheses (a denominator: a product too). */
  private factor(f: Formula, denominator = false): string {
    const wrap = typeof f !== 'number' && ('sub' in f || (denominator && 'mul' in f));
    return wrap ? `(${this.text(f)})` : this.text(f);
  }
}

/** A declared ∂out/∂input read for one op: numbers as numbers, fractions as fractions. */
function readDerivative(local: LocalGrad, ctx: ChainContext): LocalDerivative {
  const r = new Reader(ctx);
  if (typeof local !== 'number' && 'moves' in local) return moved(local.moves, ctx);
  if (typeof local !== 'number' && 'matmul' in local) {
    const factor = r.text(local.factor);
    return {
      text: factor,
      value: null,
      matrix: local.matmul === 'right' ? `grad @ ${factor}` : `${factor} @ grad`,
    };
  }
  if (r.numeric(local)) {
    const shown = formatScalar(r.value(local) ?? 0);
    return {text: shown, value: shown};
  }
  if (typeof local !== 'number' && 'div' in local) {
    const [a, b] = local.div;
    const text = r.text(local);
    return {text, value: r.numeric(a) && r.numeric(b) ? text : null};
  }
  const text = r.text(local);
  const v = r.value(local);
  return {text, value: v === null ? null : fmt(v)};
}

/** A node that only moves elements: ∂ = 1 per element, and how the gradient goes back. */
function moved(
  how: 'reshape' | 'transpose' | 'sumTo' | 'scatter' | 'copy' | 'accumulate' | 'gather',
  ctx: ChainContext,
): LocalDerivative {
  const shape = ctx.inputData(0)?.shape ?? [];
  const size = `(${shape.join(', ')})`;
  const back =
    how === 'reshape'
      ? `grad.reshape${size}`
      : how === 'transpose'
        ? 'gradᵀ'
        : how === 'sumTo'
          ? `grad.sum_to_size${size}`
          : how === 'scatter'
            ? `zeros${size}[…] = grad`
            : how === 'accumulate'
              ? `zeros${size}[…] += grad`
              : how === 'gather'
                ? 'grad[…]'
                : 'grad';
  return how === 'copy' ? {text: '1', value: '1'} : {text: '1', value: null, matrix: back};
}

/**
 * ∂out/∂(input `slot`) of a grad_fn named `fn`, as its op declares it (autograd's node
 * declarations, carried by the trace), or null when there is no simple formula.
 */
export function localDerivative(
  fn: string,
  slot: number,
  ctx: ChainContext,
): LocalDerivative | null {
  const table = ctx.derivatives;
  const local = table && Object.hasOwn(table, fn) ? table[fn]?.[slot] : undefined;
  if (local === undefined || local === null) return null;
  try {
    return readDerivative(local, ctx);
  } catch (e) {
    if (e instanceof Unreadable) return null;
    throw e;
  }
}
