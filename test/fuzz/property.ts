/**
 * The property every fuzzed script must satisfy: `runScript` returns normally, and any error is a
 * ScriptError in Python's words (a built-in Python exception name, a message with no JavaScript
 * leaking through, a traceback ending `Type: message`), located inside the source, within the
 * time budget, with the global grad mode and observer restored.
 */
import {readFileSync} from 'node:fs';
import {isGradEnabled} from '../../autograd/gradmode.js';
import {getObserver} from '../../autograd/report.js';
import {traceSource} from '../../src/run/index.js';
import {runScript, ScriptError, type Limits, type RunResult} from '../../src/script/index.js';
import {parseTrace} from '../../src/trace/validate.js';

interface RobustnessGoldens {
  exceptions: string[];
}

const goldens = JSON.parse(
  readFileSync(new URL('../robustness/golden/robustness.json', import.meta.url), 'utf8'),
) as RobustnessGoldens;

/**
 * Python's built-in exception names (from CPython 3.11, see the golden generator), minus
 * SystemError: the runner wraps a JavaScript exception it did not expect as
 * `SystemError: grad-graph internal error: …`, so for us it always means a bug.
 */
export const pythonExceptionNames: ReadonlySet<string> = new Set([
  ...goldens.exceptions.filter((n) => n !== 'SystemError'),
  // PyTorch's own exception classes the runner raises (a RuntimeError subclass in gradcheck.py):
  // a mutated "Extending PyTorch" script may well fail its gradcheck.
  'GradcheckError',
]);

/** JavaScript leaking into a message: each pattern with what it means. */
const leaks: readonly [RegExp, string][] = [
  [/\bundefined\b/, 'undefined'],
  [/\[object \w+\]/, '[object …]'],
  [/(?<!float )\bNaN\b/, 'NaN (Python says nan)'],
  [/\bInfinity\b/, 'Infinity (Python says inf)'],
  [/\bnull\b(?! bytes)/, 'null (Python says None)'],
  [/Cannot read propert/i, 'a property read on undefined'],
  [/is not a function/, 'a JS call error'],
  [/call stack/i, 'a JS stack overflow'],
  [/\bBigInt\b/, 'a JS BigInt error'],
  [/Invalid (array|string) length/, 'a JS allocation error'],
  [/\bfunction\s*\(|=>/, 'JS source text'],
];

/** Quoted parts of a message (user names and strings) are the script's words, not ours. */
function unquoted(message: string): string {
  return message.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** The source's lines as Python counts them (\n, \r\n and \r end a line). */
function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

/** What was wrong with one run, or null when the property holds. */
export function violation(
  source: string,
  result: RunResult | {thrown: unknown},
  elapsedMs: number,
  budgetMs: number,
): string | null {
  if ('thrown' in result) {
    const e = result.thrown;
    return `runScript threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  if (typeof result.output !== 'string') return 'output is not a string';
  if (!isGradEnabled()) return 'grad mode left disabled after the run';
  if (getObserver() !== null) return 'autograd observer left installed after the run';
  if (elapsedMs > budgetMs) return `took ${elapsedMs.toFixed(0)} ms (budget ${budgetMs} ms)`;
  const err = result.error;
  if (err === null) return null;
  if (!(err instanceof ScriptError)) return 'error is not a ScriptError';
  if (!pythonExceptionNames.has(err.type)) return `error type ${err.type}: ${err.message}`;
  if (typeof err.message !== 'string') return 'error message is not a string';
  const bare = unquoted(err.message);
  for (const [pattern, what] of leaks) {
    if (pattern.test(bare)) return `message leaks ${what}: ${err.type}: ${err.message}`;
  }
  const expectedEnd = err.message === '' ? err.type : `${err.type}: ${err.message}`;
  if (!err.traceback.replace(/\n+$/, '').endsWith(expectedEnd.replace(/\n+$/, ''))) {
    return `traceback ends ${JSON.stringify(err.traceback.slice(-80))}, not with the error`;
  }
  const span = err.span;
  if (!span) return `no span: ${err.type}: ${err.message}`;
  const lines = sourceLines(source);
  const {line, column, endLine, endColumn} = span;
  const ints = [line, column, endLine, endColumn].every((n) => Number.isInteger(n));
  if (!ints) return `span has non-integers ${JSON.stringify(span)}`;
  if (line < 1 || line > lines.length) return `line ${line} outside 1..${lines.length}`;
  const text = lines[line - 1] ?? '';
  if (column < 1 || column > text.length + 1) {
    return `column ${column} outside 1..${text.length + 1} on line ${line} (${err.type}: ${err.message})`;
  }
  if (endLine < line || endLine > lines.length) return `endLine ${endLine} out of range`;
  if (endLine === line && endColumn < column) return `endColumn ${endColumn} before column`;
  if (endColumn < 1 || endColumn > (lines[endLine - 1] ?? '').length + 2) {
    return `endColumn ${endColumn} outside line ${endLine}`;
  }
  if (err.line !== line || err.column !== column) return 'line/column disagree with span';
  return null;
}

/** The limits fuzzed scripts run with: small enough for throughput, still far above the scripts. */
export const fuzzLimits: Partial<Limits> = {
  maxLoopIterations: 20_000,
  maxStatements: 100_000,
  timeBudgetMs: 2_000,
};

/** Allowed wall time per script: the budget plus slack for a loaded two-core machine. */
export const fuzzWallMs = 6_000;

/** Runs one script and checks the property; returns the violation or null. */
export function check(source: string, limits: Partial<Limits> = fuzzLimits): string | null {
  const t0 = performance.now();
  let result: RunResult | {thrown: unknown};
  try {
    result = runScript(source, {limits});
  } catch (e) {
    result = {thrown: e};
  }
  return violation(source, result, performance.now() - t0, fuzzWallMs);
}

/**
 * The same property through the trace stage (what the element runs): `traceSource` returns
 * normally, its error obeys the property, and the trace survives JSON and validation.
 */
export function checkTraced(source: string, limits: Partial<Limits> = fuzzLimits): string | null {
  const t0 = performance.now();
  let trace;
  try {
    trace = traceSource(source, {limits});
  } catch (e) {
    return `traceSource threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const e = trace.error;
  const error = e ? new ScriptError(e.type, e.message, e.span, e.traceback) : null;
  const problem = violation(
    source,
    {output: trace.output, error},
    performance.now() - t0,
    fuzzWallMs,
  );
  if (problem) return `traced: ${problem}`;
  try {
    parseTrace(JSON.stringify(trace));
  } catch (err) {
    return `trace does not round-trip through JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  return null;
}
