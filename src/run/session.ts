/**
 * A notebook session without a DOM: code cells run in order in one interpreter, as a Jupyter
 * kernel runs them, and the trace of everything run so far for the picture.
 *
 * How it stays exact and simple: running cell n runs the program made of cells 1..n again from the
 * start (scripts are deterministic, so this is the same as running cell n in a live session), and
 * the output is split per cell by the source line of each print. Jupyter's rules are kept:
 * - a cell whose last statement is an expression shows that value's repr (unless it is None), as
 *   `Out[n]` does; the line is run as `_ = expr` so the value can be caught, columns mapped back;
 * - a cell with a syntax error runs nothing; a cell that raises keeps the effects of the top-level
 *   statements before the one that raised (that statement is rolled back as a whole), and later
 *   cells run on that state;
 * - the picture shows the trace of the cells run, without the failing statements, so its error
 *   stays under its cell and never covers the graph.
 *
 * A session's trace is bounded as the element's is: it keeps a window of iterations whole (the
 * first and the last few, `src/trace/window.ts`) and lists every one; {@link recordSegment} records
 * a forgotten one again by running the session's program once more with the same random seed
 * (every run of one session draws from that seed), checked against the first run's summary.
 */
import {parse, pyRepr, ScriptError} from '../script/index.js';
import type {Limits, Module} from '../script/index.js';
import type {Span, Trace} from '../trace/index.js';
import type {ValueWindow} from '../trace/window.js';
import {iterationKept} from '../graph/iterations.js';
import {RunError, runErrorOf} from './errors.js';
import {checkRerun} from './rerun.js';
import {freshSeed, traceRun} from './trace.js';

/** Where the value of a trailing expression is caught (Jupyter binds `_` to it too). */
const DISPLAY_NAME = '_';
const DISPLAY_PREFIX = `${DISPLAY_NAME} = `;

/**
 * A cell's error: a RunError placed in the cell's own lines (1-based), its traceback as IPython
 * words it for a cell (`Cell In [n], line k`).
 */
export type CellError = RunError;

/** What one code cell produced when it ran. */
export interface CellRun {
  /** Printed text and the repr of a trailing expression, in order, as the cell's output shows them. */
  readonly output: string;
  /** The repr of the trailing expression's value, if the cell ends with one that is not None. */
  readonly display: string | null;
  /** The error the cell stopped with, if any. */
  readonly error: CellError | null;
}

/** The result of running cells 1..n. */
export interface SessionRun {
  /** The trace of the cells run (failing statements left out); feed it to `<grad-graph>`. */
  readonly trace: Trace;
  /** One entry per cell run, in order. */
  readonly cells: readonly CellRun[];
  /** The cells' code as given to {@link runCells}, up to the last cell run. */
  readonly sources: readonly string[];
  /**
   * The program the trace is of, cell by cell: each text as it ran (a trailing expression caught
   * in `_`, a failing statement cut with what follows it). {@link recordSegment} runs it again.
   */
  readonly program: readonly string[];
  /**
   * Where each cell run is in the trace's source (1-based lines, inclusive; `to < from` for a cell
   * that ran no line): a step's span says which cell made it. A cell cut at its error holds the
   * lines before it.
   */
  readonly cellLines: readonly CellLines[];
}

/** The lines of one cell in a session's trace source. */
export interface CellLines {
  readonly from: number;
  readonly to: number;
}

/** How to run a session. */
export interface SessionOptions {
  /** The runner's limits (statements, time, tensor sizes), for each run of the program. */
  readonly limits?: Partial<Limits>;
  /** Labels of the cells in tracebacks (`In [74]`); default 1, 2, 3, … */
  readonly labels?: readonly string[];
  /** The most elements one tensor may have in these runs (default: autograd/'s, 50 million). */
  readonly maxElements?: number;
  /** The most ops the trace records before the program is stopped (default 200,000). */
  readonly maxOps?: number;
  /**
   * Which iterations the trace keeps whole (default: the first and the last few, as
   * `traceSource`'s); `'all'` keeps every one.
   */
  readonly window?: ValueWindow | 'all';
  /**
   * The seed of the default random generator for every run of the session (default: a fresh one
   * per `runCells`, so its runs, and the reruns of its iterations, draw the same numbers).
   */
  readonly randomSeed?: string;
}

