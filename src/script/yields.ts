/**
 * Where `yield` is, decided from the text as CPython's compiler decides it: a function whose body
 * (not a nested def, lambda, class or comprehension) holds a `yield` is a generator function, and
 * only the statements and expressions that hold one must be able to suspend (suspend.ts runs
 * those; everything else runs on the ordinary, faster path).
 */
import type {Expr, FStringPart, Stmt} from './ast.js';
import type {PyFunction} from './objects.js';

/**
 * The sub-expressions of `e` evaluated in `e`'s own scope, in evaluation order: a lambda's body
 * and a comprehension's clauses after the first iterable run in scopes of their own.
 */
export function childExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'Name':
    case 'Constant':
    case 'Evaluated':
      return [];
    case 'FormattedString':
      return fieldExpressions(e.parts);
    case 'List':
    case 'Tuple':
    case 'Set':
      return [...e.elts];
    case 'BinOp':
      return [e.left, e.right];
    case 'UnaryOp':
      return [e.operand];
    case 'BoolOp':
      return [...e.values];
    case 'Compare':
      return [e.left, ...e.comparators];
    case 'Attribute':
      return [e.value];
    case 'Call':
      return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case 'Subscript':
      return [e.value, e.index];
    case 'Slice':
      return [e.lower, e.upper, e.step].filter((x): x is Expr => x !== null);
    case 'IfExp':
      return [e.test, e.body, e.orelse];
    case 'Starred':
      return [e.value];
    case 'Lambda':
      return [...e.args.posonly, ...e.args.args, ...e.args.kwonly]
        .map((p) => p.default)
        .filter((x): x is Expr => x !== null);
    case 'Dict': {
      const out: Expr[] = [];
      e.keys.forEach((k, i) => {
        if (k) out.push(k);
        out.push(e.values[i] as Expr);
      });
      return out;
    }
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return e.generators[0] ? [e.generators[0].iter] : [];
    case 'Yield':
      return e.value ? [e.value] : [];
    case 'YieldFrom':
      return [e.value];
  }
}

function fieldExpressions(parts: readonly FStringPart[]): Expr[] {
  const out: Expr[] = [];
  for (const p of parts) {
    if (typeof p === 'string') continue;
    out.push(p.expr, ...fieldExpressions(p.spec));
  }
  return out;
}

const exprCache = new WeakMap<object, boolean>();

/** Does evaluating `e` (in its own scope) reach a `yield` or `yield from`? */
export function hasYield(e: Expr): boolean {
  const known = exprCache.get(e);
  if (known !== undefined) return known;
  const found = e.kind === 'Yield' || e.kind === 'YieldFrom' || childExpressions(e).some(hasYield);
  exprCache.set(e, found);
  return found;
}

const callCache = new WeakMap<object, boolean>();

/** Does evaluating `e` (in its own scope) make a call (call mode runs those as steps)? */
export function hasCall(e: Expr): boolean {
  const known = callCache.get(e);
  if (known !== undefined) return known;
  const found = e.kind === 'Call' || childExpressions(e).some(hasCall);
  callCache.set(e, found);
  return found;
}

/** The first `yield` in a comprehension's own scope (CPython refuses it), or null. */
export function yieldInComprehension(
  e: Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'}>,
): Expr | null {
  const own: Expr[] = e.kind === 'DictComp' ? [e.key, e.value] : [e.elt];
  e.generators.forEach((g, i) => {
    if (i > 0) own.push(g.iter);
    own.push(...g.ifs);
  });
  for (const x of own) {
    const y = firstYield(x);
    if (y) return y;
  }
  return null;
}

function firstYield(e: Expr): Expr | null {
  if (!hasYield(e)) return null;
  if (e.kind === 'Yield' || e.kind === 'YieldFrom') return e;
  for (const c of childExpressions(e)) {
    const y = firstYield(c);
    if (y) return y;
  }
  return null;
}

/** The expressions a statement evaluates itself (not those of the statements nested in it). */
function ownExpressions(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'Expr':
      return [s.value];
    case 'Assign':
      return [s.value, ...s.targets];
    case 'AugAssign':
      return [s.target, s.value];
    case 'AnnAssign':
      return s.value ? [s.value, s.target, s.annotation] : [s.target, s.annotation];
    case 'Return':
      return s.value ? [s.value] : [];
    case 'If':
    case 'While':
      return [s.test];
    case 'For':
      return [s.iter, s.target];
    case 'With':
      return s.items.flatMap((i) => (i.target ? [i.context, i.target] : [i.context]));
    case 'Raise':
      return [s.exc, s.cause].filter((x): x is Expr => x !== null);
    case 'Assert':
      return s.msg ? [s.test, s.msg] : [s.test];
    case 'Delete':
      return [...s.targets];
    case 'Try':
      return s.handlers.flatMap((h) => (h.type ? [h.type] : []));
    case 'FunctionDef':
      return [
        ...s.decorators,
        ...[...s.args.posonly, ...s.args.args, ...s.args.kwonly]
          .map((p) => p.default)
          .filter((x): x is Expr => x !== null),
      ];
    case 'ClassDef':
      return [...s.decorators, ...s.bases, ...s.keywords.map((k) => k.value)];
    default:
      return [];
  }
}

/** The statements nested in `s` that run in its scope (not a def's or class's body). */
function nestedBodies(s: Stmt): (readonly Stmt[])[] {
  switch (s.kind) {
    case 'If':
    case 'For':
    case 'While':
      return [s.body, s.orelse];
    case 'With':
      return [s.body];
    case 'Try':
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    default:
      return [];
  }
}

const stmtCache = new WeakMap<object, boolean>();

/** Can running `s` suspend at a `yield` (in its own expressions or its nested blocks)? */
export function suspends(s: Stmt): boolean {
  const known = stmtCache.get(s);
  if (known !== undefined) return known;
  const found = ownExpressions(s).some(hasYield) || nestedBodies(s).some((b) => b.some(suspends));
  stmtCache.set(s, found);
  return found;
}

const callsCache = new WeakMap<object, boolean>();

/** The statements suspend.ts runs as steps; the others do not hold a `yield` in a plain body. */
const stepKinds = new Set<Stmt['kind']>([
  'Expr',
  'Assign',
  'AugAssign',
  'AnnAssign',
  'Return',
  'If',
  'For',
  'While',
  'With',
  'Try',
]);

/**
 * Does running `s` in call mode make a call from its own expressions or nested blocks (then it
 * runs as steps, its calls on the heap)? Statements suspend.ts does not step run as usual.
 */
export function callsIn(s: Stmt): boolean {
  const known = callsCache.get(s);
  if (known !== undefined) return known;
  const found =
    stepKinds.has(s.kind) &&
    (ownExpressions(s).some(hasCall) || nestedBodies(s).some((b) => b.some(callsIn)));
  callsCache.set(s, found);
  return found;
}

/** Is a function with this body a generator function (a `yield` in its own body)? */
export function isGeneratorBody(node: PyFunction['node']): boolean {
  return node.kind === 'Lambda' ? hasYield(node.body) : node.body.some(suspends);
}
