/**
 * The interpreter: walks the syntax tree with Python's semantics, calls the trace hooks as it
 * goes, enforces the limits, and turns whatever goes wrong into a located PyException. This file
 * holds statements; expressions are in evaluator.ts, function and class definitions in
 * definitions.ts, `try`/`raise` in exceptions-run.ts.
 */
import type {Span} from '../trace/span.js';
import type {Expr, Module, Stmt} from './ast.js';
import {getAttr as attributeValue, setAttr} from './attributes.js';
import {makeBuiltins} from './builtins.js';
import {PyException, pyError, runningLibraryFrame, setScriptDepth} from './errors.js';
import {PyDict, setFrom} from './containers.js';
import {Evaluator} from './evaluator.js';
import {languageBuiltins} from './language-builtins.js';
import {Frame} from './frames.js';
import {findModule, registerModule} from './imports.js';
import {torchvizModule} from './torch/torchviz.js';
import type {Tensor} from '../../autograd/tensor.js';
import {stdlibModulesFor} from './stdlib/index.js';
import type {Limits} from './limits.js';
import {augmentedOp, truthy, unpackStarred} from './operators.js';
import {getItem, setItem} from './subscript.js';
import {knownMember} from './torch/modules.js';
import {setWarningSink, type WarningSource} from './warnings.js';
import {setGroupSink, type ScriptGroup, type ScriptModuleHook} from './groups.js';
import {newGlobalModuleHooks, setGlobalModuleHooks} from './torch/nn/global-hooks.js';
import {PyModule, PyRange, type CallSite} from './values.js';
import type {FunctionNode} from './objects.js';
import {closesWhenLeft} from './generators.js';
import {generatorBody} from './suspend.js';

export type {ScriptGroup} from './groups.js';

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
  /**
   * A function call, loop iteration, module call or optimizer step starts; returns an id for
   * `groupEnded`.
   */
  groupStarted?(group: ScriptGroup): number;
  /** The group `id` ended (returned, finished its pass, or was left by an exception). */
  groupEnded?(id: number): void;
  /** The script drew the graph of `roots` (torchviz's `make_dot`) at `span`. */
  drew?(roots: readonly Tensor[], span: Span | null): void;
  /** A module's forward pre-hook or forward hook ran (inside the module's group). */
  moduleHookRan?(hook: ScriptModuleHook): void;
}

/** How a block ended: normally (null), or by `break`, `continue` or `return`. */
export type Signal = 'break' | 'continue' | 'return' | null;

