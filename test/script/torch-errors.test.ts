import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runScript} from '../../src/script/index.js';

interface TorchErrorGolden {
  call: string;
  preamble: string;
  /** The last line of the error as Python prints it; "" when the call succeeds. */
  last: string;
}

const cases = JSON.parse(
  readFileSync(new URL('../golden/scripts/torch-errors.json', import.meta.url), 'utf8'),
) as TorchErrorGolden[];

/** Calls whose PyTorch error we do not reproduce yet, and why. */
const known: Readonly<Record<string, string>> = {
  "x.norm(p='nuc')": 'the nuclear norm (a sum of singular values) is not in autograd/',
};

function lastLine(source: string): string {
  const r = runScript(source);
  if (!r.error) return '';
  const lines = r.error.traceback.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

describe("PyTorch's errors for wrong calls (torch-errors.json)", () => {
  for (const c of cases) {
    const reason = known[c.call];
    if (reason) {
      it.todo(`${c.call}: ${reason}`);
      continue;
    }
    it(c.call, () => {
      expect(lastLine(`${c.preamble}${c.call}\n`)).toBe(c.last);
    });
  }
});
