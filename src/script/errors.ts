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
  /**
   * The frames it left so far, innermost first: each function call it unwound through, with the
   * statement and operation that were running there. `span`/`statement` are the current frame's.
   */
  readonly frames: TraceFrame[] = [];
  /** The exception's Python arguments (`e.args`) when they are not just `(message,)`. */
  args: readonly unknown[] | null = null;
  /** The Python exception object, once the script has seen it (`except … as e`) or raised it. */
  value: unknown = undefined;
  /** `raise … from cause`: the cause (printed first, "The above exception was the direct cause…"). */
  pyCause: PyException | null = null;
  /** The exception being handled when this one was raised ("During handling of the above…"). */
  context: PyException | null = null;
  /** `raise … from None` (or any `from`): the context is not printed. */
  suppressContext = false;
  /** The frame whose `except` caught it (its traceback starts there); unset: the module. */
  caughtIn: string | undefined = undefined;
  /** A limit of the runner stopped the script: no `except` may catch it. */
  fatal = false;
  /** The type name the traceback's last line shows (`__main__` classes unqualified). */
  shownType: string;
  /**
   * Frames of PyTorch's own Python code the exception left, innermost last, printed after the
   * script's frames as CPython prints them (`torch/cuda/__init__.py`, `_lazy_init`). For an
   * exception made with its frames known; {@link inLibrary} instead records a library frame as
   * the exception leaves it, among the script's frames (library code may call the script back).
   */
  libraryFrames: readonly LibraryFrame[] = [];
  /**
   * The name a NameError or AttributeError did not find (Python's `e.name`), and for an
   * AttributeError the object it was looked up on (`e.obj`), as CPython 3.11 sets them where the
   * lookup failed.
   */
  missingName: string | null = null;
  missingOwner: unknown = null;
  /**
   * CPython 3.11's "Did you mean: '…'?" candidate, computed only when the traceback is printed
   * (never part of the message: `str(e)` has no hint); see suggest.ts.
   */
  suggest: (() => string | null) | null = null;

  constructor(type: string, message: string, span: Span | null = null) {
    super(message);
    this.name = type;
    this.type = type;
    this.span = span;
    this.shownType = type;
  }
}

/** One frame of a traceback: the function's name and where it was when the exception left it. */
export interface TraceFrame {
  /** `f`, `Net.forward`'s code name `forward`, `<lambda>`, `<listcomp>`, `<module>`. */
  readonly name: string;
  readonly statement: Span | null;
  readonly span: Span | null;
  /** A frame of PyTorch's own Python code (the library's file and the line's text), not the script's. */
  readonly library?: LibraryFrame;
}

/** Where PyTorch's Python code was when an exception left it: `optimizer.py`, line 61, `__init__`. */
export interface LibraryFrame {
  readonly file: string;
  readonly line: number;
  /** The function's code name (`__init__`, `add_param_group`). */
  readonly name: string;
  /** The text of that line, stripped, as the traceback shows it. */
  readonly source: string;
  /** CPython's caret line under it, when the failing call is part of the line (`    ^^^^`). */
  readonly carets?: string;
}

/**
 * Runs `body` as PyTorch's Python function `frame` would run: an exception leaving it gets that
 * frame in its traceback (CPython prints `File ".../torch/optim/sgd.py", line 109, in __init__`).
 * With `warnsHere`, a warning issued inside (by a function it calls with `stacklevel=2`, or from
 * C++) is shown at the frame's line, as Python shows `loss.py:536: UserWarning: …`.
 */
export function inLibrary<T>(frame: LibraryFrame, body: () => T, warnsHere = false): T {
  if (warnsHere) running.push({frame, depth: scriptDepth()});
  try {
    return body();
  } catch (caught) {
    const e = asPyException(caught);
    if (!e) throw caught;
    e.frames.push({name: frame.name, statement: e.statement, span: e.span, library: frame});
    e.statement = null;
    e.span = null;
    throw e;
  } finally {
    if (warnsHere) running.pop();
  }
}

/** The warning-locating library frames running now, innermost last, with the script's depth then. */
const running: {frame: LibraryFrame; depth: number}[] = [];
let scriptDepth: () => number = () => 0;

/** Tells {@link inLibrary} how many script frames are running (the interpreter's call depth). */
export function setScriptDepth(depth: () => number): () => number {
  const previous = scriptDepth;
  scriptDepth = depth;
  return previous;
}

/**
 * The library frame the running code is in: the innermost one, unless the library called the
 * script back since (then null: the script's own line is where it is).
 */
export function runningLibraryFrame(): LibraryFrame | null {
  const top = running.at(-1);
  return top && top.depth === scriptDepth() ? top.frame : null;
}

/** A PyException, or the engine's error naming its Python type (`pyType`) made one; else null. */
function asPyException(e: unknown): PyException | null {
  if (e instanceof PyException) return e;
  const pyType = e instanceof Error ? (e as {pyType?: unknown}).pyType : undefined;
  return typeof pyType === 'string' ? new PyException(pyType, (e as Error).message) : null;
}

/** `raise Type(message)` at a line of PyTorch's Python code. */
export function raiseIn(frame: LibraryFrame, type: string, message: string): never {
  return inLibrary(frame, () => {
    throw pyError(type, message);
  });
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

/** CPython's `KeyError(key)`: its message is the key's repr, its args the key itself. */
export function keyError(key: unknown, repr: string): PyException {
  const e = new PyException('KeyError', repr);
  e.args = [key];
  return e;
}