/** Converts anything thrown while applying an operation into a located PyException. */
export function toPyException(e: unknown, span: Span | null): PyException {
  if (e instanceof PyException) {
    if (!e.span) e.span = span;
    return e;
  }
  if (e instanceof RangeError && e.message.includes('call stack')) {
    return new PyException('RecursionError', 'maximum recursion depth exceeded', span);
  }
  if (e instanceof Error && typeof (e as {pyType?: unknown}).pyType === 'string') {
    return new PyException((e as unknown as {pyType: string}).pyType, e.message, span);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new PyException('SystemError', `grad-graph internal error: ${message}`, span);
}

/** Runs one parsed module. */
export class Interpreter extends Evaluator {
  private readonly chunks: string[] = [];
  private readonly warnedKeys = new Set<string>();
  /** Warnings issued so far, as Python prints them. */
  readonly warnings: string[] = [];
  /** Modules imported in this run (`sys.modules`). */
  private readonly modules = new Map<string, PyModule>();
  /** The modules made for this run because they use it: pprint writes where print writes. */
  private readonly runModules = new Map<string, () => PyModule>();
  /** This run's global nn.Module hooks (`register_module_forward_hook`, …). */
  private readonly moduleHooks = newGlobalModuleHooks();

  constructor(module: Module, hooks: ScriptHooks, limits: Limits) {
    super(module, hooks, limits, toPyException);
    registerModule('torchviz', torchvizModule);
    const write = (text: string, site: CallSite) => {
      this.chunks.push(text);
      this.hooks.printed?.(text, site.span);
    };
    const builtins = makeBuiltins(write);
    for (const [name, make] of stdlibModulesFor({write, builtins: this.builtins})) {
      this.runModules.set(name, make);
    }
    for (const [k, v] of builtins) this.builtins.set(k, v);
    for (const [k, v] of languageBuiltins()) this.builtins.set(k, v);
    this.globals.set('__name__', '__main__');
    this.globals.set('__doc__', null);
    this.globals.set('__file__', module.filename);
    this.globals.set('__package__', null);
    this.globals.set('__spec__', null);
    this.globals.set('__cached__', null);
  }

  protected generatorBody(node: FunctionNode): Generator<unknown, unknown, unknown> {
    return generatorBody(this, node);
  }

  protected toError(e: unknown, span: Span | null): PyException {
    return toPyException(e, span);
  }

  protected makeKwargs = (entries: readonly (readonly [string, unknown])[]): unknown =>
    this.makeDict(entries);

  protected makeDict(pairs: readonly (readonly [unknown, unknown])[]): unknown {
    return new PyDict(pairs);
  }

  protected makeSet(items: readonly unknown[], folded = false): unknown {
    if (!folded) return setFrom(items);
    // the compiler's frozenset, rebuilt from its own order when the constants are merged
    // (merge_consts_recursive), then copied into the new set (SET_UPDATE)
    const constant = setFrom(setFrom(items, true).values(), true);
    return setFrom(constant);
  }

  protected mappingItems(m: unknown): (readonly [unknown, unknown])[] | null {
    return m instanceof PyDict ? m.items() : null;
  }

  /** Everything print() wrote so far. */
  get output(): string {
    return this.chunks.join('');
  }

  /** Runs the module; throws a PyException when the script raises. */
  run(): void {
    const previous = setWarningSink((category, message, from) => {
      // Warned inside PyTorch's Python code: Python shows that line.
      const lib = from ? null : runningLibraryFrame();
      this.warn(category, message, from ?? lib ?? undefined);
    });
    const previousModuleHooks = setGlobalModuleHooks(this.moduleHooks);
    const previousDepth = setScriptDepth(() => this.frames.length);
    const started = this.hooks.groupStarted?.bind(this.hooks);
    const previousGroups = setGroupSink(
      started === undefined
        ? null
        : {
            started,
            ended: (id) => this.hooks.groupEnded?.(id),
            site: () => this.current,
            resume: (span) => {
              if (span === null) return;
              this.hooks.operation?.(span);
              this.current = span;
            },
            named: (name, value, span) => {
              if (span) this.hooks.assigned?.(name, value, span);
            },
            nameOf: (value) => this.nameOf(value),
            drew: (roots) => this.hooks.drew?.(roots, this.current),
            moduleHookRan: (hook) => this.hooks.moduleHookRan?.(hook),
          },
    );
    try {
      this.block(this.module.body);
    } finally {
      setWarningSink(previous);
      setScriptDepth(previousDepth);
      setGroupSink(previousGroups);
      setGlobalModuleHooks(previousModuleHooks);
    }
  }

  /** The name `value` is bound to in the running frame, else in the globals (null: none). */
  private nameOf(value: unknown): string | null {
    for (const vars of [this.frame.vars, this.globals]) {
      for (const [k, v] of vars) if (v === value) return k;
    }
    return null;
  }

  /** Shows a warning once per source line, as Python's default filter does. */
  private warn(category: string, message: string, from?: WarningSource): void {
    const span = this.current;
    if (!span) return;
    const file = from?.file ?? this.module.filename;
    const line = from?.line ?? span.line;
    const key = `${category}\n${message}\n${file}:${line}`;
    if (this.warnedKeys.has(key)) return;
    this.warnedKeys.add(key);
    const source = from?.source ?? (this.module.lines[span.line - 1] ?? '').trim();
    const text = `${file}:${line}: ${category}: ${message}\n  ${source}\n`;
    this.warnings.push(text);
    this.hooks.warned?.(text, span);
  }

  /** Runs statements in order; stops at the first break, continue or return. */
  block(stmts: readonly Stmt[]): Signal {
    for (let i = 0; i < stmts.length; i++) {
      const signal = this.statement(stmts[i] as Stmt);
      if (signal) return signal;
    }
    return null;
  }

  /** Runs one statement (counted, announced to the hooks); its errors are located at it. */
  statement(stmt: Stmt): Signal {
    try {
      this.tick(stmt.span);
      this.hooks.statement?.(stmt.span);
      switch (stmt.kind) {
        case 'Expr':
          this.evaluate(stmt.value);
          return null;
        case 'Return':
          this.returnValue = stmt.value ? this.evaluate(stmt.value) : null;
          return 'return';
        case 'Assign':
          this.assignStatement(stmt);
          return null;
        case 'If':
          return this.block(
            this.truth(this.evaluate(stmt.test), stmt.test.span) ? stmt.body : stmt.orelse,
          );
        default:
          return this.execute(stmt);
      }
    } catch (e) {
      const err = toPyException(e, stmt.span);
      if (!err.statement) err.statement = stmt.span;
      throw err;
    }
  }

  private assignStatement(stmt: Extract<Stmt, {kind: 'Assign'}>): void {
    const value = this.evaluate(stmt.value);
    for (const target of stmt.targets) this.assign(target, value);
  }

  private execute(stmt: Stmt): Signal {
    switch (stmt.kind) {
      case 'Expr':
      case 'Return':
      case 'Assign':
      case 'If':
        return this.statement(stmt);
      case 'AugAssign':
        this.augmentedAssign(stmt);
        return null;
      case 'AnnAssign':
        this.annotatedAssign(stmt, stmt.value ? this.evaluate(stmt.value) : undefined);
        return null;
      case 'Pass':
      case 'Global':
      case 'Nonlocal':
        return null;
      case 'Break':
        return 'break';
      case 'Continue':
        return 'continue';
      case 'For':
        return this.forLoop(stmt);
      case 'While':
        return this.whileLoop(stmt);
      case 'With':
        return this.withBlock(stmt.items, 0, stmt.body, stmt.span);
      case 'Import':
        this.importModules(stmt);
        return null;
      case 'ImportFrom':
        this.importFrom(stmt);
        return null;
      case 'FunctionDef':
        this.bind(stmt.name, this.defineFunction(stmt), stmt.span);
        return null;
      case 'ClassDef':
        this.bind(stmt.name, this.defineClass(stmt), stmt.span);
        return null;
      case 'Try':
        return this.tryStatement(stmt);
      case 'Raise':
        throw this.raise(stmt);
      case 'Assert':
        this.assertStatement(stmt);
        return null;
      case 'Delete':
        for (const t of stmt.targets) this.deleteTarget(t);
        return null;
    }
  }

  private assertStatement(stmt: Extract<Stmt, {kind: 'Assert'}>): void {
    if (this.truth(this.evaluate(stmt.test), stmt.test.span)) return;
    const args = stmt.msg ? [this.evaluate(stmt.msg)] : [];
    throw this.raiseValue(this.builtins.get('AssertionError'), args, stmt.span);
  }

  private importModules(stmt: Extract<Stmt, {kind: 'Import'}>): void {
    for (const alias of stmt.names) {
      const module = this.apply(stmt.span, () =>
        findModule(alias.name, this.modules, this.runModules),
      );
      if (alias.asname) this.bind(alias.asname, module, alias.span);
      else {
        const top = alias.name.split('.')[0] ?? alias.name;
        this.bind(top, findModule(top, this.modules, this.runModules), alias.span);
      }
    }
  }

  private importFrom(stmt: Extract<Stmt, {kind: 'ImportFrom'}>): void {
    const module = this.apply(stmt.span, () =>
      findModule(stmt.module, this.modules, this.runModules),
    );
    for (const alias of stmt.names) {
      const value = this.apply(alias.span, () => {
        const own = module.attrs.get(alias.name);
        if (own !== undefined) return own;
        // Only a package has submodules (`from torch import nn`; not `from math import sqr`).
        if (module.file.endsWith('__init__.py')) {
          try {
            return findModule(`${stmt.module}.${alias.name}`, this.modules, this.runModules);
          } catch (e) {
            if (!(e instanceof PyException) || e.type !== 'ModuleNotFoundError') throw e;
          }
        }
        if (knownMember(module.name, alias.name)) {
          throw pyError(
            'NotImplementedError',
            `${module.name}.${alias.name} is not supported by grad-graph yet`,
          );
        }
        throw pyError(
          'ImportError',
          `cannot import name '${alias.name}' from '${stmt.module}' (${module.file === '(built-in)' ? 'unknown location' : module.file})`,
          stmt.span,
        );
      });
      this.bind(alias.asname ?? alias.name, value, alias.span);
    }
  }

  /** Binds the value to a target: a name, a tuple/list with an optional `*rest`, an attribute or an item. */
  assign(target: Expr, value: unknown): void {
    switch (target.kind) {
      case 'Name':
        this.bind(target.id, value, target.span);
        return;
      case 'Tuple':
      case 'List': {
        const star = target.elts.findIndex((e) => e.kind === 'Starred');
        const items = this.apply(target.span, () =>
          unpackStarred(value, target.elts.length, star < 0 ? null : star),
        );
        target.elts.forEach((elt, i) => {
          this.assign(elt.kind === 'Starred' ? elt.value : elt, items[i]);
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

  /**
   * `target: annotation = value` with its value evaluated (undefined: none). In a module or
   * class body the annotation is evaluated too, and a simple name's recorded in the body's
   * `__annotations__` (what `dataclass` reads); in a function it is never evaluated, as in CPython.
   */
  annotatedAssign(stmt: Extract<Stmt, {kind: 'AnnAssign'}>, value: unknown): void {
    if (value !== undefined) this.assign(stmt.target, value);
    if (this.frame.kind === 'function') return;
    const annotation = this.evaluate(stmt.annotation);
    if (!stmt.simple || stmt.target.kind !== 'Name') return;
    const vars = this.frame.kind === 'module' ? this.globals : this.frame.vars;
    let annotations = vars.get('__annotations__');
    if (!(annotations instanceof PyDict)) {
      annotations = new PyDict([]);
      vars.set('__annotations__', annotations);
    }
    (annotations as PyDict).set(stmt.target.id, annotation);
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

  /** `for`: the body runs once per item, each pass a trace group; `else` runs unless it broke. */
  private forLoop(stmt: Extract<Stmt, {kind: 'For'}>): Signal {
    const iterable = this.evaluate(stmt.iter);
    const next = this.loopItems(stmt, iterable);
    const count = iterable instanceof PyRange ? Number(iterable.length) : null;
    const left = closesWhenLeft(stmt, iterable);
    try {
      for (let index = 0, r = next(); r; r = next(), index++) {
        const s = this.pass(stmt, r.value, index, count);
        if (s === 'return') return s;
        if (s === 'break') return null;
      }
    } finally {
      left?.();
    }
    return this.block(stmt.orelse);
  }

  /** One pass of a `for` body. */
  private pass(
    stmt: Extract<Stmt, {kind: 'For'}>,
    item: unknown,
    index: number,
    count: number | null,
  ): Signal {
    this.loopTick(stmt.span);
    const group = this.hooks.groupStarted ? this.openIteration(stmt, item, index, count) : null;
    try {
      this.assign(stmt.target, item);
      return this.block(stmt.body);
    } finally {
      if (group !== null) this.hooks.groupEnded?.(group);
    }
  }

  private whileLoop(stmt: Extract<Stmt, {kind: 'While'}>): Signal {
    for (let index = 0; ; index++) {
      if (!this.truth(this.evaluate(stmt.test), stmt.test.span)) break;
      this.loopTick(stmt.span);
      const group = this.openIteration(stmt, undefined, index);
      try {
        const s = this.block(stmt.body);
        if (s === 'return') return s;
        if (s === 'break') return null;
      } finally {
        if (group !== null) this.hooks.groupEnded?.(group);
      }
    }
    return this.block(stmt.orelse);
  }

  private withBlock(
    items: Extract<Stmt, {kind: 'With'}>['items'],
    index: number,
    body: readonly Stmt[],
    span: Span,
  ): Signal {
    const item = items[index];
    if (!item) return this.block(body);
    const manager = this.evaluate(item.context);
    const {enter, exit} = this.apply(item.context.span, () => this.contextManager(manager));
    // CPython's BEFORE_WITH is at the whole `with` statement, body included, so its traceback
    // line has no carets: the span runs from the header to the end of the body's last statement.
    const last = body[body.length - 1]?.span ?? span;
    const entered = this.apply({...span, endLine: last.endLine, endColumn: last.endColumn}, enter);
    let raised: PyException | null = null;
    try {
      if (item.target) this.assign(item.target, entered);
      return this.withBlock(items, index + 1, body, span);
    } catch (e) {
      raised = toPyException(e, null);
      if (raised.fatal) throw raised;
      if (!exit(raised)) throw raised;
      return null;
    } finally {
      if (!raised) exit(null);
    }
  }

  private deleteTarget(t: Expr): void {
    switch (t.kind) {
      case 'Name': {
        const vars = this.storeVars(t.id);
        if (!vars.delete(t.id)) this.lookup(t.id, t.span);
        return;
      }
      case 'Tuple':
      case 'List':
        for (const e of t.elts) this.deleteTarget(e);
        return;
      case 'Attribute': {
        const obj = this.evaluate(t.value);
        this.apply(t.span, () => {
          this.deleteAttribute(obj, t.attr);
        });
        return;
      }
      case 'Subscript': {
        const obj = this.evaluate(t.value);
        const index = this.evaluate(t.index);
        this.apply(t.span, () => {
          this.deleteItem(obj, index);
        });
        return;
      }
      default:
        return;
    }
  }

  /** A fresh module frame (for tests that poke at the interpreter). */
  static moduleFrame(globals: Map<string, unknown>): Frame {
    return new Frame('module', globals, null, null, '<module>', '');
  }

  /** Is `v` true, located at `span` for a tensor's ambiguous truth? */
  truth(v: unknown, span: Span): boolean {
    if (typeof v === 'boolean') return v;
    return this.apply(span, () => truthy(v));
  }
}
