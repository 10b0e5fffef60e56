/**
 * f-strings: splits an f-string literal into text and replacement fields `{expr!conv:spec}` (with
 * `{{`/`}}` escapes, nested fields in the spec and the `{x=}` form), with CPython 3.11's messages.
 */
import type {Expr, FStringPart} from './ast.js';
import {PyException} from './errors.js';
import {decodeEscapes} from './lexer.js';
import type {Token} from './tokens.js';

/** Parses an expression's source text found at a position of the script. */
export type SubParser = (source: string, at: {line: number; column: number}) => Expr;

/** The parts of an f-string token, in order. */
export function parseFString(token: Token, parseExpr: SubParser): FStringPart[] {
  const raw = token.raw ?? '';
  const origin = token.rawStart ?? {line: token.span.line, column: token.span.column};
  const isRaw = (token.prefix ?? '').includes('r');
  const fail = (message: string): never => {
    throw new PyException('SyntaxError', message, token.span);
  };
  const positionOf = (offset: number) => {
    const before = raw.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    const lines = before.split('\n').length - 1;
    return nl < 0
      ? {line: origin.line, column: origin.column + offset}
      : {line: origin.line + lines, column: offset - nl};
  };

  /** Parses from `pos` until `stop` (end of text, or the `}` closing a spec); returns parts and end. */
  const parse = (pos: number, inSpec: boolean, depth: number): [FStringPart[], number] => {
    const parts: FStringPart[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push(isRaw ? text : decodeEscapes(text));
      text = '';
    };
    while (pos < raw.length) {
      const ch = raw.charAt(pos);
      if (ch === '{') {
        if (!inSpec && raw.charAt(pos + 1) === '{') {
          text += '{';
          pos += 2;
          continue;
        }
        if (depth >= 2) fail('f-string: expressions nested too deeply');
        flush();
        const [field, end] = parseField(pos + 1, depth);
        parts.push(field);
        pos = end;
        continue;
      }
      if (ch === '}') {
        if (inSpec) break;
        if (raw.charAt(pos + 1) === '}') {
          text += '}';
          pos += 2;
          continue;
        }
        fail("f-string: single '}' is not allowed");
      }
      text += ch;
      pos++;
    }
    flush();
    return [parts, pos];
  };

  /** Parses one field whose expression starts at `pos`; returns it and the index after its `}`. */
  const parseField = (pos: number, depth: number): [FStringPart, number] => {
    const start = pos;
    const stack: string[] = [];
    let quote: string | null = null;
    for (; pos < raw.length; pos++) {
      const ch = raw.charAt(pos);
      if (ch === '\\') fail('f-string expression part cannot include a backslash');
      if (quote) {
        if (raw.startsWith(quote, pos)) {
          pos += quote.length - 1;
          quote = null;
        }
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = raw.startsWith(ch.repeat(3), pos) ? ch.repeat(3) : ch;
        pos += quote.length - 1;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (stack.length === 0) {
          if (ch === '}') break;
          fail(`f-string: unmatched '${ch}'`);
        }
        stack.pop();
      } else if (stack.length === 0) {
        if (ch === '!' && raw.charAt(pos + 1) !== '=') break;
        if (ch === ':') break;
        if (ch === '=' && !'=!<>'.includes(raw.charAt(pos - 1)) && raw.charAt(pos + 1) !== '=') {
          break;
        }
      }
    }
    if (quote) fail('f-string: unterminated string');
    if (pos >= raw.length) fail("f-string: expecting '}'");
    const source = raw.slice(start, pos);
    if (source.trim() === '') fail('f-string: empty expression not allowed');
    const expr = parseExpr(source, positionOf(start));
    let debugText: string | null = null;
    if (raw.charAt(pos) === '=') {
      pos++;
      const ws = /^\s*/.exec(raw.slice(pos))?.[0] ?? '';
      pos += ws.length;
      debugText = `${source}=${ws}`;
    }
    let conversion: 's' | 'r' | null = null;
    if (raw.charAt(pos) === '!') {
      const c = raw.charAt(pos + 1);
      if (c === 's' || c === 'r') conversion = c;
      else if (c === 'a') {
        throw new PyException(
          'NotImplementedError',
          "the '!a' conversion is not supported by grad-graph's Python subset",
          token.span,
        );
      } else fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      pos += 2;
    }
    let spec: FStringPart[] = [];
    if (raw.charAt(pos) === ':') {
      [spec, pos] = parse(pos + 1, true, depth + 1);
    }
    if (raw.charAt(pos) !== '}') fail("f-string: expecting '}'");
    if (debugText !== null && conversion === null && spec.length === 0) conversion = 'r';
    return [{expr, conversion, spec, debugText}, pos + 1];
  };

  return parse(0, false, 0)[0];
}
