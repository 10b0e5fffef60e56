/**
 * RunError: the one type for every way a run can fail — the script raised (a Python exception
 * with its traceback), a limit stopped it, a recorder or worker broke, a `src` file could not be
 * loaded, a trace property was malformed — and `runErrorOf`, the one conversion into it. The CLI,
 * the elements, the notebook and the events all report a RunError; the trace keeps the same
 * fields as its serialised TraceError record.
 */
import type {Span, TraceError} from '../trace/index.js';

/** The fields of a RunError as plain data: what a worker posts and a trace records. */
export interface RunErrorData {
  /** Python's exception name (`NameError`, `SyntaxError`, `RuntimeError`, `TimeoutError`, …). */
  readonly type: string;
  readonly message: string;
  /** Where in the source, or null when it has no place (a time budget, a broken worker). */
  readonly span: Span | null;
  /** Python's traceback text, ending with `Type: message`. */
  readonly traceback: string;
}

/** A run's failure, in Python's words and at its place. */
export class RunError extends Error implements RunErrorData {
  /** Python's exception name where there is one, else the JS error's name. */
  readonly type: string;
  readonly span: Span | null;
  /** 1-based line of `span` (null without one), as the element's events report it. */
  readonly line: number | null;
  /** 1-based column of `span` (null without one). */
  readonly column: number | null;
  readonly traceback: string;

  constructor(data: RunErrorData) {
    super(data.message);
    this.name = 'RunError';
    this.type = data.type;
    this.span = data.span;
    this.line = data.span?.line ?? null;
    this.column = data.span?.column ?? null;
    this.traceback = data.traceback;
  }

  /** The plain fields (what a worker posts, and JSON.stringify writes). */
  toJSON(): RunErrorData & {readonly line: number | null; readonly column: number | null} {
    const {type, message, span, line, column, traceback} = this;
    return {type, message, span, line, column, traceback};
  }
}

/** A RunError with no place: `type: message`, its traceback that one line. */
export function runError(type: string, message: string): RunError {
  return new RunError({type, message, span: null, traceback: `${type}: ${message}`});
}

/**
 * Any thrown or posted value as a RunError: a RunError as it is; a script's error (anything with
 * Python's `type`, and a `span` or `line`/`column`, and a `traceback`) keeps them; a JS Error keeps
 * its name as the type; anything else is an `Error` with its text.
 */
export function runErrorOf(value: unknown): RunError {
  if (value instanceof RunError) return value;
  if (value === null || typeof value !== 'object') return runError('Error', String(value));
  const r = value as Record<string, unknown>;
  const type = typeof r.type === 'string' ? r.type : value instanceof Error ? value.name : 'Error';
  const message =
    typeof r.message === 'string' ? r.message : value instanceof Error ? '' : JSON.stringify(value);
  const traceback = typeof r.traceback === 'string' ? r.traceback : `${type}: ${message}`;
  return new RunError({type, message, span: spanOf(r), traceback});
}

/** The error a trace ended with, as a RunError (null when the script ran to the end). */
export function runErrorOfTrace(trace: {readonly error: TraceError | null}): RunError | null {
  return trace.error ? runErrorOf(trace.error) : null;
}

/** The place of an error-like record: its span, else a point at its `line`/`column`. */
function spanOf(r: Record<string, unknown>): Span | null {
  const s = r.span;
  if (s && typeof s === 'object') {
    const span = s as Record<string, unknown>;
    if (typeof span.line === 'number' && typeof span.column === 'number') {
      const {line, column} = span;
      const endLine = typeof span.endLine === 'number' ? span.endLine : line;
      const endColumn = typeof span.endColumn === 'number' ? span.endColumn : column;
      return {line, column, endLine, endColumn};
    }
  }
  if (typeof r.line === 'number') {
    const column = typeof r.column === 'number' ? r.column : 1;
    return {line: r.line, column, endLine: r.line, endColumn: column};
  }
  return null;
}
