/**
 * Functions and classes at run time: `def` and `lambda` make PyFunctions (defaults evaluated once,
 * at definition, as in Python), calling one runs its body in a new frame (a trace group, a
 * traceback frame, a step towards the recursion limit); `class` runs its body in its own namespace
 * and makes a PyClass; decorators apply bottom-up.
 */
import {takeQuietCall} from './groups.js';
import type {Span} from '../trace/span.js';
import type {Expr, Stmt} from './ast.js';
import {bindArguments, type KwargsMaker} from './arguments.js';
import {callValue} from './call.js';
import {PyException, pyError} from './errors.js';
import {Frame} from './frames.js';
import {PyGenerator} from './generators.js';
import {getAttr} from './attributes.js';
import {
  objectClass,
  PyBoundMethod,
  PyClass,
  PyFunction,
  PyInstance,
  type FunctionNode,
  type FunctionRuntime,
} from './objects.js';
import {typeName} from './repr.js';
import {Runtime} from './runtime.js';
import {scopeOf} from './scopes.js';
import {PyCallable, PyTuple, type Kwargs} from './values.js';

/** The name a reader gives a call: the qualified name without `<locals>` (`Net.forward`). */
function readerName(qualname: string): string {
  return qualname.replace(/\.<locals>/g, '');
}

/**
 * The depth from which calls run on the heap (`callOnHeap`): below it a call is a few JS frames
 * (fast); from it on, recursion as deep as CPython's limit must fit a browser worker's JS stack,
 * which holds only a few hundred Python frames of cold (not yet optimized) interpreter code.
 */
export const heapCallDepth = 48;

/**
 * A call to a script function that a body running on the heap asks its driver to make
 * (yielded by suspend.ts in call mode): the driver runs the callee's body next to it, not on
 * top of it in the JS stack, and sends the result (or throws the error) back in.
 */
export class CallRequest {
  constructor(
    readonly fn: PyFunction,
    readonly args: readonly unknown[],
    readonly kwargs: Kwargs,
    readonly site: Span | null,
    /** The instance a class call made, when `fn` is its `__init__`: the call's value. */
    readonly instance: PyInstance | null = null,
  ) {}
}

/**
 * The call of `func` a body on the heap hands to its driver: a script function or method (not a
 * generator function), or a class whose `__init__` is one (the instance is made now, as
 * `instantiate` makes it); null when the call must be made at once.
 */
export function heapRequest(
  func: unknown,
  args: readonly unknown[],
  kwargs: Kwargs,
  site: Span | null,
): CallRequest | null {
  if (func instanceof PyFunction) {
    return func.generator ? null : new CallRequest(func, args, kwargs, site);
  }
  if (func instanceof PyBoundMethod && func.func instanceof PyFunction) {
    const fn = func.func;
    return fn.generator ? null : new CallRequest(fn, [func.self, ...args], kwargs, site);
  }
  if (func instanceof PyClass) {
    const init = func.lookup('__init__');
    if (init instanceof PyFunction && !init.generator) {
      const instance = func.instantiate(args, kwargs);
      return new CallRequest(init, [instance, ...args], kwargs, site, instance);
    }
  }
  return null;
}

/** A body running on the heap: its steps, its frame, the instance its class call made. */
interface HeapCall {
  readonly steps: Generator<unknown, unknown, unknown>;
  readonly frame: Frame;
  readonly instance: PyInstance | null;
}

/** A class call's value once its `__init__` returned `result`: the instance, or CPython's error. */
function initialized(instance: PyInstance, result: unknown): unknown {
  if (result === null || result === undefined) return instance;
  return pyError('TypeError', `__init__() should return None, not '${typeName(result)}'`, null);
}

/** Function and class definitions and calls. */
export abstract class Definitions extends Runtime implements FunctionRuntime {
  /** Makes the dict a `**kwargs` parameter receives. */
  protected abstract makeKwargs: KwargsMaker;

