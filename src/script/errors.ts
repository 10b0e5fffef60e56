/**
 * The error model: a Python exception inside the runner (`PyException`) and the error a caller sees
 * (`ScriptError`, with the Python-style traceback text).
 */
import type {Span} from '../trace/span.js';

/**
 * A Python exception being raised: its type name (`TypeError`, `RuntimeError`, …), its message
 * and, once known, the span of the code that raised it. Internal to the runner; callers get a
 * `ScriptError`.
 */
export class PyException extends Error {
  /** Python's exception type name. */
  readonly type: string;
  /** Where it was raised; the interpreter fills it in from the operation being applied. */
  span: Span | null;
  /** The innermost statement running when it was raised (the traceback's line). */
  statement: Span | null = null;

  constructor(type: string, message: string, span: Span | null = null) {
    super(message);
    this.name = type;
    this.type = type;
    this.span = span;
  }
}

/** Shorthand for `new PyException(type, message)`. */
export function pyError(type: string, message: string, span: Span | null = null): PyException {
  return new PyException(type, message, span);
}

/**
 * The error a script ended with, as Python would report it: the exception's type and message,
 * where it happened (1-based line and column; null when it has no place in the source), and the
 * full Python-style traceback whose last line is `Type: message`.
 */
export class ScriptError extends Error {
  /** Python's exception type name: 'SyntaxError', 'NameError', 'RuntimeError', … */
  readonly type: string;
  /** Where in the source; null for an error with no place (e.g. the time budget). */
  readonly span: Span | null;
  /** The Python-style traceback, ending with `Type: message` (no trailing newline). */
  readonly traceback: string;
  /** 1-based line of the error, for a component that points at the code (null without a span). */
  readonly line: number | null;
  /** 1-based column of the error (null without a span). */
  readonly column: number | null;

  constructor(type: string, message: string, span: Span | null, traceback: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.span = span;
    this.traceback = traceback;
    this.line = span?.line ?? null;
    this.column = span?.column ?? null;
  }
}
