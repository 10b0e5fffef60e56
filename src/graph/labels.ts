/**
 * Op labels for the dataflow view: the operation as a reader writes it (`+`, `×`, `@`, `mean`),
 * with a Python number folded in (`+ 2`, `× 3`, `** 2`, `2 −` for `2 - x`).
 */
import {decodeArg} from '../trace/numbers.js';
import type {PlainArg} from '../trace/numbers.js';
import type {OpRecord} from '../trace/schema.js';

/** Binary ops whose scalar operand folds into the label: symbol, and whether it goes first. */
const BINARY: Readonly<Record<string, {symbol: string; scalarFirst?: boolean; arg: string}>> = {
  add: {symbol: '+', arg: 'other'},
  sub: {symbol: '−', arg: 'other'},
  rsub: {symbol: '−', arg: 'other', scalarFirst: true},
  mul: {symbol: '×', arg: 'other'},
  div: {symbol: '÷', arg: 'other'},
  true_divide: {symbol: '÷', arg: 'other'},
  rdiv: {symbol: '÷', arg: 'other', scalarFirst: true},
  pow: {symbol: '**', arg: 'exponent'},
  rpow: {symbol: '**', arg: 'self', scalarFirst: true},
  add_: {symbol: '+=', arg: 'other'},
  sub_: {symbol: '−=', arg: 'other'},
  mul_: {symbol: '×=', arg: 'other'},
  div_: {symbol: '÷=', arg: 'other'},
  pow_: {symbol: '**=', arg: 'exponent'},
};

/** Ops drawn as a symbol rather than their name. */
const SYMBOLS: Readonly<Record<string, string>> = {
  matmul: '@',
  mm: '@',
  bmm: '@',
  mv: '@',
  dot: '·',
  neg: '−',
  copy_: '=',
  fill_: '=',
  zero_: '= 0',
};

/** A Python number as Python would write it in a label (`2`, `0.5`, `1e-05`, `inf`). */
export function formatScalar(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    // Python's repr switches to exponent notation here, with a two-digit exponent.
    return x
      .toExponential()
      .replace(/e([+-])(\d)$/, 'e$10$2')
      .replace('e+', 'e+');
  }
  return String(x);
}

/** A folded argument as text (numbers as Python writes them, lists in brackets). */
function argText(a: PlainArg): string {
  if (typeof a === 'number') return formatScalar(a);
  if (typeof a === 'boolean') return a ? 'True' : 'False';
  if (a === null) return 'None';
  if (typeof a === 'string') return a;
  return `(${a.map(argText).join(', ')})`;
}

/** The label of an op node in the dataflow view. */
export function opLabel(op: OpRecord): string {
  // `2 ** x`: PyTorch's pow with a Python number as the base.
  const base = op.op === 'pow' && op.args.self !== undefined ? decodeArg(op.args.self) : null;
  if (typeof base === 'number') return `${formatScalar(base)} **`;
  const binary = BINARY[op.op];
  if (binary) {
    const raw = op.args[binary.arg];
    const scalar = raw === undefined ? null : decodeArg(raw);
    const alpha = op.args.alpha === undefined ? null : decodeArg(op.args.alpha);
    const alphaText = alpha === null || alpha === 1 ? '' : `${argText(alpha)}·`;
    if (typeof scalar === 'number' && op.inputs.length === 1) {
      const s = `${alphaText}${formatScalar(scalar)}`;
      return binary.scalarFirst ? `${s} ${binary.symbol}` : `${binary.symbol} ${s}`;
    }
    return alphaText ? `${binary.symbol} ${alphaText}` : binary.symbol;
  }
  const symbol = SYMBOLS[op.op];
  if (symbol !== undefined) return symbol;
  const dim = op.args.dim;
  if (dim !== undefined && dim !== null) return `${op.op}(dim=${argText(decodeArg(dim))})`;
  return op.op;
}