  /** The frame a function defined now closes over: the running function's (never a class body). */
  protected closureFrame(): Frame | null {
    const f = this.frame;
    if (f.kind === 'function') return f;
    if (f.kind === 'class') return f.parent;
    return null;
  }

  /** `def name(...)`: evaluates decorators, defaults, makes the function, applies decorators. */
  defineFunction(stmt: Extract<Stmt, {kind: 'FunctionDef'}>): unknown {
    const decorators = stmt.decorators.map((d) => this.evaluate(d));
    let value: unknown = this.makeFunction(stmt, stmt.name);
    for (let i = decorators.length - 1; i >= 0; i--) {
      const decorator = decorators[i];
      const d = stmt.decorators[i] as Expr;
      const arg = value;
      value = this.apply(d.span, () => callValue(decorator, [arg], undefined, d.span));
    }
    return value;
  }

  /** A PyFunction for a `def` or `lambda` in the running frame. */
  makeFunction(node: PyFunction['node'], name: string): PyFunction {
    const a = node.args;
    const defaults = [...a.posonly, ...a.args]
      .filter((p) => p.default !== null)
      .map((p) => this.evaluate(p.default as Expr));
    const kwdefaults = new Map<string, unknown>();
    for (const p of a.kwonly) if (p.default) kwdefaults.set(p.name, this.evaluate(p.default));
    const qualname = `${this.frame.prefix}${name}`;
    return new PyFunction(name, qualname, node, defaults, kwdefaults, this.closureFrame(), this);
  }

  /**
   * Calls a script function: binds arguments, runs the body in a new frame. Kept tiny (the frame
   * is entered by `enterCall`, not through a closure): each JS frame saved here is a deeper
   * Python recursion the JS stack can hold.
   */
  invoke(fn: PyFunction, args: readonly unknown[], kwargs: Kwargs, site: Span | null): unknown {
    if (fn.generator) return this.makeGenerator(fn, args, kwargs);
    const frame = this.enterCall(fn, args, kwargs, site);
    try {
      const node = fn.node;
      if (node.kind === 'Lambda') return this.evaluate(node.body);
      return this.block(node.body) === 'return' ? this.takeReturn() : null;
    } catch (e) {
      throw this.leftFrame(e, frame);
    } finally {
      this.leaveCall(frame);
    }
  }

  /**
   * A call made deep in a recursion: the body runs as steps (suspend.ts in call mode), and the
   * script-function calls it makes come back here as `CallRequest`s and run as steps too, kept
   * on an explicit stack. The JS stack stays as deep as one call however deep the Python
   * recursion goes; frames, trace groups, tracebacks and the recursion limit are those of
   * `invoke` (the same `enterCall`, `leaveCall` and `leftFrame`). Only calls written in the
   * script come here (`Evaluator.call`), not those made by builtins or through dunders, so a
   * recursion through those costs no more JS stack than before.
   */
  callOnHeap(first: CallRequest): unknown {
    const calls: HeapCall[] = [];
    const start = (request: CallRequest): void => {
      const frame = this.enterCall(request.fn, request.args, request.kwargs, request.site);
      try {
        calls.push({steps: this.generatorBody(request.fn.node), frame, instance: request.instance});
      } catch (e) {
        this.leaveCall(frame);
        throw e;
      }
    };
    start(first);
    const calling = this.calling;
    let sent: unknown = null;
    let thrown: PyException | null = null;
    for (;;) {
      const top = calls[calls.length - 1] as HeapCall;
      let r: IteratorResult<unknown>;
      this.calling = true;
      try {
        r = thrown ? top.steps.throw(thrown) : top.steps.next(sent);
      } catch (e) {
        const err = this.leftFrame(e, top.frame);
        this.leaveCall(top.frame);
        calls.pop();
        if (calls.length === 0) throw err;
        thrown = err;
        continue;
      } finally {
        this.calling = calling;
      }
      thrown = null;
      if (r.done === true) {
        this.leaveCall(top.frame);
        calls.pop();
        const value: unknown = top.instance ? initialized(top.instance, r.value) : r.value;
        if (calls.length === 0) {
          if (value instanceof PyException) throw value;
          return value;
        }
        if (value instanceof PyException) thrown = value;
        else sent = value;
        continue;
      }
      try {
        start(r.value as CallRequest);
        sent = null;
      } catch (e) {
        thrown = this.toError(e, null);
      }
    }
  }

