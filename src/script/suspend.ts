/**
 * The body of a generator function, run so that it can stop at a `yield` and go on later: each
 * statement and expression that holds a `yield` (yields.ts decides which, from the text) runs
 * here as a JS generator, and suspending is JS's own `yield` up through them; every statement
 * and expression without one runs on the ordinary evaluator, so a generator's plain code is as
 * fast as a function's and ordinary functions pay nothing.
 *
 * An expression around a `yield` (`print((yield x) + 1)`) has its sub-expressions evaluated here
 * in Python's order, then runs on the ordinary evaluator with them as `Evaluated` leaves.
 *
 * Call mode (`run.calling`, set by definitions.ts `callOnHeap` for deep recursion) runs a plain
 * function's body the same way, with calls of script functions in place of `yield`s: each is
 * yielded to the driver as a `CallRequest`, so a Python call costs no JS stack.
 */
import type {Span} from '../trace/span.js';
import type {Expr, Stmt} from './ast.js';
import {getAttr, setAttr} from './attributes.js';
import {heapRequest} from './definitions.js';
import {pyError, type PyException} from './errors.js';
import {exceptionObject} from './exceptions.js';
import {closesWhenLeft, isExit, PyGenerator} from './generators.js';
import type {Interpreter, Signal} from './interpreter.js';
import {scriptFunction} from './evaluator.js';
import {pyIter} from './iterators.js';
import {PyClass, type FunctionNode} from './objects.js';
import {augmentedOp} from './operators.js';
import {getItem, setItem} from './subscript.js';
import {PyRange} from './values.js';
import {callsIn, hasCall, hasYield, suspends} from './yields.js';

/** A computation that may suspend: yields the values the generator yields, returns its result. */
type Steps<T> = Generator<unknown, T, unknown>;

/** Runs a generator function's body; returns its return value (the StopIteration value). */
export function* generatorBody(run: Interpreter, node: FunctionNode): Steps<unknown> {
  if (node.kind === 'Lambda') return yield* evaluate(run, node.body);
  if ((yield* block(run, node.body)) !== 'return') return null;
  const value = run.returnValue;
  run.returnValue = null;
  return value;
}

function* block(run: Interpreter, stmts: readonly Stmt[]): Steps<Signal> {
  for (const stmt of stmts) {
    const steps = run.calling ? callsIn(stmt) : suspends(stmt);
    const signal = steps ? yield* statement(run, stmt) : run.statement(stmt);
    if (signal) return signal;
  }
  return null;
}

/** One statement holding a `yield`: counted and located as `Interpreter.statement` does. */
function* statement(run: Interpreter, stmt: Stmt): Steps<Signal> {
  try {
    run.tick(stmt.span);
    run.hooks.statement?.(stmt.span);
    return yield* execute(run, stmt);
  } catch (e) {
    const err = run.located(e, stmt.span);
    if (!err.statement) err.statement = stmt.span;
    throw err;
  }
}

function* execute(run: Interpreter, stmt: Stmt): Steps<Signal> {
  switch (stmt.kind) {
    case 'Expr':
      yield* evaluate(run, stmt.value);
      return null;
    case 'Assign': {
      const value = yield* evaluate(run, stmt.value);
      for (const target of stmt.targets) run.assign(target, value);
      return null;
    }
    case 'AugAssign':
      yield* augmentedAssign(run, stmt);
      return null;
    case 'AnnAssign':
      run.annotatedAssign(stmt, stmt.value ? yield* evaluate(run, stmt.value) : undefined);
      return null;
    case 'Return':
      run.returnValue = stmt.value ? yield* evaluate(run, stmt.value) : null;
      return 'return';
    case 'If': {
      const test = yield* evaluate(run, stmt.test);
      return yield* block(run, run.truth(test, stmt.test.span) ? stmt.body : stmt.orelse);
    }
    case 'For':
      return yield* forLoop(run, stmt);
    case 'While':
      return yield* whileLoop(run, stmt);
    case 'With':
      return yield* withBlock(run, stmt.items, 0, stmt.body);
    case 'Try':
      return yield* tryStatement(run, stmt);
    default:
      throw pyError(
        'NotImplementedError',
        `a 'yield' inside ${stmt.kind === 'FunctionDef' || stmt.kind === 'ClassDef' ? 'a decorator, default or base' : `a ${stmt.kind.toLowerCase()} statement`} is not supported by grad-graph's Python subset`,
        stmt.span,
      );
  }
}

