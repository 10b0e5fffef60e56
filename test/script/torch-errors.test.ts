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
  'x.sum(1, 2, 3, 4)': 'PyTorch\'s per-overload "didn\'t match because …" lines are not reproduced',
  "x.view('a')": 'PyTorch\'s per-overload "didn\'t match because …" lines are not reproduced',
  "x.transpose('a', 1)":
    'PyTorch\'s per-overload "didn\'t match because …" lines are not reproduced',
  "x.pow('a')": 'PyTorch\'s per-overload "didn\'t match because …" lines are not reproduced',
  "x.fill_('a')": 'PyTorch\'s per-overload "didn\'t match because …" lines are not reproduced',
  "x.view(2, 'a')": 'PyTorch explains this varargs mismatch precisely; we list the overloads',
  "x.norm(p='nuc')": 'the nuclear norm is not in autograd/',
  "x.to('a')": 'devices are not modelled: a str is not parsed as a device',
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
