import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parse, ScriptError} from '../../src/script/index.js';

interface SyntaxGolden {
  source: string;
  type: string | null;
  message?: string;
  line?: number;
  column?: number;
}

const cases = JSON.parse(
  readFileSync(new URL('../golden/scripts/syntax.json', import.meta.url), 'utf8'),
) as SyntaxGolden[];

/** Where our position differs from CPython's (the message still matches), and why. */
const positionDiffers: ReadonlySet<string> = new Set([
  // CPython reports the line after a backslash-newline inside an unterminated string.
  "x = 'a\\\n",
  // CPython points at the closing parenthesis for this one; we point at the argument.
  'f(a=1, 2)\n',
  // CPython points inside the f-string's replacement field.
  "print(f'{x')\n",
]);

function attempt(source: string): ScriptError | null {
  try {
    parse(source, 't.py');
    return null;
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
}

describe('parse() reports syntax errors as CPython 3.11 does', () => {
  for (const c of cases) {
    it(JSON.stringify(c.source), () => {
      const err = attempt(c.source);
      if (c.type === null) {
        expect(err).toBeNull();
        return;
      }
      expect(err).not.toBeNull();
      expect(`${err?.type}: ${err?.message}`).toBe(`${c.type}: ${c.message}`);
      if (!positionDiffers.has(c.source)) {
        expect(err?.line).toBe(c.line);
        expect(err?.column).toBe(c.column);
      }
    });
  }
});
