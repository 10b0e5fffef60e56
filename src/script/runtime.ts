/**
 * The interpreter's state and the services every part of it shares: the frames and names, the
 * limits (statements, loop iterations, time, recursion), locating errors at the operation that
 * raised them, iteration, context managers and deletion.
 */
import {Tensor} from '../../autograd/tensor.js';
import type {Span} from '../trace/span.js';
import type {Expr, Module, Stmt} from './ast.js';
import {modelDelAttr, isModelValue} from './classes.js';
import {hasSpecial, instanceIterate, special} from './dunders.js';
import {PyException, pyError} from './errors.js';
import {exceptionObject} from './exceptions.js';
import {Frame, loadName, moduleDunders, storeTarget} from './frames.js';
import type {Limits} from './limits.js';
import {PyInstance} from './objects.js';
import {nextOf} from './iterators.js';
import {iterate, truthy} from './operators.js';
import {pyRepr, typeName} from './repr.js';
import {deleteItem} from './subscript.js';
import {nameError} from './suggest.js';
import type {ScriptHooks, Signal} from './interpreter.js';
import {PyContextManager, PyIterator, PyList, PyModule, PyRange} from './values.js';

/** CPython's default recursion limit (`sys.getrecursionlimit()`), counting the module's frame. */
export const recursionLimit = 1000;

/** Converts a thrown value into a PyException located at `span` (set by interpreter.ts). */
export type Locate = (e: unknown, span: Span | null) => PyException;

/** State and shared services of a run. */
export abstract class Runtime {
  readonly globals = new Map<string, unknown>();
  readonly builtins = new Map<string, unknown>();
  /** The running frame. */
  frame: Frame;
  /** Every frame now running, outermost first (the live-elements limit walks their variables). */
  readonly frames: Frame[] = [];
  /** Python frames now running (the module's included), bounded by `recursionLimit`. */
  depth = 1;
  /**
   * Bodies now run in call mode (definitions.ts `callOnHeap`): suspend.ts hands their calls of
   * script functions to the driver instead of making them; false while a generator's body runs.
   */
  calling = false;
  /** The value of the last `return` (read by the call that ran the body). */
  returnValue: unknown = null;
  /** The operation being applied (for warnings' line numbers). */
  current: Span | null = null;
  /** Exceptions being handled (`except` blocks now running), innermost last. */
  readonly handling: PyException[] = [];
  private statements = 0;
  private iterations = 0;
  private readonly deadline: number;

  constructor(
    readonly module: Module,
    readonly hooks: ScriptHooks,
    readonly limits: Limits,
    private readonly locate: Locate,
  ) {
    this.frame = new Frame('module', this.globals, null, null, '<module>', '');
    this.frames.push(this.frame);
    this.deadline = Date.now() + limits.timeBudgetMs;
  }

  /** Runs statements in order; stops at the first break, continue or return. */
  abstract block(stmts: readonly Stmt[]): Signal;
  /** Evaluates an expression. */
  abstract evaluate(expr: Expr): unknown;
  /** Binds a value to an assignment target. */
  abstract assign(target: Expr, value: unknown): void;

  /** The variables of every running frame (roots of the live-elements limit). */
  *liveValues(): Generator {
    for (const f of this.frames) yield* f.vars.values();
    yield this.returnValue;
  }

  private fatal(type: string, message: string, span: Span): PyException {
    const err = pyError(type, message, span);
    err.fatal = true;
    return err;
  }

  /** Counts a statement against the limits. */
  tick(span: Span): void {
    if (++this.statements > this.limits.maxStatements) {
      throw this.fatal(
        'RuntimeError',
        `grad-graph stopped the script after ${this.limits.maxStatements} statements (limit maxStatements)`,
        span,
      );
    }
    if ((this.statements & 255) === 0) this.checkTime(span);
  }

  /** Counts a loop iteration (or comprehension item) against the limits. */
  loopTick(span: Span): void {
    if (++this.iterations > this.limits.maxLoopIterations) {
      throw this.fatal(
        'RuntimeError',
        `grad-graph stopped the script after ${this.limits.maxLoopIterations} loop iterations (limit maxLoopIterations)`,
        span,
      );
    }
    if ((this.iterations & 255) === 0) this.checkTime(span);
  }

