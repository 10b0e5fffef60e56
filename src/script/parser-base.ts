/**
 * The parser's token cursor and its error reporting, shared by the expression and statement
 * parsers. Errors follow CPython 3.11: a specific message where CPython has one, else
 * "invalid syntax" at the token where parsing stopped — unless the tokenizer fails later in the
 * file, whose error CPython reports instead.
 */
import type {Span} from '../trace/span.js';
import {PyException} from './errors.js';
import type {Tokens} from './lexer.js';
import type {Token} from './tokens.js';

/** The generic "invalid syntax" at a token; resolved against tokenizer errors by `resolve`. */
export class GenericSyntaxError extends Error {
  constructor(readonly token: Token) {
    super('invalid syntax');
  }
}

/** The deepest expression nesting the parser follows before giving up (never a JS stack overflow). */
export const defaultMaxDepth = 200;

/** The token cursor: peeking, matching and raising syntax errors. */
export class ParserBase {
  protected i = 0;
  protected readonly tokens: readonly Token[];
  /** How many brackets we are inside (CPython's "Perhaps you forgot a comma?" needs it). */
  protected bracketLevel = 0;
  /** Recursion depth of the expression parser, bounded by `maxDepth`. */
  protected depth = 0;

  constructor(
    protected readonly lexed: Tokens,
    protected readonly maxDepth: number = defaultMaxDepth,
  ) {
    this.tokens = lexed.tokens;
  }

  /** The token at the cursor (or `ahead` tokens later); reaching a tokenizer error raises it. */
  protected peek(ahead = 0): Token {
    const index = Math.min(this.i + ahead, this.tokens.length - 1);
    const t = this.tokens[index] as Token;
    if (t.kind === 'error' && this.lexed.error && index === this.tokens.length - 1) {
      throw this.lexed.error;
    }
    return t;
  }

  protected next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  /** The token just consumed. */
  protected previous(): Token {
    return this.tokens[Math.max(0, this.i - 1)] as Token;
  }

  protected isOp(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === text;
  }

  protected isKeyword(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'name' && t.text === text;
  }

  protected eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.next();
    return true;
  }

  protected eatKeyword(text: string): boolean {
    if (!this.isKeyword(text)) return false;
    this.next();
    return true;
  }

  protected expectOp(text: string): Token {
    if (!this.isOp(text)) this.invalid();
    return this.next();
  }

  /** `expected ':'` at the current token, as CPython reports a missing colon. */
  protected expectColon(): void {
    if (this.isOp(':')) {
      this.next();
      return;
    }
    const t = this.peek();
    if (t.kind === 'newline' || t.kind === 'eof') {
      this.fail('SyntaxError', "expected ':'", this.pointAt(t.span));
    }
    this.invalid();
  }

  /** Throws the generic "invalid syntax" at the current token. */
  protected invalid(token: Token = this.peek()): never {
    throw new GenericSyntaxError(token);
  }

  protected fail(type: string, message: string, at: Span): never {
    throw new PyException(type, message, at);
  }

  /** A zero-width span at the start of `s`. */
  protected pointAt(s: Span): Span {
    return {line: s.line, column: s.column, endLine: s.line, endColumn: s.column};
  }

  /** Enters one level of expression nesting; too deep is an error, never a JS stack overflow. */
  protected enter(): void {
    if (++this.depth > this.maxDepth) {
      this.fail(
        'RecursionError',
        'maximum recursion depth exceeded during compilation',
        this.peek().span,
      );
    }
  }

  protected leave(): void {
    this.depth--;
  }

  /**
   * Turns what parsing threw into the error CPython would report: a generic "invalid syntax"
   * gives way to a tokenizer error later in the file (and to an unclosed bracket on an earlier
   * line); an unexpected INDENT is an IndentationError.
   */
  protected resolve(e: unknown): PyException {
    const lexError = this.lexed.error;
    if (e instanceof PyException) {
      // CPython prefers a tokenizer error later in the file to the parser's own messages.
      if (!lexError || e === lexError) return e;
      if (!this.lexed.errorIsUnclosed) return lexError;
      const line = e.span?.endLine ?? 0;
      return line > (lexError.span?.line ?? 0) ? lexError : e;
    }
    if (!(e instanceof GenericSyntaxError)) throw e;
    const t = e.token;
    if (lexError) {
      if (!this.lexed.errorIsUnclosed) return lexError;
      if (t.kind === 'error' || t.kind === 'eof' || t.span.line > (lexError.span?.line ?? 0)) {
        return lexError;
      }
    }
    if (t.kind === 'indent') {
      return new PyException('IndentationError', 'unexpected indent', this.pointAt(t.span));
    }
    if (t.kind === 'dedent') {
      return new PyException('IndentationError', 'unexpected unindent', this.pointAt(t.span));
    }
    return new PyException('SyntaxError', 'invalid syntax', t.span);
  }
}
