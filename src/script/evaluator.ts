/**
 * Expressions: every expression node evaluated with Python's order of evaluation, each operation
 * applied through `apply` (so the trace hooks hear it and its error is located), calls with `*`
 * and `**` unpacking, lambdas, and comprehensions run in their own frame (Python 3's scope;
 * generator expressions lazily, one item per `next`).
 */
import type {Span} from '../trace/span.js';
import type {Comprehension, Expr} from './ast.js';
import {getAttr as attributeValue} from './attributes.js';
import {callValue} from './call.js';
import {pyError} from './errors.js';
import {formatValue} from './format.js';
import {Frame} from './frames.js';
import {CallRequest, heapCallDepth, heapRequest} from './definitions.js';
import {Handlers} from './handlers.js';
import {ellipsis, PyBoundMethod, PyClass, PyFunction, PyInstance, PySuper} from './objects.js';
import {binaryOp, compare, iterate, truthy, unaryOp} from './operators.js';
import {pyRepr, pyStr, typeName} from './repr.js';
import {scopeOf} from './scopes.js';
import {getItem} from './subscript.js';
import {scopeNames} from './dir.js';
import {PyGenerator} from './generators.js';
import {PyList, PySlice, PyTuple, type Kwargs} from './values.js';

const noKeywords: Kwargs = new Map<string, unknown>();

/** The script function a call runs directly: a function, or a method bound to its object. */
export function scriptFunction(func: unknown): PyFunction | null {
  if (func instanceof PyFunction) return func;
  if (func instanceof PyBoundMethod && func.func instanceof PyFunction) return func.func;
  return null;
}

/** A function that returns the next item of an iterable, or null when it is exhausted. */
export type Stepper = () => {value: unknown} | null;

/** What each comprehension kind collects into, and its code name. */
const compNames: Readonly<Record<string, string>> = {
  ListComp: '<listcomp>',
  SetComp: '<setcomp>',
  DictComp: '<dictcomp>',
  GeneratorExp: '<genexpr>',
};

/** Evaluates expressions. */
export abstract class Evaluator extends Handlers {
  /** Makes a dict from key/value pairs (the dict type lives with the other built-in types). */
  protected abstract makeDict(pairs: readonly (readonly [unknown, unknown])[]): unknown;
  /** Makes a set from items. */
  /** A set of `items`; `folded`: built from the frozenset constant CPython's compiler makes. */
  protected abstract makeSet(items: readonly unknown[], folded?: boolean): unknown;
  /** The key/value pairs of a mapping (for `**m`), or null if it is not one. */
  protected abstract mappingItems(m: unknown): (readonly [unknown, unknown])[] | null;

  /**
   * Evaluates an expression. Each kind has its own method, so this dispatching frame stays small:
   * a Python call costs a handful of JS frames (evaluate → call → invoke → block → statement),
   * and 1000 nested Python calls fit in any JS stack.
   */
  evaluate(expr: Expr): unknown {
    switch (expr.kind) {
      case 'Constant':
        // `...`'s AST marker is the one object constant; its value is the Ellipsis singleton.
        return typeof expr.value === 'object' && expr.value !== null ? ellipsis : expr.value;
      case 'Name':
        return this.lookup(expr.id, expr.span);
      case 'Call':
        return this.call(expr);
      case 'BinOp':
        return this.binary(expr);
      case 'Attribute':
        return this.attribute(expr);
      case 'Subscript':
        return this.subscript(expr);
      case 'Compare':
        return this.comparison(expr);
      case 'UnaryOp':
        return this.unary(expr);
      case 'BoolOp':
        return this.boolean(expr);
      case 'IfExp':
        return this.conditional(expr);
      case 'List':
        return new PyList(this.items(expr.elts));
      case 'Tuple':
        return new PyTuple(this.items(expr.elts));
      case 'Set':
        return this.setDisplay(expr);
      case 'Dict':
        return this.dictDisplay(expr);
      case 'Slice':
        return this.slice(expr);
      case 'FormattedString':
        return this.formatted(expr.parts, expr.span);
      case 'Lambda':
        return this.makeFunction(expr, '<lambda>');
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
      case 'GeneratorExp':
        return this.comprehension(expr);
      case 'Starred':
        throw pyError('SyntaxError', "can't use starred expression here", expr.span);
      case 'Evaluated':
        return expr.value;
      case 'Yield':
      case 'YieldFrom':
        // A generator's body runs its `yield`s in suspend.ts; this one is where it cannot go.
        throw pyError(
          'NotImplementedError',
          "a 'yield' in this position is not supported by grad-graph's Python subset",
          expr.span,
        );
    }
  }

