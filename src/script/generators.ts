/**
 * Generator objects: what calling a generator function returns. The body runs only when asked
 * (`next`, `send`, `throw`, a `for` loop), up to its next `yield`, and keeps its frame between
 * the two; `return v` ends it with `StopIteration(v)`. The suspension itself is a JS generator
 * (suspend.ts runs the body); this file is the Python protocol around it, with CPython's errors.
 */
import type {Span} from '../trace/span.js';
import type {Stmt} from './ast.js';
import {callValue} from './call.js';
import {isStopIteration} from './dunders.js';
import {PyException, pyError} from './errors.js';
import {errorOf, exceptionObject, isExceptionClass, isExceptionObject} from './exceptions.js';
import {pyStr, typeName} from './repr.js';
import {PyCallable, PyIterator, PyTuple} from './values.js';

/**
 * Runs a generator's body one step: `next` resumes it with the value sent (the `yield`
 * expression's result), `throw` raises the exception at the `yield`. The runner makes the
 * generator's frame the running one for the step.
 */
export type GeneratorStep = (how: 'next' | 'throw', value: unknown) => IteratorResult<unknown>;

/** The state behind a generator: a JS iterator whose `next()` is Python's `next(g)`. */
class GeneratorState implements Iterator<unknown> {
  /** `gi_running`: the body is executing (a generator may not resume itself). */
  running = false;
  /** The body has started (a just-started generator accepts only `send(None)`). */
  started = false;
  /** The body returned or raised: every later `next` raises StopIteration. */
  finished = false;

  constructor(private readonly step: GeneratorStep) {}

  next(): IteratorResult<unknown> {
    return this.resume('next', null);
  }

  /** One step of the body; `done` with the return value when it ended. */
  resume(how: 'next' | 'throw', value: unknown): IteratorResult<unknown> {
    if (this.running) throw pyError('ValueError', 'generator already executing');
    if (this.finished) {
      if (how === 'throw') throw value;
      return {done: true, value: null};
    }
    this.running = true;
    this.started = true;
    try {
      const r = this.step(how, value);
      if (r.done === true) this.finished = true;
      return r;
    } catch (e) {
      this.finished = true;
      if (isStopIteration(e)) {
        // PEP 479: a StopIteration leaving the body would end the caller's loop silently.
        const err = pyError('RuntimeError', 'generator raised StopIteration');
        err.pyCause = e as PyException;
        err.context = e as PyException;
        throw err;
      }
      throw e;
    } finally {
      this.running = false;
    }
  }
}

/** `StopIteration(value)`: how a generator's `return value` reaches `next()`'s caller. */
export function stopIteration(value: unknown): PyException {
  if (value === null) return pyError('StopIteration', '');
  const err = pyError('StopIteration', pyStr(value));
  err.args = [value];
  return err;
}

/** A generator object (`<generator object f at 0x…>`). */
export class PyGenerator extends PyIterator {
  private readonly state: GeneratorState;

  constructor(qualname: string, step: GeneratorStep) {
    const state = new GeneratorState(step);
    super('generator', [], state, qualname);
    this.state = state;
  }

  /** `g.send(value)`: resumes the body, the `yield` evaluating to `value`; the next yielded value. */
  send(value: unknown): unknown {
    if (!this.state.started && value !== null && !this.state.finished) {
      throw pyError('TypeError', "can't send non-None value to a just-started generator");
    }
    const r = this.state.resume('next', value);
    if (r.done === true) throw stopIteration(r.value);
    return r.value;
  }

  /** `g.throw(exc)`: raises `exc` at the `yield` the body waits at; the next yielded value. */
  throw(exc: PyException): unknown {
    const r = this.state.resume('throw', exc);
    if (r.done === true) throw stopIteration(r.value);
    return r.value;
  }

  /**
   * One step of `yield from g`: resumes with a value or an exception; `done` with the value
   * `g` returned.
   */
  delegate(how: 'next' | 'throw', value: unknown): IteratorResult<unknown> {
    if (how === 'next' && !this.state.started && value !== null && !this.state.finished) {
      throw pyError('TypeError', "can't send non-None value to a just-started generator");
    }
    return this.state.resume(how, value);
  }

