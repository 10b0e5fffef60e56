/**
 * Exceptions at run time: `raise` (with `from`), `try`/`except`/`else`/`finally`, and the
 * chaining CPython records (`__context__` when raised while handling another, `__cause__` from
 * `raise … from …`). Limits of the runner (time budget, statement and loop limits) are fatal:
 * no `except` catches them, so a runaway script always ends.
 */
import type {Span} from '../trace/span.js';
import type {Stmt} from './ast.js';
import {callValue} from './call.js';
import {Definitions} from './definitions.js';
import {PyException, pyError} from './errors.js';
import {errorOf, exceptionObject, isExceptionClass, isExceptionObject} from './exceptions.js';
import type {Signal} from './interpreter.js';
import {pyStr} from './repr.js';
import {PyTuple} from './values.js';

/** `raise` and `try`. */
export abstract class Handlers extends Definitions {
  /** The PyException for raising `value` (a class is instantiated with `args`). */
  raiseValue(value: unknown, args: readonly unknown[], span: Span): PyException {
    let inst: unknown = value;
    if (isExceptionClass(value)) inst = callValue(value, args, undefined, span);
    if (!isExceptionObject(inst)) {
      throw pyError('TypeError', 'exceptions must derive from BaseException', span);
    }
    const err = errorOf(inst, pyStr(inst));
    if (err.frames.length > 0 || err.statement) {
      // Raised again: the traceback continues from where it was caught.
      err.frames.push({name: this.frame.name, statement: err.statement, span: err.span});
    }
    err.statement = null;
    err.span = span;
    return err;
  }

  /** The exception a `raise` statement raises. */
  raise(stmt: Extract<Stmt, {kind: 'Raise'}>): PyException {
    const handled = this.handling[this.handling.length - 1] ?? null;
    if (!stmt.exc) {
      if (!handled) throw pyError('RuntimeError', 'No active exception to reraise', stmt.span);
      return handled;
    }
    const value = this.evaluate(stmt.exc);
    let cause: PyException | null = null;
    let hasCause = false;
    if (stmt.cause) {
      hasCause = true;
      const c = this.evaluate(stmt.cause);
      if (c !== null) {
        let inst: unknown = c;
        if (isExceptionClass(c)) inst = callValue(c, [], undefined, stmt.cause.span);
        if (!isExceptionObject(inst)) {
          throw pyError('TypeError', 'exception causes must derive from BaseException', stmt.span);
        }
        cause = errorOf(inst, pyStr(inst));
      }
    }
    const err = this.raiseValue(value, [], stmt.span);
    if (hasCause) {
      err.pyCause = cause;
      err.suppressContext = true;
    }
    if (handled && handled !== err && !err.context) err.context = handled;
    return err;
  }

  /** Does the `except` clause's type (a class or a tuple of classes) match `err`? */
  exceptMatches(type: unknown, err: PyException, span: Span): boolean {
    if (type instanceof PyTuple) return type.items.some((t) => this.exceptMatches(t, err, span));
    if (!isExceptionClass(type)) {
      throw pyError(
        'TypeError',
        'catching classes that do not inherit from BaseException is not allowed',
        span,
      );
    }
    return exceptionObject(err).cls.isSubclassOf(type);
  }

  /** `try` with its handlers, `else` and `finally`. */
  tryStatement(stmt: Extract<Stmt, {kind: 'Try'}>): Signal {
    let signal: Signal = null;
    let pending: PyException | null = null;
    try {
      signal = this.tryBody(stmt);
    } catch (e) {
      pending = this.toError(e, null);
    }
    if (stmt.finalbody.length > 0) {
      const returnValue = this.returnValue;
      if (pending) this.handling.push(pending);
      let s: Signal;
      try {
        s = this.block(stmt.finalbody);
      } catch (e) {
        const err = this.toError(e, null);
        if (pending && err !== pending && !err.context) err.context = pending;
        throw err;
      } finally {
        if (pending) this.handling.pop();
      }
      // A break, continue or return in `finally` discards the exception or the return.
      if (s && !pending?.fatal) return s;
      this.returnValue = returnValue;
    }
    if (pending) throw pending;
    return signal;
  }

  private tryBody(stmt: Extract<Stmt, {kind: 'Try'}>): Signal {
    let signal: Signal;
    try {
      signal = this.block(stmt.body);
    } catch (e) {
      const err = this.toError(e, null);
      if (err.fatal || stmt.handlers.length === 0) throw err;
      err.caughtIn ??= this.frame.name;
      for (const handler of stmt.handlers) {
        if (handler.type) {
          const type = this.evaluate(handler.type);
          if (!this.exceptMatches(type, err, handler.type.span)) continue;
        }
        return this.handle(handler, err);
      }
      throw err;
    }
    if (signal) return signal;
    return this.block(stmt.orelse);
  }

  private handle(
    handler: Extract<Stmt, {kind: 'Try'}>['handlers'][number],
    err: PyException,
  ): Signal {
    this.handling.push(err);
    try {
      if (handler.name) this.bind(handler.name, exceptionObject(err), handler.span);
      return this.block(handler.body);
    } catch (e) {
      const next = this.toError(e, null);
      if (next !== err && !next.context && !next.fatal) next.context = err;
      throw next;
    } finally {
      this.handling.pop();
      // Python deletes the name at the end of the handler.
      if (handler.name) this.storeVars(handler.name).delete(handler.name);
    }
  }
}