  private binary(expr: Extract<Expr, {kind: 'BinOp'}>): unknown {
    const left = this.evaluate(expr.left);
    const right = this.evaluate(expr.right);
    return this.apply(expr.span, () => binaryOp(expr.op, left, right));
  }

  private unary(expr: Extract<Expr, {kind: 'UnaryOp'}>): unknown {
    const operand = this.evaluate(expr.operand);
    if (expr.op === 'not') return !this.apply(expr.span, () => truthy(operand));
    return this.apply(expr.span, () => unaryOp(expr.op, operand));
  }

  private boolean(expr: Extract<Expr, {kind: 'BoolOp'}>): unknown {
    let value: unknown = null;
    for (const e of expr.values) {
      value = this.evaluate(e);
      const t = this.apply(e.span, () => truthy(value));
      if (expr.op === 'and' ? !t : t) return value;
    }
    return value;
  }

  private conditional(expr: Extract<Expr, {kind: 'IfExp'}>): unknown {
    const test = this.evaluate(expr.test);
    return this.apply(expr.test.span, () => truthy(test))
      ? this.evaluate(expr.body)
      : this.evaluate(expr.orelse);
  }

  private attribute(expr: Extract<Expr, {kind: 'Attribute'}>): unknown {
    const value = this.evaluate(expr.value);
    return this.apply(expr.span, () => attributeValue(value, expr.attr));
  }

  private subscript(expr: Extract<Expr, {kind: 'Subscript'}>): unknown {
    const value = this.evaluate(expr.value);
    const index = this.evaluate(expr.index);
    return this.apply(expr.span, () => getItem(value, index));
  }

  private slice(expr: Extract<Expr, {kind: 'Slice'}>): PySlice {
    return new PySlice(
      expr.lower ? this.evaluate(expr.lower) : null,
      expr.upper ? this.evaluate(expr.upper) : null,
      expr.step ? this.evaluate(expr.step) : null,
    );
  }

  private setDisplay(expr: Extract<Expr, {kind: 'Set'}>): unknown {
    const items = this.items(expr.elts);
    // CPython compiles a display of more than two constants to a frozenset constant copied into
    // a new set, whose order can differ from adding the items one by one (makeSet)
    const folded = expr.elts.length > 2 && expr.elts.every(isConstant);
    return this.apply(expr.span, () => this.makeSet(items, folded));
  }

  private comparison(expr: Extract<Expr, {kind: 'Compare'}>): unknown {
    let left = this.evaluate(expr.left);
    let result: unknown = true;
    for (let i = 0; i < expr.ops.length; i++) {
      const right = this.evaluate(expr.comparators[i] as Expr);
      const op = expr.ops[i] as string;
      const l = left;
      result = this.apply(expr.span, () => compare(op, l, right));
      if (i < expr.ops.length - 1 && !this.apply(expr.span, () => truthy(result))) return result;
      left = right;
    }
    return result;
  }

  /** The values of display items, `*x` items spread. */
  private items(elts: readonly Expr[]): unknown[] {
    if (!elts.some((e) => e.kind === 'Starred')) return elts.map((e) => this.evaluate(e));
    const out: unknown[] = [];
    for (const e of elts) {
      if (e.kind === 'Starred') {
        const v = this.evaluate(e.value);
        out.push(...this.apply(e.span, () => iterate(v)));
      } else out.push(this.evaluate(e));
    }
    return out;
  }

  private dictDisplay(expr: Extract<Expr, {kind: 'Dict'}>): unknown {
    const pairs: (readonly [unknown, unknown])[] = [];
    expr.keys.forEach((k, i) => {
      const valueExpr = expr.values[i] as Expr;
      if (k === null) {
        const m = this.evaluate(valueExpr);
        const items = this.mappingItems(m);
        if (!items) {
          throw pyError('TypeError', `'${typeName(m)}' object is not a mapping`, valueExpr.span);
        }
        pairs.push(...items);
      } else {
        const key = this.evaluate(k);
        pairs.push([key, this.evaluate(valueExpr)]);
      }
    });
    return this.apply(expr.span, () => this.makeDict(pairs));
  }