  /** `g.close()`: GeneratorExit at the `yield`; the body may clean up but not yield again. */
  close(): null {
    if (this.state.finished) return null;
    if (!this.state.started) {
      this.state.finished = true;
      return null;
    }
    let r: IteratorResult<unknown>;
    try {
      r = this.state.resume('throw', pyError('GeneratorExit', ''));
    } catch (e) {
      if (e instanceof PyException && isExit(e)) return null;
      if (isStopIteration(e)) return null;
      throw e;
    }
    if (r.done === true) return null;
    throw pyError('RuntimeError', 'generator ignored GeneratorExit');
  }

  /** `gi_running`. */
  get running(): boolean {
    return this.state.running;
  }
}

/** The exception `g.throw(x)` raises: `x` an exception object, or a class to instantiate. */
function thrownError(args: readonly unknown[], span: Span): PyException {
  if (args.length < 1 || args.length > 3) {
    throw pyError('TypeError', `throw expected at least 1 argument, got ${args.length}`);
  }
  let inst = args[0];
  if (isExceptionClass(inst)) {
    const value = args[1] ?? null;
    inst = isExceptionObject(value)
      ? value
      : callValue(
          inst,
          value === null ? [] : value instanceof PyTuple ? value.items : [value],
          undefined,
          span,
        );
  }
  if (!isExceptionObject(inst)) {
    throw pyError(
      'TypeError',
      'exceptions must be classes or instances deriving from BaseException, not ' + typeName(inst),
    );
  }
  if (args.length > 1 && args[1] !== null && !isExceptionClass(args[0])) {
    throw pyError('TypeError', 'instance exception may not have a separate value');
  }
  return errorOf(inst, pyStr(inst));
}

/** `g.send`, `g.throw`, `g.close`, `g.__next__`, `g.__iter__` and `g.gi_running` (undefined: no such attribute). */
export function generatorAttribute(g: PyGenerator, name: string): unknown {
  const method = (f: (args: readonly unknown[], span: Span) => unknown) =>
    new PyCallable(
      name,
      (args, kwargs, site) => {
        if (kwargs.size > 0)
          throw pyError('TypeError', `generator.${name}() takes no keyword arguments`);
        return f(args, site.span);
      },
      {kind: 'method', self: g, owner: 'generator'},
    );
  switch (name) {
    case 'send':
      return method((args) => {
        if (args.length !== 1)
          throw pyError(
            'TypeError',
            `generator.send() takes exactly one argument (${args.length} given)`,
          );
        return g.send(args[0]);
      });
    case 'throw':
      return method((args, span) => g.throw(thrownError(args, span)));
    case 'close':
      return method((args) => {
        if (args.length > 0)
          throw pyError('TypeError', `generator.close() takes no arguments (${args.length} given)`);
        return g.close();
      });
    case '__next__':
      return method((args) => {
        if (args.length > 0) throw pyError('TypeError', `expected 0 arguments, got ${args.length}`);
        return g.send(null);
      });
    case '__iter__':
      return method(() => g);
    case 'gi_running':
      return g.running;
    case '__name__':
      return g.qualname?.split('.').pop() ?? 'generator';
    case '__qualname__':
      return g.qualname;
    default:
      return undefined;
  }
}

/** Is `e` the GeneratorExit that `close()` raised? */
export function isExit(e: PyException): boolean {
  return exceptionObject(e).cls.name === 'GeneratorExit';
}

/**
 * A generator that a `for` made for itself (`for x in gen(): break`) is dropped when the loop is
 * left, and CPython then closes it at once: its `finally` blocks run before the next statement.
 * The returned function closes it; null for any other iterable.
 */
export function closesWhenLeft(
  stmt: Extract<Stmt, {kind: 'For'}>,
  iterable: unknown,
): (() => void) | null {
  const kind = stmt.iter.kind;
  if (!(iterable instanceof PyGenerator) || kind === 'Name' || kind === 'Attribute') return null;
  if (kind === 'Subscript') return null;
  return () => {
    try {
      iterable.close();
    } catch {
      // CPython reports an error raised while finalizing on stderr ("Exception ignored in")
    }
  };
}