/** One cell prepared to run: its text (trailing expression rewritten) and its parse. */
interface Prepared {
  readonly original: string;
  readonly text: string;
  readonly module: Module | null;
  readonly syntaxError: RunError | null;
  /** The cell line whose text got the display prefix, and the column it was put at (1-based). */
  readonly display: {readonly line: number; readonly column: number} | null;
}

function prepare(source: string): Prepared {
  const text = source.endsWith('\n') || source === '' ? source : `${source}\n`;
  let module: Module;
  try {
    module = parse(text, '<cell>');
  } catch (e) {
    const err = e instanceof ScriptError ? e : new ScriptError('SyntaxError', String(e), null, '');
    return {original: text, text: '', module: null, syntaxError: runErrorOf(err), display: null};
  }
  const last = module.body[module.body.length - 1];
  if (last?.kind !== 'Expr')
    return {original: text, text, module, syntaxError: null, display: null};
  const lines = text.split('\n');
  const {line, column} = last.span;
  const row = lines[line - 1] ?? '';
  lines[line - 1] = row.slice(0, column - 1) + DISPLAY_PREFIX + row.slice(column - 1);
  return {
    original: text,
    text: lines.join('\n'),
    module,
    syntaxError: null,
    display: {line, column},
  };
}

/** Cuts a cell's text just before the top-level statement that contains `at` (cell position). */
function cutBefore(prepared: Prepared, at: Span | null): string {
  const body = prepared.module?.body ?? [];
  if (!at) return '';
  let cut: Span | null = null;
  for (const stmt of body) {
    const s = stmt.span;
    if (s.line < at.line || (s.line === at.line && s.column <= at.column)) cut = s;
  }
  if (!cut) return '';
  const lines = prepared.text.split('\n');
  const kept = lines.slice(0, cut.line - 1);
  const head = (lines[cut.line - 1] ?? '').slice(0, cut.column - 1);
  if (head.trim() !== '') kept.push(head.replace(/;\s*$/, ''));
  return kept.length ? `${kept.join('\n')}\n` : '';
}

/** Maps a position in a prepared cell back to the author's text (undoing the display prefix). */
function unshift(p: Prepared, line: number, column: number): number {
  const d = p.display;
  if (d?.line === line && column >= d.column + DISPLAY_PREFIX.length) {
    return column - DISPLAY_PREFIX.length;
  }
  return column;
}

/** The traceback relabelled for a cell: IPython's `Cell In [n], line k` and the author's line. */
function cellTraceback(
  traceback: string,
  label: string,
  p: Prepared,
  lineInCell: (programLine: number) => number,
): string {
  const lines = traceback.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const row = lines[i] ?? '';
    const m = /^ {2}File ".*", line (\d+)(, in <module>)?$/.exec(row);
    if (!m) {
      out.push(row);
      continue;
    }
    const k = lineInCell(Number(m[1]));
    out.push(`  Cell In [${label}], line ${String(k)}`);
    const source = lines[i + 1];
    if (source?.startsWith('    ')) {
      const authored = (p.original.split('\n')[k - 1] ?? '').trim();
      out.push(`    ${authored}`);
      i++;
      const carets = lines[i + 1];
      if (carets !== undefined && /^ {4}\s*\^+$/.test(carets)) {
        i++;
        // The display prefix moved the carets right; the author's line does not have it.
        const shifted = p.display?.line === k && carets.startsWith(' '.repeat(8));
        const marks = shifted ? `    ${carets.slice(8)}` : carets;
        // Python leaves out carets that would underline the whole line.
        if (marks.trim().length < authored.length || marks.length - 4 > marks.trim().length) {
          out.push(marks);
        }
      }
    }
  }
  return out.join('\n');
}