  /**
   * A call. Kept tiny (few locals, no closures): it is one of the JS frames each nested Python
   * call costs.
   */
  private call(expr: Extract<Expr, {kind: 'Call'}>): unknown {
    const func = this.evaluate(expr.func);
    const args = this.items(expr.args);
    const kwargs = expr.keywords.length ? this.keywordArguments(expr, func) : noKeywords;
    // Script functions and methods are invoked here directly, without `callValue`'s frames.
    const target = scriptFunction(func);
    if (target === null) return this.callOther(expr, func, args, kwargs);
    this.hooks.operation?.(expr.span);
    this.current = expr.span;
    try {
      const all = target === func ? args : [(func as PyBoundMethod).self, ...args];
      // Deep in a recursion, the call runs on the heap: the JS stack holds CPython's 1000 frames.
      // Not from ordinary code run by a body already on the heap (a generator expression's item,
      // a key function): a driver per level there would cost more JS stack than a plain call.
      if (this.depth < heapCallDepth || this.calling || target.generator) {
        return this.invoke(target, all, kwargs, expr.span);
      }
      return this.callOnHeap(new CallRequest(target, all, kwargs, expr.span));
    } catch (e) {
      throw this.toError(e, expr.span);
    }
  }

  /**
   * A call's callee and arguments, evaluated as `call` evaluates them (`*` spread, `**` merged);
   * suspend.ts's call mode passes a call whose parts are already `Evaluated` leaves.
   */
  callArguments(expr: Extract<Expr, {kind: 'Call'}>): [unknown, unknown[], Kwargs] {
    const func = this.evaluate(expr.func);
    const args = this.items(expr.args);
    return [func, args, expr.keywords.length ? this.keywordArguments(expr, func) : noKeywords];
  }

  /** Calls anything but a script function (`call` invokes those itself). */
  callOther(
    expr: Extract<Expr, {kind: 'Call'}>,
    func: unknown,
    args: unknown[],
    kwargs: Kwargs,
  ): unknown {
    if (func === this.builtins.get('super') && args.length === 0 && kwargs.size === 0) {
      return this.apply(expr.span, () => this.zeroArgSuper());
    }
    if (func === this.builtins.get('dir') && args.length === 0 && kwargs.size === 0) {
      return new PyList(scopeNames(this.frame.vars.keys(), this.frame.kind === 'module'));
    }
    if (func instanceof PyClass && this.depth >= heapCallDepth && !this.calling) {
      // A class whose __init__ recurses (a tree built by its nodes' constructors): on the heap.
      const request = this.apply(expr.span, () => heapRequest(func, args, kwargs, expr.span));
      if (request) return this.apply(expr.span, () => this.callOnHeap(request));
    }
    return this.apply(expr.span, () => callValue(func, args, kwargs, expr.span));
  }

  private keywordArguments(expr: Extract<Expr, {kind: 'Call'}>, func: unknown): Kwargs {
    const kwargs = new Map<string, unknown>();
    for (const k of expr.keywords) {
      if (k.name !== null) {
        kwargs.set(k.name, this.evaluate(k.value));
        continue;
      }
      const m = this.evaluate(k.value);
      const items = this.mappingItems(m);
      if (!items) {
        throw pyError(
          'TypeError',
          `${this.callName(func)} argument after ** must be a mapping, not ${typeName(m)}`,
          expr.span,
        );
      }
      for (const [key, value] of items) {
        if (typeof key !== 'string') {
          throw pyError('TypeError', 'keywords must be strings', expr.span);
        }
        if (kwargs.has(key)) {
          throw pyError(
            'TypeError',
            `${this.callName(func)} got multiple values for keyword argument '${key}'`,
            expr.span,
          );
        }
        kwargs.set(key, value);
      }
    }
    return kwargs;
  }

  private callName(func: unknown): string {
    if (func instanceof PyFunction) return `${func.qualname}()`;
    return `${typeName(func)}()`;
  }

  /** `super()` in a method: the class the method was defined in, and its first argument. */
  private zeroArgSuper(): PySuper {
    const frame = this.frame;
    const fn = frame.func;
    if (frame.kind !== 'function' || !fn) throw pyError('RuntimeError', 'super(): no arguments');
    const cls = fn.owner;
    if (!cls) throw pyError('RuntimeError', 'super(): __class__ cell not found');
    const first = fn.args.posonly[0] ?? fn.args.args[0];
    const self = first ? frame.vars.get(first.name) : undefined;
    if (self === undefined) throw pyError('RuntimeError', 'super(): no arguments');
    if (
      !(self instanceof PyInstance
        ? self.cls.isSubclassOf(cls)
        : self === cls || self instanceof Object)
    ) {
      throw pyError('TypeError', 'super(type, obj): obj must be an instance or subtype of type');
    }
    return new PySuper(cls, self);
  }

