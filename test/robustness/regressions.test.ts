/**
 * Regressions found by the fuzzer, each a script in test/robustness/golden/regressions/ whose
 * stdout and last stderr line come from real PyTorch (generate.py): once a crash or a JavaScript
 * word in a message, now PyTorch's own answer.
 */
import {describe, expect, it} from 'vitest';
import {check} from '../fuzz/property.js';
import {caseSource, goldens, runCase} from './goldens.js';

/** Cases where we now give a clear Python error of the right type, but not yet PyTorch's text. */
const notYetExact: Readonly<Record<string, string>> = {};

describe('fuzz regressions', () => {
  for (const [name, golden] of Object.entries(goldens.regressions)) {
    const source = caseSource('regressions', name);
    it(`${name}: a clean Python-style answer`, () => {
      expect(check(source)).toBeNull();
    });
    const exact = () => {
      expect(runCase(source)).toEqual({stdout: golden.stdout, stderrLast: golden.stderrLast});
    };
    const why = notYetExact[name];
    if (why) it.fails(`${name}: PyTorch's exact text (${why})`, exact);
    else it(`${name}: PyTorch's exact text`, exact);
  }
});
