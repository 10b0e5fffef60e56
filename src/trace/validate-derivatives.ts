/**
 * The `derivatives` of an untrusted trace: each grad_fn name's ∂output/∂input formulas (autograd's
 * `LocalGrad`), checked and copied into exactly the shapes the narration reads, one kind per
 * object (unknown keys dropped), nesting bounded, so a hostile table can neither crash the
 * narration nor overflow the stack.
 */
import type {Formula, LocalGrad} from '../../autograd/op.js';

/** How validate.ts reports a bad field (its TraceValidationError). */
export type Fail = (path: string, problem: string) => never;

/** The deepest formula accepted (autograd's deepest is 5). */
const MAX_FORMULA_DEPTH = 32;
/** A grad_fn name: PyTorch's (`AddBackward0`) and a user Function's class name. */
const NODE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** A scalar argument's name, as op records name them. */
const ARG_NAME = /^(?!__)[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const FUNCTIONS = ['ln', 'exp', 'tanh', 'σ', 'sqrt', 'sin', 'cos', 'sign'] as const;
const MOVES = ['reshape', 'transpose', 'sumTo', 'scatter', 'copy', 'accumulate', 'gather'] as const;
/** The keys that say which kind of formula an object is (`arg` alone is one too). */
const UNARY = ['neg', 'inverse', 'square', 'out', 'positive', 'transpose'] as const;
const BINARY = ['mul', 'sub', 'div', 'pow'] as const;
const KINDS = ['operand', ...UNARY, ...BINARY, 'fn', 'reducedCount', 'matmul', 'moves'] as const;

type Obj = Readonly<Record<string, unknown>>;

function object(v: unknown, path: string, fail: Fail): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Obj;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], path: string, fail: Fail): T {
  if (!options.includes(v as T)) fail(path, `expected one of ${options.join(', ')}`);
  return v as T;
}

function argName(v: unknown, path: string, fail: Fail): string {
  if (typeof v !== 'string' || !ARG_NAME.test(v)) fail(path, 'expected an argument name');
  return v;
}

function finite(v: unknown, path: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'expected a finite number');
  return v;
}

/** The one kind key of `o` (null: only `arg`, or nothing). */
function kindOf(o: Obj, path: string, fail: Fail): (typeof KINDS)[number] | null {
  const kinds = KINDS.filter((k) => Object.hasOwn(o, k));
  if (kinds.length > 1) fail(path, `one formula, not ${kinds.join(' and ')}`);
  return kinds[0] ?? null;
}

function formula(v: unknown, path: string, fail: Fail, depth: number): Formula {
  if (depth > MAX_FORMULA_DEPTH) fail(path, 'formula nested too deeply');
  if (typeof v === 'number') return finite(v, path, fail);
  const o = object(v, path, fail);
  const kind = kindOf(o, path, fail);
  const inner = (key: string): Formula => formula(o[key], `${path}.${key}`, fail, depth + 1);
  if (kind === null) {
    if (!Object.hasOwn(o, 'arg')) fail(path, 'expected a formula');
    const arg = argName(o.arg, `${path}.arg`, fail);
    return Object.hasOwn(o, 'default')
      ? {arg, default: finite(o.default, `${path}.default`, fail)}
      : {arg};
  }
  if (kind === 'operand') {
    const n = o.operand;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      fail(`${path}.operand`, 'expected a non-negative integer');
    }
    return Object.hasOwn(o, 'arg')
      ? {operand: n, arg: argName(o.arg, `${path}.arg`, fail)}
      : {operand: n};
  }
  if (kind === 'fn') {
    return {fn: oneOf(o.fn, FUNCTIONS, `${path}.fn`, fail), of: inner('of')};
  }
  if (kind === 'reducedCount') {
    if (o.reducedCount !== true) fail(`${path}.reducedCount`, 'expected true');
    return {reducedCount: true};
  }
  if ((BINARY as readonly string[]).includes(kind)) {
    const pair = o[kind];
    if (!Array.isArray(pair) || pair.length !== 2) fail(`${path}.${kind}`, 'expected two formulas');
    const both: [Formula, Formula] = [
      formula(pair[0], `${path}.${kind}[0]`, fail, depth + 1),
      formula(pair[1], `${path}.${kind}[1]`, fail, depth + 1),
    ];
    return {[kind]: both} as unknown as Formula;
  }
  if ((UNARY as readonly string[]).includes(kind)) {
    return {[kind]: inner(kind)} as unknown as Formula;
  }
  return fail(path, `${kind} is not part of a formula`);
}

/** One input slot's ∂output/∂input: a formula, a matrix product's side, or elements moved. */
function localGrad(v: unknown, path: string, fail: Fail): LocalGrad | null {
  if (v === null) return null;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Obj;
    const kind = kindOf(o, path, fail);
    if (kind === 'moves') return {moves: oneOf(o.moves, MOVES, `${path}.moves`, fail)};
    if (kind === 'matmul') {
      return {
        matmul: oneOf(o.matmul, ['left', 'right'] as const, `${path}.matmul`, fail),
        factor: formula(o.factor, `${path}.factor`, fail, 1),
      };
    }
  }
  return formula(v, path, fail, 0);
}

/** Checks a trace's `derivatives` table and returns a clean copy (keys stay plain data). */
export function derivativeTable(
  v: unknown,
  path: string,
  fail: Fail,
): Record<string, readonly (LocalGrad | null)[]> {
  const o = object(v, path, fail);
  return Object.fromEntries(
    Object.keys(o).map((name) => {
      const at = `${path}[${JSON.stringify(name)}]`;
      if (!NODE_NAME.test(name)) fail(at, 'expected a grad_fn name');
      const slots = o[name];
      if (!Array.isArray(slots)) fail(at, 'expected an array');
      return [
        name,
        Array.from(slots, (s: unknown, i) => localGrad(s, `${at}[${String(i)}]`, fail)),
      ];
    }),
  );
}