  /** Stops the run past its time budget. */
  checkTime(span: Span): void {
    if (Date.now() > this.deadline) {
      throw this.fatal(
        'TimeoutError',
        `grad-graph stopped the script after its time budget of ${this.limits.timeBudgetMs} ms (limit timeBudgetMs)`,
        span,
      );
    }
  }

  /** Enters a Python frame (a call): RecursionError past CPython's limit. */
  enterFrame(span: Span | null): void {
    if (this.depth >= recursionLimit) {
      throw pyError('RecursionError', 'maximum recursion depth exceeded', span);
    }
    this.depth++;
    if ((this.depth & 31) === 0 && span) this.checkTime(span);
  }

  /** Runs `fn` as the operation at `span`: tells the hooks, and locates any error there. */
  apply<T>(span: Span, fn: () => T): T {
    this.hooks.operation?.(span);
    this.current = span;
    try {
      return fn();
    } catch (e) {
      throw this.locate(e, span);
    }
  }

  /** Converts anything thrown into a PyException, located at `span` unless it already is. */
  located(e: unknown, span: Span | null): PyException {
    return this.locate(e, span);
  }

  /** Reads a name in the running frame (locals, enclosing functions, globals, builtins). */
  lookup(name: string, span: Span): unknown {
    return loadName(this.frame, name, span, this.globalName);
  }

  private readonly globalName = (name: string, span: Span): unknown => {
    const g = this.globals.get(name);
    if (g !== undefined) return g;
    const b = this.builtins.get(name);
    if (b !== undefined) return b;
    const frame = this.frame;
    throw nameError(name, span, () => [
      frame.kind === 'function' && frame.info ? [...frame.info.locals] : [],
      [...new Set([...moduleDunders, ...this.globals.keys()])],
    ]);
  };

  /** The variables `name = …` writes to in the running frame. */
  storeVars(name: string): Map<string, unknown> {
    return storeTarget(this.frame, name, this.globals);
  }

  /** Binds a name in the running frame and tells the hooks. */
  bind(name: string, value: unknown, span: Span): void {
    storeTarget(this.frame, name, this.globals).set(name, value);
    this.hooks.assigned?.(name, value, span);
  }

  /**
   * Visits the items of an iterable one at a time (a list live, as Python does: items appended
   * in the loop are visited; a generator lazily); `visit` returns true to stop.
   */
  forEach(iterable: unknown, span: Span, visit: (item: unknown) => boolean): void {
    if (iterable instanceof PyRange) {
      const n = iterable.length;
      for (let i = 0n; i < n; i++) if (visit(iterable.at(i))) return;
      return;
    }
    if (iterable instanceof PyList) {
      for (let i = 0; i < iterable.items.length; i++) if (visit(iterable.items[i])) return;
      return;
    }
    if (iterable instanceof PyInstance) {
      this.apply(span, () => {
        instanceIterate(iterable, visit);
      });
      return;
    }
    const items = this.apply(span, () => iterate(iterable));
    for (const item of items) if (visit(item)) return;
  }

  /** A function stepping through an iterable lazily (see `forEach`): null when exhausted. */
  stepper(iterable: unknown, span: Span): () => {value: unknown} | null {
    if (iterable instanceof PyRange) {
      const n = iterable.length;
      let i = 0n;
      return () => (i < n ? {value: iterable.at(i++)} : null);
    }
    if (iterable instanceof PyList) {
      let i = 0;
      return () => (i < iterable.items.length ? {value: iterable.items[i++]} : null);
    }
    if (iterable instanceof PyIterator) {
      return () =>
        this.apply(span, () => {
          const r = nextOf(iterable);
          return r.done ? null : {value: r.value};
        });
    }
    if (iterable instanceof PyInstance && hasSpecial(iterable, '__iter__')) {
      const it = special(iterable, '__iter__', []);
      if (!(it instanceof PyInstance)) return this.stepper(it, span);
      if (!hasSpecial(it, '__next__')) {
        throw pyError('TypeError', `iter() returned non-iterator of type '${typeName(it)}'`);
      }
      return () =>
        this.apply(span, () => {
          try {
            return {value: special(it, '__next__', [])};
          } catch (e) {
            if (e instanceof PyException && exceptionObject(e).cls.name === 'StopIteration')
              return null;
            throw e;
          }
        });
    }
    const items = iterate(iterable);
    let i = 0;
    return () => (i < items.length ? {value: items[i++]} : null);
  }

