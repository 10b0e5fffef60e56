/**
 * Python-style traceback text for an error: CPython 3.11's layout (a `File "…", line N, in f`
 * entry per frame, the source line, the caret line with its `~`/`^` anchors, repeated frames
 * collapsed, chained exceptions first) ending with `Type: message`.
 */
import type {Span} from '../trace/span.js';
import type {Module} from './ast.js';
import type {PyException} from './errors.js';
import {parseModule} from './parser.js';
import {printedMessage} from './suggest.js';

/** The last line of a traceback: `Type: message`, or just `Type` for an empty message. */
export function exceptionLine(type: string, message: string): string {
  return message === '' ? type : `${type}: ${message}`;
}

function carets(line: string, span: Span | null, whole: boolean): string | null {
  if (!span) return null;
  const indent = line.length - line.trimStart().length;
  const start = Math.max(span.column - 1, indent);
  const end =
    span.endLine === span.line ? Math.max(span.endColumn - 1, start + 1) : line.trimEnd().length;
  if (!whole && start === indent && end >= line.trimEnd().length) return null;
  return `${' '.repeat(start - indent)}${'^'.repeat(Math.max(1, end - start))}`;
}

/**
 * Where CPython 3.11 splits a frame's caret line into `~` and `^`: it parses the failing
 * expression's text alone and marks the operator of a binary operation, or the brackets of a
 * subscript.
 */
function anchors(segment: string): {left: number; right: number} | null {
  let tree: Module;
  try {
    tree = parseModule(segment, '<segment>');
  } catch {
    return null;
  }
  const stmt = tree.body[0];
  if (tree.body.length !== 1 || stmt?.kind !== 'Expr') return null;
  const e = stmt.value;
  if (e.kind === 'BinOp') {
    const opStart = e.left.span.endColumn - 1;
    const opStr = segment.slice(opStart, e.right.span.column - 1);
    const offset = opStr.length - opStr.trimStart().length;
    const left = opStart + offset;
    let right = left + 1;
    if (offset + 1 < opStr.length && !/\s/.test(opStr[offset + 1] ?? '')) right++;
    return {left, right};
  }
  if (e.kind === 'Subscript') {
    return {left: e.value.span.endColumn - 1, right: e.index.span.endColumn};
  }
  return null;
}

/** The lines of one traceback frame: file and line, the source line, and the carets. */
function frameLines(
  filename: string,
  lines: readonly string[],
  name: string,
  at: Span,
  span: Span | null,
): string[] {
  const out = [`  File "${filename}", line ${at.line}, in ${name}`];
  const line = lines[at.line - 1] ?? '';
  const stripped = line.trim();
  if (!stripped) return out;
  out.push(`    ${stripped}`);
  if (!span || span.line !== at.line) return out;
  const indent = line.length - line.trimStart().length;
  const start = span.column - 1;
  let end = span.endColumn - 1;
  let marks: {left: number; right: number} | null = null;
  if (span.endLine === span.line) marks = anchors(line.slice(start, end));
  else end = indent + stripped.length;
  const show = end - start < stripped.length || (marks !== null && marks.right - marks.left > 0);
  if (!show || start < indent) return out;
  const width = end - start;
  const caretLine = marks
    ? '~'.repeat(marks.left) +
      '^'.repeat(marks.right - marks.left) +
      '~'.repeat(Math.max(0, width - marks.right))
    : '^'.repeat(width);
  out.push(`    ${' '.repeat(start - indent)}${caretLine}`);
  return out;
}

/** How many identical frames CPython prints before `[Previous line repeated N more times]`. */
const recursiveCutoff = 3;

/** The `Traceback (most recent call last):` block of one exception (chained ones not included). */
function oneTraceback(filename: string, lines: readonly string[], err: PyException): string[] {
  const entries = [
    {name: err.caughtIn ?? '<module>', statement: err.statement, span: err.span},
    ...[...err.frames].reverse(),
  ];
  const body: string[] = [];
  let last: string | null = null;
  let count = 0;
  const flush = () => {
    if (count > recursiveCutoff) {
      const n = count - recursiveCutoff;
      body.push(`  [Previous line repeated ${n} more time${n > 1 ? 's' : ''}]`);
    }
  };
  for (const entry of entries) {
    const library = 'library' in entry ? entry.library : undefined;
    if (library !== undefined) {
      flush();
      last = null;
      count = 0;
      body.push(`  File "${library.file}", line ${library.line}, in ${library.name}`);
      body.push(`    ${library.source}`);
      if (library.carets !== undefined) body.push(`    ${library.carets}`);
      continue;
    }
    const at = entry.span ?? entry.statement;
    if (!at) continue;
    const key = `${at.line}\n${entry.name}`;
    if (key !== last) {
      flush();
      last = key;
      count = 0;
    }
    count++;
    if (count > recursiveCutoff) continue;
    body.push(...frameLines(filename, lines, entry.name, at, entry.span));
  }
  flush();
  for (const f of err.libraryFrames) {
    body.push(`  File "${f.file}", line ${f.line}, in ${f.name}`, `    ${f.source}`);
  }
  const out = body.length ? ['Traceback (most recent call last):', ...body] : [];
  out.push(exceptionLine(err.shownType, printedMessage(err)));
  return out;
}

/**
 * The traceback CPython 3.11 prints for an uncaught exception: its frames, outermost first,
 * after the traceback of its cause (`raise … from …`) or of the exception it was raised while
 * handling.
 */
export function formatTraceback(
  filename: string,
  lines: readonly string[],
  err: PyException,
  seen: Set<PyException> = new Set(),
): string {
  seen.add(err);
  const out: string[] = [];
  if (err.pyCause && !seen.has(err.pyCause)) {
    out.push(formatTraceback(filename, lines, err.pyCause, seen));
    out.push('', 'The above exception was the direct cause of the following exception:', '');
  } else if (err.context && !err.suppressContext && !seen.has(err.context)) {
    out.push(formatTraceback(filename, lines, err.context, seen));
    out.push('', 'During handling of the above exception, another exception occurred:', '');
  }
  out.push(...oneTraceback(filename, lines, err));
  return out.join('\n');
}

/** Where the error happened, innermost frame first: the span an editor points at. */
export function innermostSpan(err: PyException): Span | null {
  const inner = err.frames.find((f) => f.library === undefined && (f.span ?? f.statement));
  if (inner) return inner.span ?? inner.statement;
  return err.span ?? err.statement;
}

/** The report of an error found before running (SyntaxError and the like). */
export function syntaxTraceback(
  filename: string,
  lines: readonly string[],
  span: Span | null,
  type: string,
  message: string,
): string {
  const out: string[] = [];
  if (span) {
    out.push(`  File "${filename}", line ${span.line}`);
    const line = lines[span.line - 1] ?? '';
    if (line.trim()) {
      out.push(`    ${line.trim()}`);
      const marks = carets(line, span, true);
      if (marks) out.push(`    ${marks}`);
    }
  }
  out.push(exceptionLine(type, message));
  return out.join('\n');
}