  /** Runs a generator function's body (suspend.ts), resumed by the generator `makeGenerator` makes. */
  protected abstract generatorBody(node: FunctionNode): Generator<unknown, unknown, unknown>;

  /**
   * Calling a generator function: the arguments are bound now, the body runs later, a step at a
   * time, each step with the generator's frame the running one (a traceback frame, a step
   * towards the recursion limit, a trace group closed before the caller goes on). The exceptions
   * it is handling while suspended are set aside, as CPython keeps them with the generator.
   */
  private makeGenerator(fn: PyFunction, args: readonly unknown[], kwargs: Kwargs): PyGenerator {
    const node = fn.node;
    const vars = bindArguments(fn, args, kwargs, this.makeKwargs);
    const name = node.kind === 'Lambda' ? '<lambda>' : fn.name;
    const frame = new Frame(
      'function',
      vars,
      scopeOf(node),
      fn.closure as Frame | null,
      name,
      `${fn.qualname}.<locals>.`,
      fn,
    );
    let body: Generator<unknown, unknown, unknown> | null = null;
    let handled: PyException[] = [];
    return new PyGenerator(fn.qualname, (how, value) => {
      this.enterFrame(this.current);
      const saved = this.frame;
      const base = this.handling.length;
      this.handling.push(...handled);
      this.frame = frame;
      this.frames.push(frame);
      const group = this.hooks.groupStarted
        ? this.hooks.groupStarted({kind: 'call', name: readerName(fn.qualname), span: this.current})
        : null;
      const calling = this.calling;
      this.calling = false;
      try {
        body ??= this.generatorBody(node);
        return how === 'next' ? body.next(value) : body.throw(value);
      } catch (e) {
        throw this.leftFrame(e, frame);
      } finally {
        this.calling = calling;
        handled = this.handling.splice(base);
        this.frames.pop();
        this.frame = saved;
        this.depth--;
        if (group !== null) this.hooks.groupEnded?.(group);
      }
    });
  }

  private takeReturn(): unknown {
    const v = this.returnValue;
    this.returnValue = null;
    return v;
  }

  /** Binds the arguments and makes `fn`'s frame the running one (a trace group opens). */
  private enterCall(
    fn: PyFunction,
    args: readonly unknown[],
    kwargs: Kwargs,
    site: Span | null,
  ): Frame {
    const node = fn.node;
    const vars = bindArguments(fn, args, kwargs, this.makeKwargs);
    this.enterFrame(site);
    const frame = new Frame(
      'function',
      vars,
      scopeOf(node),
      fn.closure as Frame | null,
      node.kind === 'Lambda' ? '<lambda>' : fn.name,
      `${fn.qualname}.<locals>.`,
      fn,
      this.frame,
    );
    // A module's forward is not a group of its own: the module call's group stands for it.
    const quiet = takeQuietCall(fn);
    frame.group =
      this.hooks.groupStarted && !quiet
        ? this.hooks.groupStarted({kind: 'call', name: readerName(fn.qualname), span: site})
        : null;
    this.frame = frame;
    this.frames.push(frame);
    return frame;
  }

  private leaveCall(frame: Frame): void {
    this.frames.pop();
    this.frame = frame.caller as Frame;
    this.depth--;
    if (frame.group !== null) this.hooks.groupEnded?.(frame.group);
  }

