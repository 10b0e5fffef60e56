/**
 * The interpreter: walks the syntax tree with Python's semantics, calls the trace hooks as it
 * goes, enforces the limits, and turns whatever goes wrong into a located PyException.
 */
import type {Span} from '../trace/span.js';
import type {Expr, Module, Stmt} from './ast.js';
import {getAttr as attributeValue, setAttr} from './attributes.js';
import {makeBuiltins} from './builtins.js';
import {PyException, pyError} from './errors.js';
import {formatValue} from './format.js';
import type {Limits} from './limits.js';
import {augmentedOp, binaryOp, compare, iterate, truthy, unaryOp, unpack} from './operators.js';
import {pyRepr, pyStr, typeName} from './repr.js';
import {getItem, setItem} from './subscript.js';
import {nameErrorMessage} from './suggest.js';
import {torchModules} from './torch/modules.js';
import {setWarningSink, type WarningSource} from './warnings.js';
import {
  PyCallable,
  PyContextManager,
  PyList,
  PyRange,
  PySlice,
  PyTuple,
  type CallSite,
} from './values.js';

/** What the trace stage is told while a script runs (see index.ts for the contract). */
export interface ScriptHooks {
  /** A statement is about to run. */
  statement?(span: Span): void;
  /** An operation that may call into torch is about to be applied: ops recorded now belong to it. */
  operation?(span: Span): void;
  /** A name was bound to a value. */
  assigned?(name: string, value: unknown, span: Span): void;
  /** print() wrote this text (including sep and end). */
  printed?(text: string, span: Span): void;
  /** A Python warning was issued (the text as Python writes it to stderr, newline-terminated). */
  warned?(text: string, span: Span): void;
}

type Signal = 'break' | 'continue' | null;

/** Names every script's globals have in CPython (candidates of the NameError hint). */
const moduleDunders = [
  '__annotations__',
  '__builtins__',
  '__cached__',
  '__doc__',
  '__file__',
  '__loader__',
  '__name__',
  '__package__',
  '__spec__',
];