function toCellSpan(p: Prepared, span: Span | null, offset: number): Span | null {
  if (!span) return null;
  const line = span.line - offset;
  const endLine = span.endLine - offset;
  return {
    line,
    column: unshift(p, line, span.column),
    endLine,
    endColumn: unshift(p, endLine, span.endColumn),
  };
}

/**
 * The trace with every span passed through `map`: the session runs a trailing expression as
 * `_ = expr`, and the picture must quote the author's `out.backward()` (its narration, the pass
 * list, the code highlight), never the name the session caught the value in.
 */
function authorsTrace(trace: Trace, map: (span: Span) => Span): Trace {
  const at = <T extends {readonly span: Span | null}>(r: T): T =>
    r.span ? {...r, span: map(r.span)} : r;
  return {
    ...trace,
    tensors: trace.tensors.map(at),
    ops: trace.ops.map(at),
    backwardPasses: trace.backwardPasses.map(at),
    prints: trace.prints.map(at),
    ...(trace.groups ? {groups: trace.groups.map(at)} : {}),
    error: trace.error ? at(trace.error) : null,
  };
}

/** One run of the program made of the cells' current texts, with the output split per cell. */
interface ProgramRun {
  readonly trace: Trace;
  readonly outputs: string[];
  readonly displays: (string | null)[];
  readonly error: RunError | null;
  /** Which cell the error is in, and the cell-relative spans. */
  readonly errorCell: number;
}

function runProgram(
  prepared: readonly Prepared[],
  texts: readonly string[],
  options: SessionOptions,
): ProgramRun {
  const {limits, maxOps, window, randomSeed} = options;
  const starts: number[] = [];
  let line = 1;
  for (const t of texts) {
    starts.push(line);
    line += t === '' ? 0 : t.split('\n').length - 1;
  }
  const cellAt = (programLine: number): number => {
    let found = 0;
    starts.forEach((s, i) => {
      if (texts[i] !== '' && s <= programLine) found = i;
    });
    return found;
  };
  const source = texts.join('');
  const outputs = texts.map(() => '');
  const displays: (string | null)[] = texts.map(() => null);
  const {trace, error: e} = traceRun(
    source,
    {
      filename: '<notebook>',
      ...(window !== undefined ? {window} : {}),
      ...(randomSeed !== undefined ? {randomSeed} : {}),
      ...(limits ? {limits} : {}),
      ...(maxOps !== undefined ? {maxOps} : {}),
      ...(options.maxElements !== undefined ? {maxElements: options.maxElements} : {}),
    },
    {
      assigned: (name, value, span) => {
        const i = cellAt(span.line);
        const d = prepared[i]?.display;
        const isDisplay =
          name === DISPLAY_NAME &&
          d !== null &&
          d !== undefined &&
          texts[i] === prepared[i]?.text &&
          span.line - (starts[i] ?? 1) + 1 === d.line &&
          span.column === d.column;
        if (!isDisplay) return false;
        if (value === null || value === undefined) return true;
        let text: string;
        try {
          text = pyRepr(value);
        } catch (err) {
          text = `<repr failed: ${err instanceof Error ? err.message : String(err)}>`;
        }
        displays[i] = text;
        outputs[i] = `${outputs[i] ?? ''}${text}\n`;
        return true;
      },
      printed: (text, span) => {
        const i = cellAt(span.line);
        outputs[i] = `${outputs[i] ?? ''}${text}`;
      },
    },
  );
  const errorCell = e?.span ? cellAt(e.span.line) : e ? texts.length - 1 : -1;
  const authors = authorsTrace(trace, (span) => {
    const i = cellAt(span.line);
    const p = prepared[i];
    // Only a cell run whole has its display prefix (a cut cell lost its last statement).
    if (!p || texts[i] !== p.text) return span;
    const start = starts[i] ?? 1;
    return {
      ...span,
      column: unshift(p, span.line - start + 1, span.column),
      endColumn: unshift(p, span.endLine - start + 1, span.endColumn),
    };
  });
  const original = texts.map((t, i) => {
    const p = prepared[i];
    return p?.display && t === p.text ? p.original : t;
  });
  return {trace: {...authors, source: original.join('')}, outputs, displays, error: e, errorCell};
}

