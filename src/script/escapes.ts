/**
 * Python's string escapes (`\n`, `\t`, `\x41`, `\u00e9`, octal, backslash-newline), decoded as
 * CPython decodes a non-raw string literal.
 */
import {PyException} from './errors.js';

const simpleEscapes: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes Python's string escapes; an unknown escape stays as written, as in Python. */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body.charAt(i + 1);
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (next >= '0' && next <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1)) ?? ['0'];
      out += String.fromCodePoint(parseInt(m[0], 8));
      i += m[0].length;
      continue;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 2, i + 2 + width);
      if (hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        if (cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i += 1 + width;
          continue;
        }
      }
      throw new PyException(
        'SyntaxError',
        `(unicode error) 'unicodeescape' codec can't decode bytes in position ${out.length}-${out.length + 1 + hex.length}: truncated \\${next}${'X'.repeat(width)} escape`,
      );
    }
    out += ch;
  }
  return out;
}