function* augmentedAssign(run: Interpreter, stmt: Extract<Stmt, {kind: 'AugAssign'}>): Steps<void> {
  const {target, op} = stmt;
  const combine = (current: unknown, rhs: unknown) =>
    run.apply(stmt.span, () => augmentedOp(op, current, rhs));
  if (target.kind === 'Name') {
    const current = run.lookup(target.id, target.span);
    const rhs = yield* evaluate(run, stmt.value);
    run.bind(target.id, combine(current, rhs), target.span);
  } else if (target.kind === 'Attribute') {
    const obj = run.evaluate(target.value);
    const current = run.apply(target.span, () => getAttr(obj, target.attr));
    const result = combine(current, yield* evaluate(run, stmt.value));
    run.apply(target.span, () => {
      setAttr(obj, target.attr, result);
    });
  } else if (target.kind === 'Subscript') {
    const obj = run.evaluate(target.value);
    const index = run.evaluate(target.index);
    const current = run.apply(target.span, () => getItem(obj, index));
    const result = combine(current, yield* evaluate(run, stmt.value));
    run.apply(target.span, () => {
      setItem(obj, index, result);
    });
  }
}

/**
 * `for` whose body may suspend. Its passes are not trace groups: the caller runs between two
 * of them, and a group must close before anything outside it runs.
 */
function* forLoop(run: Interpreter, stmt: Extract<Stmt, {kind: 'For'}>): Steps<Signal> {
  const iterable = yield* evaluate(run, stmt.iter);
  const next = run.loopItems(stmt, iterable);
  const left = closesWhenLeft(stmt, iterable);
  // In call mode nothing runs between two passes but the calls they make: each is a group.
  const count = run.calling && iterable instanceof PyRange ? Number(iterable.length) : null;
  try {
    for (let index = 0, r = next(); r; r = next(), index++) {
      run.loopTick(stmt.span);
      const group = run.calling ? run.openIteration(stmt, r.value, index, count) : null;
      let s: Signal;
      try {
        run.assign(stmt.target, r.value);
        s = yield* block(run, stmt.body);
      } finally {
        if (group !== null) run.hooks.groupEnded?.(group);
      }
      if (s === 'return') return s;
      if (s === 'break') return null;
    }
  } finally {
    left?.();
  }
  return yield* block(run, stmt.orelse);
}

function* whileLoop(run: Interpreter, stmt: Extract<Stmt, {kind: 'While'}>): Steps<Signal> {
  for (let index = 0; ; index++) {
    const test = yield* evaluate(run, stmt.test);
    if (!run.truth(test, stmt.test.span)) break;
    run.loopTick(stmt.span);
    const group = run.calling ? run.openIteration(stmt, undefined, index) : null;
    let s: Signal;
    try {
      s = yield* block(run, stmt.body);
    } finally {
      if (group !== null) run.hooks.groupEnded?.(group);
    }
    if (s === 'return') return s;
    if (s === 'break') return null;
  }
  return yield* block(run, stmt.orelse);
}

function* withBlock(
  run: Interpreter,
  items: Extract<Stmt, {kind: 'With'}>['items'],
  index: number,
  body: readonly Stmt[],
): Steps<Signal> {
  const item = items[index];
  if (!item) return yield* block(run, body);
  const manager = yield* evaluate(run, item.context);
  const span = item.context.span;
  const {enter, exit} = run.apply(span, () => run.contextManager(manager));
  const entered = run.apply(span, enter);
  let raised: PyException | null = null;
  try {
    if (item.target) run.assign(item.target, entered);
    return yield* withBlock(run, items, index + 1, body);
  } catch (e) {
    raised = run.located(e, null);
    if (raised.fatal) throw raised;
    if (!exit(raised)) throw raised;
    return null;
  } finally {
    if (!raised) exit(null);
  }
}

