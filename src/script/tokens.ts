/** The tokens the lexer produces, as CPython's tokenizer names them. */
import type {Span} from '../trace/span.js';

/** A token's kind: Python's token types, with `error` for a character the grammar never accepts. */
export type TokenKind =
  'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof' | 'error';

/** One token with its source span (1-based line and column). */
export interface Token {
  readonly kind: TokenKind;
  /** The source text (for a string: the text between the quotes, escapes decoded). */
  readonly text: string;
  readonly span: Span;
  /** For strings: the prefix letters in lower case ('', 'r', 'f', 'b', 'rb', …). */
  readonly prefix?: string;
  /** For f-strings: the raw source between the quotes, and where it starts. */
  readonly raw?: string;
  readonly rawStart?: {line: number; column: number};
}

/** Python's keywords: a name token with this text is never an identifier. */
export const keywords: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);