  /** An exception leaving `frame`: the frame is recorded for the traceback, the caller relocates it. */
  private leftFrame(e: unknown, frame: Frame): PyException {
    const err = this.toError(e, null);
    err.frames.push({name: frame.name, statement: err.statement, span: err.span});
    err.statement = null;
    err.span = null;
    return err;
  }

  /**
   * Runs `body` with `frame` as the running frame; an exception leaving it records the frame
   * (for the traceback) and is located anew by the caller.
   */
  inFrame<T>(frame: Frame, body: () => T): T {
    const saved = this.frame;
    this.frame = frame;
    this.frames.push(frame);
    try {
      return body();
    } catch (e) {
      throw this.leftFrame(e, frame);
    } finally {
      this.frames.pop();
      this.frame = saved;
      this.depth--;
    }
  }

  /** Converts a thrown value to a PyException (interpreter.ts supplies it). */
  protected abstract toError(e: unknown, span: Span | null): PyException;

  /** `class Name(bases): body`: runs the body in its own namespace, then makes the class. */
  defineClass(stmt: Extract<Stmt, {kind: 'ClassDef'}>): unknown {
    const decorators = stmt.decorators.map((d) => this.evaluate(d));
    const written = stmt.bases.map((b) => this.evaluate(b));
    const bases = stmt.bases.flatMap((b, i) => {
      const v = written[i];
      // a base that stands for classes (typing's Generic[T]) gives them through __mro_entries__
      if (v instanceof PyInstance && v.cls.lookup('__mro_entries__') !== undefined) {
        const entries = this.apply(b.span, () =>
          callValue(getAttr(v, '__mro_entries__'), [new PyTuple(written)], undefined, b.span),
        );
        if (!(entries instanceof PyTuple)) {
          throw pyError('TypeError', '__mro_entries__ must return a tuple', b.span);
        }
        return entries.items.filter((e): e is PyClass => e instanceof PyClass);
      }
      if (!(v instanceof PyClass)) {
        if (v instanceof PyCallable && v.kind.kind === 'type') {
          throw pyError(
            'NotImplementedError',
            `subclassing the built-in type '${v.name}' is not supported by grad-graph's Python subset`,
            b.span,
          );
        }
        throw pyError('TypeError', `bases must be types, not '${typeName(v)}'`, b.span);
      }
      return [v];
    });
    for (const k of stmt.keywords) {
      if (k.name !== 'metaclass') continue;
      throw pyError(
        'NotImplementedError',
        "metaclasses are not supported by grad-graph's Python subset",
        k.span,
      );
    }
    const qualname = `${this.frame.prefix}${stmt.name}`;
    const dict = new Map<string, unknown>([
      ['__module__', '__main__'],
      ['__qualname__', qualname],
    ]);
    const frame = new Frame('class', dict, null, this.closureFrame(), stmt.name, `${qualname}.`);
    this.enterFrame(stmt.span);
    this.inFrame(frame, () => this.block(stmt.body));
    dict.delete('__module__');
    dict.delete('__qualname__');
    const cls = this.apply(
      stmt.span,
      () =>
        new PyClass(stmt.name, bases.length ? bases : [objectClass], dict, '__main__', qualname),
    );
    for (const v of dict.values()) {
      if (typeof v !== 'object' || v === null) continue;
      for (const f of [
        v,
        (v as {func?: unknown}).func,
        (v as {fget?: unknown}).fget,
        (v as {fset?: unknown}).fset,
      ]) {
        if (f instanceof PyFunction && f.owner === null) f.owner = cls;
      }
    }
    let value: unknown = cls;
    for (let i = decorators.length - 1; i >= 0; i--) {
      const d = stmt.decorators[i] as Expr;
      const arg = value;
      value = this.apply(d.span, () => callValue(decorators[i], [arg], undefined, d.span));
    }
    return value;
  }
}