/** `try` whose blocks may suspend: the same rules as `Handlers.tryStatement`. */
function* tryStatement(run: Interpreter, stmt: Extract<Stmt, {kind: 'Try'}>): Steps<Signal> {
  let signal: Signal = null;
  let pending: PyException | null = null;
  try {
    signal = yield* tryBody(run, stmt);
  } catch (e) {
    pending = run.located(e, null);
  }
  if (stmt.finalbody.length > 0) {
    const returnValue = run.returnValue;
    if (pending) run.handling.push(pending);
    let s: Signal;
    try {
      s = yield* block(run, stmt.finalbody);
    } catch (e) {
      const err = run.located(e, null);
      if (pending && err !== pending && !err.context) err.context = pending;
      throw err;
    } finally {
      if (pending) removeHandled(run, pending);
    }
    if (s && !pending?.fatal) return s;
    run.returnValue = returnValue;
  }
  if (pending) throw pending;
  return signal;
}

function* tryBody(run: Interpreter, stmt: Extract<Stmt, {kind: 'Try'}>): Steps<Signal> {
  let signal: Signal;
  try {
    signal = yield* block(run, stmt.body);
  } catch (e) {
    const err = run.located(e, null);
    if (err.fatal || stmt.handlers.length === 0) throw err;
    err.caughtIn ??= run.frame.name;
    for (const handler of stmt.handlers) {
      if (handler.type) {
        const type = run.evaluate(handler.type);
        if (!run.exceptMatches(type, err, handler.type.span)) continue;
      }
      run.handling.push(err);
      try {
        if (handler.name) run.bind(handler.name, exceptionObject(err), handler.span);
        return yield* block(run, handler.body);
      } catch (e2) {
        const next = run.located(e2, null);
        if (next !== err && !next.context && !next.fatal) next.context = err;
        throw next;
      } finally {
        removeHandled(run, err);
        if (handler.name) run.storeVars(handler.name).delete(handler.name);
      }
    }
    throw err;
  }
  if (signal) return signal;
  return yield* block(run, stmt.orelse);
}

/** Ends the handling of `err` (the generator may have been suspended and resumed meanwhile). */
function removeHandled(run: Interpreter, err: PyException): void {
  const i = run.handling.lastIndexOf(err);
  if (i >= 0) run.handling.splice(i, 1);
}

/** Evaluates an expression that may hold a `yield` (in call mode: a call). */
function* evaluate(run: Interpreter, e: Expr): Steps<unknown> {
  if (!(run.calling ? hasCall(e) : hasYield(e))) return run.evaluate(e);
  switch (e.kind) {
    case 'Call':
      if (run.calling) return yield* call(run, e);
      return run.evaluate(yield* substituted(run, e));
    case 'Yield': {
      const value = e.value ? yield* evaluate(run, e.value) : null;
      try {
        return yield value;
      } catch (err) {
        throw run.located(err, e.span);
      }
    }
    case 'YieldFrom':
      return yield* yieldFrom(run, e);
    case 'BoolOp': {
      let value: unknown = null;
      for (const x of e.values) {
        value = yield* evaluate(run, x);
        const t = run.truth(value, x.span);
        if (e.op === 'and' ? !t : t) return value;
      }
      return value;
    }
    case 'IfExp': {
      const test = yield* evaluate(run, e.test);
      return yield* evaluate(run, run.truth(test, e.test.span) ? e.body : e.orelse);
    }
    default:
      return run.evaluate(yield* substituted(run, e));
  }
}

/**
 * A call in call mode: its parts evaluated in order (they may make calls of their own), then a
 * script function's call goes to the driver as a `CallRequest` (located as `Evaluator.call`
 * locates it); any other callable is called at once.
 */
function* call(run: Interpreter, e: Extract<Expr, {kind: 'Call'}>): Steps<unknown> {
  const parts = (yield* substituted(run, e)) as Extract<Expr, {kind: 'Call'}>;
  const [func, args, kwargs] = run.callArguments(parts);
  const target = scriptFunction(func);
  if (target?.generator) return run.callOther(parts, func, args, kwargs);
  if (target === null && !(func instanceof PyClass))
    return run.callOther(parts, func, args, kwargs);
  const request = run.apply(e.span, () => heapRequest(func, args, kwargs, e.span));
  if (request === null) return run.callOther(parts, func, args, kwargs);
  try {
    return yield request;
  } catch (err) {
    throw run.located(err, e.span);
  }
}