  /** A comprehension: its own frame; the first iterable evaluated outside it. */
  private comprehension(
    expr: Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'}>,
  ): unknown {
    const gens = expr.generators;
    const firstIter = (gens[0] as Comprehension).iter;
    const first = this.evaluate(firstIter);
    const name = compNames[expr.kind] as string;
    const makeFrame = () =>
      new Frame(
        'function',
        new Map(),
        scopeOf(expr),
        this.closureFrame(),
        name,
        `${this.frame.prefix}${name}.<locals>.`,
      );
    if (expr.kind === 'GeneratorExp') {
      const source = this.apply(firstIter.span, () => this.stepper(first, firstIter.span));
      const items = this.generatorItems(expr, makeFrame(), source);
      return new PyGenerator(`${this.frame.prefix}${name}`, (how, value) =>
        how === 'next' ? items.next() : items.throw(value),
      );
    }
    const frame = makeFrame();
    this.enterFrame(expr.span);
    try {
      return this.comprehensionBody(expr, frame, first, firstIter);
    } catch (e) {
      throw this.toError(e, expr.span);
    }
  }

  private comprehensionBody(
    expr: Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'DictComp' | 'GeneratorExp'}>,
    frame: Frame,
    first: unknown,
    firstIter: Expr,
  ): unknown {
    const gens = expr.generators;
    return this.inFrame(frame, () => {
      const source = this.apply(firstIter.span, () => this.stepper(first, firstIter.span));
      const out: unknown[] = [];
      const pairs: [unknown, unknown][] = [];
      for (const _ of this.clauses(gens, 0, source, expr.span)) {
        if (expr.kind === 'DictComp') {
          const key = this.evaluate(expr.key);
          pairs.push([key, this.evaluate(expr.value)]);
        } else out.push(this.evaluate(expr.elt));
      }
      if (expr.kind === 'ListComp') return new PyList(out);
      if (expr.kind === 'SetComp') return this.apply(expr.span, () => this.makeSet(out));
      return this.apply(expr.span, () => this.makeDict(pairs));
    });
  }

  /** The items of a generator expression, each computed in its frame when asked for. */
  private *generatorItems(
    expr: Extract<Expr, {kind: 'ListComp' | 'SetComp' | 'GeneratorExp'}>,
    frame: Frame,
    source: Stepper,
  ): Generator<unknown, void, undefined> {
    const items = this.clauses(expr.generators, 0, source, expr.span);
    for (;;) {
      this.enterFrame(expr.span);
      const r = this.inFrame(frame, () => {
        const step = items.next();
        return step.done === true ? null : {value: this.evaluate(expr.elt)};
      });
      if (!r) return;
      yield r.value;
    }
  }

  /** Yields once per combination of the clauses' items that passes their `if`s (targets bound). */
  private *clauses(
    gens: readonly Comprehension[],
    i: number,
    source: Stepper,
    span: Span,
  ): Generator<void> {
    const gen = gens[i] as Comprehension;
    for (let r = source(); r; r = source()) {
      this.loopTick(span);
      this.assign(gen.target, r.value);
      let pass = true;
      for (const cond of gen.ifs) {
        if (!this.truth(this.evaluate(cond), cond.span)) {
          pass = false;
          break;
        }
      }
      if (!pass) continue;
      const next = gens[i + 1];
      if (!next) {
        yield;
        continue;
      }
      const iterable = this.evaluate(next.iter);
      const inner = this.apply(next.iter.span, () => this.stepper(iterable, next.iter.span));
      yield* this.clauses(gens, i + 1, inner, span);
    }
  }

  /** Is `v` true, located at `span` for a tensor's ambiguous truth? */
  abstract truth(v: unknown, span: Span): boolean;

  private formatted(parts: Extract<Expr, {kind: 'FormattedString'}>['parts'], span: Span): string {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = this.evaluate(part.expr);
      const spec = this.formatted(part.spec, span);
      const shown =
        part.conversion === 'r' ? pyRepr(value) : part.conversion === 's' ? pyStr(value) : value;
      out += (part.debugText ?? '') + this.apply(part.expr.span, () => formatValue(shown, spec));
    }
    return out;
  }
}

/** Is `e` a constant after CPython's AST optimizer (a literal, a signed number, a tuple of them)? */
function isConstant(e: Expr): boolean {
  if (e.kind === 'Constant') return true;
  if (e.kind === 'UnaryOp') return e.op !== 'not' && e.operand.kind === 'Constant';
  if (e.kind === 'Tuple') return e.elts.every(isConstant);
  return false;
}