/** Converts anything thrown while applying an operation into a located PyException. */
export function toPyException(e: unknown, span: Span | null): PyException {
  if (e instanceof PyException) {
    if (!e.span) e.span = span;
    return e;
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new PyException('RecursionError', 'maximum recursion depth exceeded', span);
  }
  if (e instanceof Error && typeof (e as {pyType?: unknown}).pyType === 'string') {
    return new PyException((e as unknown as {pyType: string}).pyType, e.message, span);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new PyException('SystemError', `grad-graph internal error: ${message}`, span);
}

/** Runs one parsed module. */
export class Interpreter {
  readonly globals = new Map<string, unknown>();
  private readonly builtins: Map<string, unknown>;
  private readonly chunks: string[] = [];
  private statements = 0;
  private iterations = 0;
  private evalDepth = 0;
  private readonly deadline: number;
  /** The operation being applied (for warnings' line numbers). */
  private current: Span | null = null;
  private readonly warned = new Set<string>();
  /** Warnings issued so far, as Python prints them. */
  readonly warnings: string[] = [];

  constructor(
    private readonly module: Module,
    private readonly hooks: ScriptHooks,
    private readonly limits: Limits,
  ) {
    this.builtins = makeBuiltins((text, site) => {
      this.chunks.push(text);
      this.hooks.printed?.(text, site.span);
    });
    this.globals.set('__name__', '__main__');
    this.globals.set('__doc__', null);
    this.globals.set('__file__', module.filename);
    this.globals.set('__package__', null);
    this.globals.set('__spec__', null);
    this.globals.set('__cached__', null);
    this.deadline = Date.now() + limits.timeBudgetMs;
  }

  /** Everything print() wrote so far. */
  get output(): string {
    return this.chunks.join('');
  }

  /** Runs the module; throws a PyException when the script raises. */
  run(): void {
    const previous = setWarningSink((category, message, from) => {
      this.warn(category, message, from);
    });
    try {
      this.block(this.module.body);
    } finally {
      setWarningSink(previous);
    }
  }

  /** Shows a warning once per source line, as Python's default filter does. */
  private warn(category: string, message: string, from?: WarningSource): void {
    const span = this.current;
    if (!span) return;
    const file = from?.file ?? this.module.filename;
    const line = from?.line ?? span.line;
    const key = `${category}\n${message}\n${file}:${line}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const source = from?.source ?? (this.module.lines[span.line - 1] ?? '').trim();
    const text = `${file}:${line}: ${category}: ${message}\n  ${source}\n`;
    this.warnings.push(text);
    this.hooks.warned?.(text, span);
  }

  private block(stmts: readonly Stmt[]): Signal {
    for (const stmt of stmts) {
      const signal = this.statement(stmt);
      if (signal) return signal;
    }
    return null;
  }

  private tick(span: Span): void {
    if (++this.statements > this.limits.maxStatements) {
      throw pyError(
        'RuntimeError',
        `grad-graph stopped the script after ${this.limits.maxStatements} statements (limit maxStatements)`,
        span,
      );
    }
    if ((this.statements & 255) === 0) this.checkTime(span);
  }

  private checkTime(span: Span): void {
    if (Date.now() > this.deadline) {
      throw pyError(
        'TimeoutError',
        `grad-graph stopped the script after its time budget of ${this.limits.timeBudgetMs} ms (limit timeBudgetMs)`,
        span,
      );
    }
  }

  private statement(stmt: Stmt): Signal {
    try {
      this.tick(stmt.span);
      this.hooks.statement?.(stmt.span);
      return this.execute(stmt);
    } catch (e) {
      const err = toPyException(e, stmt.span);
      if (!err.statement) err.statement = stmt.span;
      throw err;
    }
  }

  private execute(stmt: Stmt): Signal {
    switch (stmt.kind) {
      case 'Expr':
        this.evaluate(stmt.value);
        return null;
      case 'Assign': {
        const value = this.evaluate(stmt.value);
        for (const target of stmt.targets) this.assign(target, value);
        return null;
      }
      case 'AugAssign':
        this.augmentedAssign(stmt);
        return null;
      case 'Pass':
        return null;
      case 'Break':
        return 'break';
      case 'Continue':
        return 'continue';
      case 'If':
        return truthy(this.evaluate(stmt.test)) ? this.block(stmt.body) : this.block(stmt.orelse);
      case 'For':
        return this.forLoop(stmt);
      case 'With':
        return this.withBlock(stmt.items, 0, stmt.body);
      case 'Import':
        for (const alias of stmt.names) {
          const modules = torchModules();
          if (alias.asname) this.bind(alias.asname, modules.get(alias.name), alias.span);
          else {
            const top = alias.name.split('.')[0] ?? alias.name;
            this.bind(top, modules.get(top), alias.span);
          }
        }
        return null;
      case 'ImportFrom': {
        const module = torchModules().get(stmt.module);
        for (const alias of stmt.names) {
          const sub = torchModules().get(`${stmt.module}.${alias.name}`);
          const value = sub ?? module?.attrs.get(alias.name);
          if (value === undefined || module === undefined) {
            throw pyError(
              'ImportError',
              `cannot import name '${alias.name}' from '${stmt.module}' (${module?.file ?? ''})`,
              alias.span,
            );
          }
          this.bind(alias.asname ?? alias.name, value, alias.span);
        }
        return null;
      }
    }
  }

  private bind(name: string, value: unknown, span: Span): void {
    this.globals.set(name, value);
    this.hooks.assigned?.(name, value, span);
  }

  private assign(target: Expr, value: unknown): void {
    switch (target.kind) {
      case 'Name':
        this.bind(target.id, value, target.span);
        return;
      case 'Tuple':
      case 'List': {
        const items = this.apply(target.span, () => unpack(value, target.elts.length));
        target.elts.forEach((elt, i) => {
          this.assign(elt, items[i]);
        });
        return;
      }
      case 'Attribute': {
        const obj = this.evaluate(target.value);
        this.apply(target.span, () => {
          setAttr(obj, target.attr, value);
        });
        return;
      }
      case 'Subscript': {
        const obj = this.evaluate(target.value);
        const index = this.evaluate(target.index);
        this.apply(target.span, () => {
          setItem(obj, index, value);
        });
        return;
      }
      default:
        throw pyError('SyntaxError', `cannot assign to ${target.kind}`, target.span);
    }
  }

  private augmentedAssign(stmt: Extract<Stmt, {kind: 'AugAssign'}>): void {
    const {target, op} = stmt;
    if (target.kind === 'Name') {
      const current = this.lookup(target.id, target.span);
      const rhs = this.evaluate(stmt.value);
      const result = this.apply(stmt.span, () => augmentedOp(op, current, rhs));
      this.bind(target.id, result, target.span);
      return;
    }
    if (target.kind === 'Attribute') {
      const obj = this.evaluate(target.value);
      const current = this.apply(target.span, () => attributeValue(obj, target.attr));
      const rhs = this.evaluate(stmt.value);
      const result = this.apply(stmt.span, () => augmentedOp(op, current, rhs));
      this.apply(target.span, () => {
        setAttr(obj, target.attr, result);
      });
      return;
    }
    if (target.kind === 'Subscript') {
      const obj = this.evaluate(target.value);
      const index = this.evaluate(target.index);
      const current = this.apply(target.span, () => getItem(obj, index));
      const rhs = this.evaluate(stmt.value);
      const result = this.apply(stmt.span, () => augmentedOp(op, current, rhs));
      this.apply(target.span, () => {
        setItem(obj, index, result);
      });
    }
  }

  private loopTick(span: Span): void {
    if (++this.iterations > this.limits.maxLoopIterations) {
      throw pyError(
        'RuntimeError',
        `grad-graph stopped the script after ${this.limits.maxLoopIterations} loop iterations (limit maxLoopIterations)`,
        span,
      );
    }
    if ((this.iterations & 255) === 0) this.checkTime(span);
  }

  private forLoop(stmt: Extract<Stmt, {kind: 'For'}>): Signal {
    const iterable = this.evaluate(stmt.iter);
    const body = (item: unknown): boolean => {
      this.loopTick(stmt.span);
      this.assign(stmt.target, item);
      return this.block(stmt.body) === 'break';
    };
    let broke = false;
    if (iterable instanceof PyRange) {
      const n = iterable.length;
      for (let i = 0n; i < n && !broke; i++) broke = body(iterable.at(i));
    } else if (iterable instanceof PyList) {
      // A list is iterated live, as in Python: items appended in the loop are visited.
      for (let i = 0; i < iterable.items.length && !broke; i++) broke = body(iterable.items[i]);
    } else {
      const items = this.apply(stmt.iter.span, () => iterate(iterable));
      for (let i = 0; i < items.length && !broke; i++) broke = body(items[i]);
    }
    if (!broke) this.block(stmt.orelse);
    return null;
  }

  private withBlock(
    items: Extract<Stmt, {kind: 'With'}>['items'],
    index: number,
    body: readonly Stmt[],
  ): Signal {
    const item = items[index];
    if (!item) return this.block(body);
    const manager = this.evaluate(item.context);
    if (!(manager instanceof PyContextManager)) {
      throw pyError(
        'TypeError',
        `'${typeName(manager)}' object does not support the context manager protocol`,
        item.context.span,
      );
    }
    const entered = this.apply(item.context.span, () => manager.enter());
    try {
      if (item.target) this.assign(item.target, entered);
      return this.withBlock(items, index + 1, body);
    } finally {
      manager.exit();
    }
  }

  private lookup(name: string, span: Span): unknown {
    if (this.globals.has(name)) return this.globals.get(name);
    if (this.builtins.has(name)) return this.builtins.get(name);
    const names = new Set([...this.globals.keys(), ...moduleDunders]);
    throw pyError('NameError', nameErrorMessage(name, [...names]), span);
  }

  /** Runs `fn` as the operation at `span`: tells the hooks, and locates any error there. */
  private apply<T>(span: Span, fn: () => T): T {
    this.hooks.operation?.(span);
    this.current = span;
    try {
      return fn();
    } catch (e) {
      throw toPyException(e, span);
    }
  }

  /** Evaluates an expression. */
  evaluate(expr: Expr): unknown {
    if (this.evalDepth >= this.limits.maxDepth * 5) {
      throw pyError('RecursionError', 'maximum recursion depth exceeded', expr.span);
    }
    this.evalDepth++;
    try {
      return this.evaluateInner(expr);
    } finally {
      this.evalDepth--;
    }
  }

  private evaluateInner(expr: Expr): unknown {
    switch (expr.kind) {
      case 'Constant':
        return expr.value;
      case 'Name':
        return this.lookup(expr.id, expr.span);
      case 'List':
        return new PyList(expr.elts.map((e) => this.evaluate(e)));
      case 'Tuple':
        return new PyTuple(expr.elts.map((e) => this.evaluate(e)));
      case 'BinOp': {
        const left = this.evaluate(expr.left);
        const right = this.evaluate(expr.right);
        return this.apply(expr.span, () => binaryOp(expr.op, left, right));
      }
      case 'UnaryOp': {
        const operand = this.evaluate(expr.operand);
        if (expr.op === 'not') return !this.apply(expr.span, () => truthy(operand));
        return this.apply(expr.span, () => unaryOp(expr.op, operand));
      }
      case 'BoolOp': {
        let value: unknown = null;
        for (const e of expr.values) {
          value = this.evaluate(e);
          const t = this.apply(e.span, () => truthy(value));
          if (expr.op === 'and' ? !t : t) return value;
        }
        return value;
      }
      case 'Compare': {
        let left = this.evaluate(expr.left);
        let result: unknown = true;
        for (let i = 0; i < expr.ops.length; i++) {
          const right = this.evaluate(expr.comparators[i] as Expr);
          const op = expr.ops[i] as string;
          const l = left;
          result = this.apply(expr.span, () => compare(op, l, right));
          if (i < expr.ops.length - 1 && !this.apply(expr.span, () => truthy(result)))
            return result;
          left = right;
        }
        return result;
      }
      case 'IfExp': {
        const test = this.evaluate(expr.test);
        return this.apply(expr.test.span, () => truthy(test))
          ? this.evaluate(expr.body)
          : this.evaluate(expr.orelse);
      }
      case 'Attribute': {
        const value = this.evaluate(expr.value);
        return this.apply(expr.span, () => attributeValue(value, expr.attr));
      }
      case 'Subscript': {
        const value = this.evaluate(expr.value);
        const index = this.evaluate(expr.index);
        return this.apply(expr.span, () => getItem(value, index));
      }
      case 'Slice':
        return new PySlice(
          expr.lower ? this.evaluate(expr.lower) : null,
          expr.upper ? this.evaluate(expr.upper) : null,
          expr.step ? this.evaluate(expr.step) : null,
        );
      case 'Call':
        return this.call(expr);
      case 'FormattedString':
        return this.formatted(expr.parts, expr.span);
    }
  }

  private call(expr: Extract<Expr, {kind: 'Call'}>): unknown {
    const func = this.evaluate(expr.func);
    const args = expr.args.map((a) => this.evaluate(a));
    const kwargs = new Map<string, unknown>();
    for (const k of expr.keywords) kwargs.set(k.name, this.evaluate(k.value));
    const site: CallSite = {span: expr.span};
    return this.apply(expr.span, () => {
      if (!(func instanceof PyCallable)) {
        throw pyError('TypeError', `'${typeName(func)}' object is not callable`);
      }
      const result = func.call(args, kwargs, site);
      return result === undefined ? null : result;
    });
  }

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
