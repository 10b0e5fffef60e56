/**
 * Where a piece of source text is: 1-based line and column of its first character, and of the
 * character just after its end. Every AST node, op record, print and error carries one.
 */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}
