/**
 * The lexer: source text → tokens with spans, as CPython 3.11's tokenizer makes them (INDENT and
 * DEDENT from leading whitespace, no NEWLINE inside brackets, backslash continuation), and its
 * error messages and positions. A tokenizer error does not throw here: it ends the token list with
 * an `error` token that carries it, because CPython reports a later tokenizer error instead of a
 * generic "invalid syntax" found earlier (the parser decides).
 */
import type {Span} from '../trace/span.js';
import {PyException} from './errors.js';
import type {Token} from './tokens.js';
import {decodeEscapes} from './escapes.js';

export {decodeEscapes} from './escapes.js';

/** The result of tokenizing: the tokens, and the tokenizer error that ended them, if any. */
export interface Tokens {
  readonly tokens: Token[];
  /** The error the last (`error`) token stands for; null when tokenizing reached the end. */
  readonly error: PyException | null;
  /** True when the error is a bracket still open at the end ("'(' was never closed"). */
  readonly errorIsUnclosed: boolean;
}

/** A Jupyter cell marker such as `In [74]:`: the line is skipped like a comment. */
const cellMarker = /^[ \t]*In \[[ \t]*\d*[ \t]*\]:[ \t]*$/;

const idStart = /[\p{ID_Start}_]/u;
/** The characters a name token runs over (CPython takes every non-ASCII one, then checks it). */
const nameChars = /[A-Za-z0-9_\u0080-\uffff]+/y;
const idContinue = /[\p{ID_Continue}\u00b7]/u;
const operators3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const operators2 = new Set([
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '->',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  ':=',
]);
const operators1 = new Set('+-*/%@&|^~<>()[]{},:.;='.split(''));
const closing: Readonly<Record<string, string>> = {')': '(', ']': '[', '}': '{'};
const stringPrefixes = new Set(['r', 'u', 'f', 'b', 'br', 'rb', 'fr', 'rf']);

/** Nesting deeper than this many brackets is CPython's "too many nested parentheses". */
export const maxParenDepth = 200;
/** More indentation levels than this is CPython's "too many levels of indentation". */
export const maxIndentDepth = 100;

function span(line: number, column: number, endLine: number, endColumn: number): Span {
  return {line, column, endLine, endColumn};
}

class LexError extends Error {
  constructor(
    readonly error: PyException,
    readonly unclosed = false,
  ) {
    super(error.message);
  }
}

/** Tokenizes Python source; never throws for bad input (see `Tokens.error`). */
export function tokenize(source: string, origin?: {line: number; column: number}): Tokens {
  const lexer = new Lexer(source.replace(/\r\n?/g, '\n'));
  if (origin) {
    lexer.line = origin.line;
    lexer.firstLine = origin.line;
    lexer.firstColumn = origin.column;
  }
  try {
    lexer.run();
    return {tokens: lexer.tokens, error: null, errorIsUnclosed: false};
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    const at = e.error.span ?? span(lexer.line, lexer.col(), lexer.line, lexer.col());
    lexer.tokens.push({kind: 'error', text: '', span: at});
    return {tokens: lexer.tokens, error: e.error, errorIsUnclosed: e.unclosed};
  }
}

