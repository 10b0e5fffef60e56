/**
 * Python-style traceback text for an error: CPython 3.11's layout (file, line, the source line,
 * carets under the failing part) ending with `Type: message`.
 */
import type {Span} from '../trace/span.js';

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

/** The traceback of a runtime error raised at `span` in statement `statement`. */
export function runtimeTraceback(
  filename: string,
  lines: readonly string[],
  statement: Span | null,
  span: Span | null,
  type: string,
  message: string,
): string {
  const out = ['Traceback (most recent call last):'];
  const at = statement ?? span;
  if (at) {
    out.push(`  File "${filename}", line ${at.line}, in <module>`);
    const line = lines[at.line - 1] ?? '';
    if (line.trim()) {
      out.push(`    ${line.trim()}`);
      const marks = span && span.line === at.line ? carets(line, span, false) : null;
      if (marks) out.push(`    ${marks}`);
    }
  }
  out.push(exceptionLine(type, message));
  return out.join('\n');
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