/**
 * Runs code cells 0..upTo (inclusive) as one session and returns each cell's output and error, and
 * the trace of the session for the picture. Pure: the same cells give the same result.
 */
export function runCells(
  sources: readonly string[],
  upTo: number,
  options: SessionOptions = {},
): SessionRun {
  const count = Math.min(Math.max(Math.trunc(upTo) + 1, 0), sources.length);
  const prepared = sources.slice(0, count).map(prepare);
  // One seed for every run below: a cell cut back after an error draws what it drew before.
  const seeded = {...options, randomSeed: options.randomSeed ?? freshSeed()};
  const label = (i: number): string => options.labels?.[i] ?? String(i + 1);
  const texts = prepared.map((p) => p.text);
  const errors: (CellError | null)[] = prepared.map((p, i) => {
    const e = p.syntaxError;
    if (!e) return null;
    const traceback = e.traceback
      ? cellTraceback(e.traceback, label(i), p, (k) => k)
      : `${e.type}: ${e.message}`;
    return new RunError({type: e.type, message: e.message, span: e.span, traceback});
  });
  const outputs: string[] = prepared.map(() => '');
  const displays: (string | null)[] = prepared.map(() => null);
  // Each failing cell is cut back and the program run again: at most one extra run per failure.
  let run = runProgram(prepared, texts, seeded);
  for (let guard = 0; run.error && guard <= count; guard++) {
    const i = run.errorCell;
    const p = prepared[i];
    const e = run.error;
    if (!p) break;
    const offset = texts
      .slice(0, i)
      .reduce((n, t) => n + (t === '' ? 0 : t.split('\n').length - 1), 0);
    const span = toCellSpan(p, e.span, offset);
    errors[i] = new RunError({
      type: e.type,
      message: e.message,
      span,
      traceback: cellTraceback(e.traceback, label(i), p, (k) => k - offset),
    });
    outputs[i] = run.outputs[i] ?? '';
    displays[i] = null;
    texts[i] = cutBefore(p, span ? {...span, column: e.span?.column ?? span.column} : null);
    run = runProgram(prepared, texts, seeded);
  }
  const cells = prepared.map((_, i): CellRun => {
    const error = errors[i] ?? null;
    if (error) return {output: outputs[i] ?? '', display: displays[i] ?? null, error};
    return {output: run.outputs[i] ?? '', display: run.displays[i] ?? null, error: null};
  });
  let line = 1;
  const cellLines = texts.map((t): CellLines => {
    const count = t === '' ? 0 : t.split('\n').length - 1;
    const from = line;
    line += count;
    return {from, to: from + count - 1};
  });
  return {trace: run.trace, cells, sources: sources.slice(0, count), program: texts, cellLines};
}

/**
 * A trace that keeps segment `index` of `session` (what the notebook's graph cuts out of it: the
 * records up to and including backward pass `index`, or after the last pass): the session's own
 * trace when it keeps it, else the session's program run again from the start with the session's
 * seed, recording that iteration only and stopping once it has it. The rerun is checked against
 * the first run's summary of the iteration (ops, steps, loss bit for bit). Synchronous, on the
 * thread that calls it, as the session's runs are; `options` gives the limits (its window and
 * seed are the session's).
 * @throws RerunMismatchError when the rerun differs from the first run (the cells read something
 *   that changes between runs).
 */
export function recordSegment(
  session: SessionRun,
  index: number,
  options: Omit<SessionOptions, 'window' | 'randomSeed'> = {},
): Trace {
  const trace = session.trace;
  if (iterationKept(trace, index)) return trace;
  const i = Math.trunc(index);
  const run = runProgram(session.sources.map(prepare), session.program, {
    ...options,
    window: {only: i},
    ...(trace.randomSeed !== undefined ? {randomSeed: trace.randomSeed} : {}),
  });
  checkRerun(trace, i, run.trace);
  return run.trace;
}