class Lexer {
  readonly tokens: Token[] = [];
  pos = 0;
  line = 1;
  lineStart = 0;
  /** Where the text starts in a larger source (an f-string's expression): line and column. */
  firstLine = 1;
  firstColumn = 1;
  private readonly parens: {char: string; line: number; column: number}[] = [];
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];

  constructor(private readonly src: string) {}

  /** 1-based column of `pos` on the current line. */
  col(pos = this.pos): number {
    return pos - this.lineStart + 1 + (this.line === this.firstLine ? this.firstColumn - 1 : 0);
  }

  private fail(type: string, message: string, at: Span): never {
    throw new LexError(new PyException(type, message, at));
  }

  private lineEnd(): number {
    const nl = this.src.indexOf('\n', this.pos);
    return nl < 0 ? this.src.length : nl;
  }

  unclosedError(): PyException | null {
    const open = this.parens[this.parens.length - 1];
    if (!open) return null;
    return new PyException(
      'SyntaxError',
      `'${open.char}' was never closed`,
      span(open.line, open.column, open.line, open.column + 1),
    );
  }

  private push(kind: Token['kind'], text: string, start: number, extra?: Partial<Token>): void {
    this.tokens.push({
      kind,
      text,
      span: span(this.line, this.col(start), this.line, this.col(this.pos)),
      ...extra,
    });
  }

  run(): void {
    const src = this.src;
    let atLineStart = true;
    let blankLine = false;
    while (this.pos < src.length) {
      if (atLineStart) {
        atLineStart = false;
        blankLine = this.parens.length === 0 && this.indentation();
        if (blankLine) continue;
      }
      const c = src.charAt(this.pos);
      if (c === '\n') {
        const emit = this.parens.length === 0 && !blankLine;
        if (emit) this.push('newline', '\n', this.pos);
        this.pos++;
        if (emit) {
          (this.tokens[this.tokens.length - 1] as {span: Span}).span = span(
            this.line,
            this.col(this.pos - 1),
            this.line,
            this.col(this.pos),
          );
        }
        this.line++;
        this.lineStart = this.pos;
        atLineStart = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\f') {
        this.pos++;
        continue;
      }
      if (c === '#') {
        this.pos = this.lineEnd();
        continue;
      }
      if (c === '\\') {
        this.continuation();
        continue;
      }
      this.token();
    }
    this.finish();
  }

  /** Handles a line's leading whitespace; returns true when the line holds no token. */
  private indentation(): boolean {
    const src = this.src;
    let col = 0;
    let alt = 0;
    let p = this.pos;
    for (; p < src.length; p++) {
      const ch = src.charAt(p);
      if (ch === ' ') {
        col++;
        alt++;
      } else if (ch === '\t') {
        col = (Math.floor(col / 8) + 1) * 8;
        alt++;
      } else if (ch === '\f') {
        col = alt = 0;
      } else break;
    }
    const next = src.charAt(p);
    const end = this.lineEnd();
    const text = src.slice(this.lineStart, end);
    if (next === '#' || next === '\n' || next === '' || next === '\\' || cellMarker.test(text)) {
      if (next === '\\') {
        this.pos = p;
        return false;
      }
      // Blank lines, comments and cell markers do not change the indentation.
      this.pos = end;
      return true;
    }
    this.pos = p;
    const top = this.indents[this.indents.length - 1] ?? 0;
    const altTop = this.altIndents[this.altIndents.length - 1] ?? 0;
    const here = span(this.line, this.col(), this.line, this.col());
    if (col === top) {
      if (alt !== altTop) this.tabError();
    } else if (col > top) {
      if (alt <= altTop) this.tabError();
      if (this.indents.length > maxIndentDepth) {
        this.fail('IndentationError', 'too many levels of indentation', here);
      }
      this.indents.push(col);
      this.altIndents.push(alt);
      this.tokens.push({
        kind: 'indent',
        text: '',
        span: span(this.line, Math.max(1, alt), this.line, alt + 1),
      });
    } else {
      while (this.indents.length > 1 && col < (this.indents[this.indents.length - 1] ?? 0)) {
        this.indents.pop();
        this.altIndents.pop();
        this.tokens.push({kind: 'dedent', text: '', span: here});
      }
      if (col !== (this.indents[this.indents.length - 1] ?? 0)) {
        const c = end - this.lineStart + 1;
        this.fail(
          'IndentationError',
          'unindent does not match any outer indentation level',
          span(this.line, c, this.line, c),
        );
      }
      if (alt !== (this.altIndents[this.altIndents.length - 1] ?? 0)) this.tabError();
    }
    return false;
  }

  private tabError(): never {
    this.fail(
      'TabError',
      'inconsistent use of tabs and spaces in indentation',
      span(this.line, 1, this.line, 1),
    );
  }

  private continuation(): void {
    const next = this.src.charAt(this.pos + 1);
    if (next === '\n') {
      const c = this.col() + 1;
      if (this.pos + 2 >= this.src.length) {
        this.fail('SyntaxError', 'unexpected EOF while parsing', span(this.line, c, this.line, c));
      }
      this.pos += 2;
      this.line++;
      this.lineStart = this.pos;
      return;
    }
    if (next === '') {
      const c = this.col() + 1;
      this.fail('SyntaxError', 'unexpected EOF while parsing', span(this.line, c, this.line, c));
    }
    const c = this.col() + 1;
    this.fail(
      'SyntaxError',
      'unexpected character after line continuation character',
      span(this.line, c, this.line, c),
    );
  }

  private token(): void {
    const src = this.src;
    const start = this.pos;
    const c = src.charAt(start);
    if (isDigit(c) || (c === '.' && isDigit(src.charAt(start + 1)))) {
      this.number();
      return;
    }
    if (c === '"' || c === "'") {
      this.string('', start);
      return;
    }
    const cp = src.codePointAt(start) ?? 0;
    if (c === '_' || /[A-Za-z]/.test(c) || cp >= 128) {
      this.name();
      return;
    }
    const three = src.slice(start, start + 3);
    const two = src.slice(start, start + 2);
    if (operators3.has(three)) {
      this.pos += 3;
      this.push('op', three, start);
      return;
    }
    if (operators2.has(two)) {
      this.pos += 2;
      this.push('op', two, start);
      return;
    }
    if (operators1.has(c)) {
      this.pos++;
      this.bracket(c, start);
      this.push('op', c, start);
      return;
    }
    // `$`, `?`, `!`, a backtick…: a token no rule accepts, so the parser reports "invalid syntax".
    this.pos++;
    this.push('error', c, start);
  }

  private bracket(c: string, start: number): void {
    if (c === '(' || c === '[' || c === '{') {
      if (this.parens.length >= maxParenDepth) {
        const col = this.col(start);
        this.fail(
          'SyntaxError',
          'too many nested parentheses',
          span(this.line, col, this.line, col),
        );
      }
      this.parens.push({char: c, line: this.line, column: this.col(start)});
      return;
    }
    const want = closing[c];
    if (want === undefined) return;
    const col = this.col(start);
    const open = this.parens.pop();
    if (!open) this.fail('SyntaxError', `unmatched '${c}'`, span(this.line, col, this.line, col));
    if (open.char !== want) {
      const on = open.line === this.line ? '' : ` on line ${open.line}`;
      this.fail(
        'SyntaxError',
        `closing parenthesis '${c}' does not match opening parenthesis '${open.char}'${on}`,
        span(this.line, col, this.line, col),
      );
    }
  }

  private name(): void {
    const src = this.src;
    const start = this.pos;
    nameChars.lastIndex = start;
    nameChars.test(src);
    this.pos = nameChars.lastIndex;
    const text = src.slice(start, this.pos);
    const q = src.charAt(this.pos);
    if ((q === '"' || q === "'") && stringPrefixes.has(text.toLowerCase())) {
      this.string(text.toLowerCase(), start);
      return;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) this.verifyIdentifier(text, start);
    this.push('name', text.normalize('NFKC'), start);
  }

  private verifyIdentifier(text: string, start: number): void {
    let offset = 0;
    for (const ch of text) {
      const ok = offset === 0 ? idStart.test(ch) : idContinue.test(ch) || idStart.test(ch);
      if (!ok) {
        const cp = ch.codePointAt(0) ?? 0;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const col = this.col(start + offset);
        const printable = !/[\p{C}\p{Z}]/u.test(ch) || ch === ' ';
        const message = printable
          ? `invalid character '${ch}' (U+${hex})`
          : `invalid non-printable character U+${hex}`;
        this.fail('SyntaxError', message, span(this.line, col, this.line, col));
      }
      offset += ch.length;
    }
  }

  private number(): void {
    const src = this.src;
    const start = this.pos;
    const rest = src.slice(start);
    const here = (p: number) => span(this.line, this.col(p), this.line, this.col(p));
    const radix = /^0([xXoObB])/.exec(rest);
    if (radix) {
      const kind = (radix[1] ?? '').toLowerCase();
      const digits = kind === 'x' ? /[0-9a-fA-F]/ : kind === 'o' ? /[0-7]/ : /[01]/;
      const name = kind === 'x' ? 'hexadecimal' : kind === 'o' ? 'octal' : 'binary';
      let p = start + 2;
      let count = 0;
      for (;;) {
        const ch = src.charAt(p);
        if (ch === '_') {
          if (!digits.test(src.charAt(p + 1))) {
            this.fail('SyntaxError', `invalid ${name} literal`, here(p));
          }
          p++;
          continue;
        }
        if (!digits.test(ch)) break;
        p++;
        count++;
      }
      const after = src.charAt(p);
      if (isDigit(after)) {
        this.fail('SyntaxError', `invalid digit '${after}' in ${name} literal`, here(p));
      }
      if (count === 0) this.fail('SyntaxError', `invalid ${name} literal`, here(p - 1));
      this.pos = p;
      this.endOfNumber(start, `invalid ${name} literal`);
      this.push('number', src.slice(start, p), start);
      return;
    }
    let p = start;
    const digitPart = (): boolean => {
      if (!isDigit(src.charAt(p))) return false;
      while (p < src.length) {
        const ch = src.charAt(p);
        if (isDigit(ch)) p++;
        else if (ch === '_') {
          if (!isDigit(src.charAt(p + 1))) {
            this.fail('SyntaxError', 'invalid decimal literal', here(p));
          }
          p++;
        } else break;
      }
      return true;
    };
    const hasInt = digitPart();
    let isFloat = false;
    if (src.charAt(p) === '.') {
      isFloat = true;
      p++;
      digitPart();
    }
    const e = src.charAt(p);
    if (e === 'e' || e === 'E') {
      let q = p + 1;
      if (src.charAt(q) === '+' || src.charAt(q) === '-') q++;
      if (isDigit(src.charAt(q))) {
        p = q;
        digitPart();
        isFloat = true;
      } else {
        this.fail('SyntaxError', 'invalid decimal literal', here(start));
      }
    }
    if (src.charAt(p) === 'j' || src.charAt(p) === 'J') p++;
    const text = src.slice(start, p);
    if (hasInt && !isFloat && /^0+_?[0-9]/.test(text) && /[1-9]/.test(text)) {
      this.fail(
        'SyntaxError',
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        span(this.line, this.col(start), this.line, this.col(start) + 1),
      );
    }
    this.pos = p;
    this.endOfNumber(start, 'invalid decimal literal');
    this.push('number', text, start);
  }

  /** CPython refuses a number glued to a name character (`1a`, `3…`). */
  private endOfNumber(start: number, message: string): void {
    const ch = this.src.charAt(this.pos);
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '_' || /[A-Za-z0-9]/.test(ch) || cp >= 128) {
      const col = this.col(start);
      this.fail('SyntaxError', message, span(this.line, col, this.line, col));
    }
  }

  private string(prefix: string, start: number): void {
    const src = this.src;
    const startLine = this.line;
    const startCol = this.col(start);
    let p = start + prefix.length;
    const quote = src.charAt(p);
    const triple = src.slice(p, p + 3) === quote.repeat(3);
    p += triple ? 3 : 1;
    const bodyStart = p;
    const rawStart = {line: this.line, column: this.col(bodyStart)};
    const raw = prefix.includes('r');
    let line = this.line;
    let lineStart = this.lineStart;
    for (;;) {
      if (p >= src.length) {
        const detected = triple ? line - (src.endsWith('\n') ? 1 : 0) : startLine;
        const what = triple
          ? 'unterminated triple-quoted string literal'
          : 'unterminated string literal';
        this.fail(
          'SyntaxError',
          `${what} (detected at line ${detected})`,
          span(startLine, startCol, startLine, startCol),
        );
      }
      const ch = src.charAt(p);
      if (ch === '\\') {
        if (src.charAt(p + 1) === '\n') {
          line++;
          lineStart = p + 2;
        }
        p += 2;
        continue;
      }
      if (ch === '\n') {
        if (!triple) {
          this.fail(
            'SyntaxError',
            `unterminated string literal (detected at line ${startLine})`,
            span(startLine, startCol, startLine, startCol),
          );
        }
        line++;
        lineStart = p + 1;
        p++;
        continue;
      }
      if (triple ? src.slice(p, p + 3) === quote.repeat(3) : ch === quote) break;
      p++;
    }
    const body = src.slice(bodyStart, p);
    p += triple ? 3 : 1;
    this.pos = p;
    this.line = line;
    this.lineStart = lineStart;
    let text = body;
    if (!raw && !prefix.includes('f')) {
      try {
        text = decodeEscapes(body);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        this.fail(e.type, e.message, span(startLine, startCol, startLine, startCol));
      }
    }
    this.tokens.push({
      kind: 'string',
      text,
      prefix,
      raw: body,
      rawStart,
      span: span(startLine, startCol, this.line, this.col(p)),
    });
  }

  private finish(): void {
    const src = this.src;
    const last = this.tokens[this.tokens.length - 1];
    const endsWithNewline = src.endsWith('\n');
    const lastNl = src.lastIndexOf('\n');
    // CPython puts the end of the file at the last newline character (or just past the text).
    let eofLine: number;
    let eofCol: number;
    if (endsWithNewline) {
      eofLine = this.line - 1;
      eofCol = lastNl - src.lastIndexOf('\n', lastNl - 1);
    } else {
      eofLine = this.line;
      eofCol = this.col() + 0;
    }
    const eof = span(eofLine, eofCol, eofLine, eofCol);
    if (this.parens.length > 0) {
      const err = this.unclosedError();
      if (err) throw new LexError(err, true);
    }
    if (last && last.kind !== 'newline' && last.kind !== 'dedent' && last.kind !== 'indent') {
      this.tokens.push({kind: 'newline', text: '', span: eof});
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.tokens.push({kind: 'dedent', text: '', span: eof});
    }
    this.tokens.push({kind: 'eof', text: '', span: eof});
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