  /**
   * The items of a `for` loop over `iterable`. Making and stepping its iterator fail at the
   * whole statement, as CPython locates GET_ITER and FOR_ITER (so its traceback line has no
   * carets); the operations are still announced at the iterable.
   */
  loopItems(stmt: Stmt & {kind: 'For'}, iterable: unknown): () => {value: unknown} | null {
    const span = stmt.iter.span;
    const relocate = (e: unknown): PyException => {
      const err = this.locate(e, span);
      if (err.span === span) {
        const last = stmt.orelse[stmt.orelse.length - 1] ?? stmt.body[stmt.body.length - 1];
        err.span = last
          ? {...stmt.span, endLine: last.span.endLine, endColumn: last.span.endColumn}
          : stmt.span;
      }
      return err;
    };
    let step: () => {value: unknown} | null;
    try {
      step = this.apply(span, () => this.stepper(iterable, span));
    } catch (e) {
      throw relocate(e);
    }
    if (iterable instanceof PyRange || iterable instanceof PyList) return step;
    return () => {
      try {
        return step();
      } catch (e) {
        throw relocate(e);
      }
    };
  }

  /** Opens the trace group of one loop pass (null when the hooks do not record groups). */
  openIteration(
    stmt: Stmt & {kind: 'For' | 'While'},
    item: unknown,
    index: number,
    count: number | null = null,
  ): number | null {
    if (!this.hooks.groupStarted) return null;
    const name = stmt.kind === 'For' ? iterationName(stmt.target, item) : `pass ${index}`;
    return this.hooks.groupStarted({
      kind: 'iteration',
      name,
      span: stmt.span,
      index,
      ...(count !== null ? {count} : {}),
    });
  }

  /**
   * The enter and exit of a context manager: torch's (`no_grad()`), or an object whose class has
   * `__enter__`/`__exit__` (exit returns true to suppress the exception).
   */
  contextManager(manager: unknown): {
    enter: () => unknown;
    exit: (e: PyException | null) => boolean;
  } {
    if (manager instanceof PyContextManager) {
      return {
        enter: () => manager.enter(),
        exit: () => {
          manager.exit();
          return false;
        },
      };
    }
    if (manager instanceof PyInstance && hasSpecial(manager, '__enter__')) {
      if (!hasSpecial(manager, '__exit__')) {
        throw pyError(
          'TypeError',
          `'${typeName(manager)}' object does not support the context manager protocol (missed __exit__ method)`,
        );
      }
      return {
        enter: () => special(manager, '__enter__', []),
        exit: (e) => {
          const args = e ? [exceptionObject(e).cls, exceptionObject(e), null] : [null, null, null];
          return truthy(special(manager, '__exit__', args));
        },
      };
    }
    throw pyError(
      'TypeError',
      `'${typeName(manager)}' object does not support the context manager protocol`,
    );
  }

  /** `del obj.name`. */
  deleteAttribute(obj: unknown, name: string): void {
    if (isModelValue(obj)) {
      modelDelAttr(obj, name);
      return;
    }
    if (obj instanceof PyModule && obj.attrs.delete(name)) return;
    throw pyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
  }

  /** `del obj[index]` (subscript.ts). */
  deleteItem(obj: unknown, index: unknown): void {
    deleteItem(obj, index);
  }
}

/** The name of a `for` pass as a reader says it: `i = 3`, `i = 0, x = 1.5`. */
function iterationName(target: Expr, item: unknown): string {
  if (target.kind === 'Name') return `${target.id} = ${shortValue(item)}`;
  if (
    (target.kind === 'Tuple' || target.kind === 'List') &&
    !target.elts.some((e) => e.kind === 'Starred')
  ) {
    let items: unknown[] | null = null;
    try {
      items = iterate(item);
    } catch {
      items = null;
    }
    if (items && items.length === target.elts.length) {
      return target.elts.map((e, i) => iterationName(e, items[i])).join(', ');
    }
  }
  return shortValue(item);
}

function shortValue(v: unknown): string {
  if (v instanceof Tensor) return `tensor of shape [${v.shape.join(', ')}]`;
  if (v instanceof PyIterator) return typeName(v);
  if (v === null || typeof v !== 'object') {
    const r = pyRepr(v);
    return r.length > 30 ? `${r.slice(0, 29)}…` : r;
  }
  return typeName(v);
}