/** `e` with its sub-expressions evaluated, in order, into `Evaluated` leaves. */
function* substituted(run: Interpreter, e: Expr): Steps<Expr> {
  const done = function* (x: Expr): Steps<Expr> {
    return {kind: 'Evaluated', value: yield* evaluate(run, x), span: x.span};
  };
  const all = function* (xs: readonly Expr[]): Steps<Expr[]> {
    const out: Expr[] = [];
    for (const x of xs) {
      out.push(x.kind === 'Starred' ? {...x, value: yield* done(x.value)} : yield* done(x));
    }
    return out;
  };
  switch (e.kind) {
    case 'BinOp': {
      const left = yield* done(e.left);
      return {...e, left, right: yield* done(e.right)};
    }
    case 'UnaryOp':
      return {...e, operand: yield* done(e.operand)};
    case 'Compare': {
      const left = yield* done(e.left);
      return {...e, left, comparators: yield* all(e.comparators)};
    }
    case 'Attribute':
      return {...e, value: yield* done(e.value)};
    case 'Subscript': {
      const value = yield* done(e.value);
      return {...e, value, index: yield* done(e.index)};
    }
    case 'Slice': {
      const lower = e.lower ? yield* done(e.lower) : null;
      const upper = e.upper ? yield* done(e.upper) : null;
      return {...e, lower, upper, step: e.step ? yield* done(e.step) : null};
    }
    case 'Call': {
      const func = yield* done(e.func);
      const args = yield* all(e.args);
      const keywords = [];
      for (const k of e.keywords) keywords.push({...k, value: yield* done(k.value)});
      return {...e, func, args, keywords};
    }
    case 'List':
    case 'Tuple':
    case 'Set':
      return {...e, elts: yield* all(e.elts)};
    case 'Starred':
      return {...e, value: yield* done(e.value)};
    case 'Dict': {
      const keys: (Expr | null)[] = [];
      const values: Expr[] = [];
      for (let i = 0; i < e.values.length; i++) {
        const k = e.keys[i];
        keys.push(k ? yield* done(k) : null);
        values.push(yield* done(e.values[i] as Expr));
      }
      return {...e, keys, values};
    }
    case 'FormattedString': {
      const parts = [];
      for (const p of e.parts)
        parts.push(typeof p === 'string' ? p : {...p, expr: yield* done(p.expr)});
      return {...e, parts};
    }
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp': {
      const [first, ...rest] = e.generators;
      if (!first) return e;
      return {...e, generators: [{...first, iter: yield* done(first.iter)}, ...rest]};
    }
    default:
      return e;
  }
}

/**
 * `yield from x`: a generator gets what is sent or thrown into this one (and is closed with it);
 * any other iterable is stepped through. Its value is what the generator returned.
 */
function* yieldFrom(run: Interpreter, e: Extract<Expr, {kind: 'YieldFrom'}>): Steps<unknown> {
  const source = yield* evaluate(run, e.value);
  const span: Span = e.span;
  if (source instanceof PyGenerator) {
    let r: IteratorResult<unknown> = run.apply(span, () => source.delegate('next', null));
    while (r.done !== true) {
      let how: 'next' | 'throw' = 'next';
      let sent: unknown;
      try {
        sent = yield r.value;
      } catch (err) {
        const x = run.located(err, span);
        if (isExit(x)) {
          run.apply(span, () => source.close());
          throw x;
        }
        how = 'throw';
        sent = x;
      }
      r = run.apply(span, () => source.delegate(how, sent));
    }
    const returned: unknown = r.value;
    return returned;
  }
  const next = run.apply(e.value.span, () => run.stepper(source, e.value.span));
  for (let r = run.apply(span, next); r; r = run.apply(span, next)) {
    let sent: unknown;
    try {
      sent = yield r.value;
    } catch (err) {
      throw run.located(err, span);
    }
    if (sent !== null) {
      const type = run.apply(span, () => pyIter(source).typeName);
      throw pyError('AttributeError', `'${type}' object has no attribute 'send'`, span);
    }
  }
  return null;
}
