/**
 * NaN and infinity through Python floats, tensor ops, gradients, seed gradients and printing: the
 * runner prints exactly what python3 with PyTorch 1.13 printed (goldens from
 * test/robustness/golden/generate.py) and fails the same way.
 */
import {describe, expect, it} from 'vitest';
import {check} from '../fuzz/property.js';
import {caseSource, goldens, runCase} from './goldens.js';

/** Cases the runner answers with a clear error today instead of PyTorch's output. */
const notYet: Readonly<Record<string, string>> = {};

describe('nan and inf as PyTorch prints them', () => {
  const cases = Object.entries(goldens.nonfinite);
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });
  for (const [name, golden] of cases) {
    const source = caseSource('nonfinite', name);
    const exact = () => {
      expect(check(source)).toBeNull();
      expect(runCase(source)).toEqual({stdout: golden.stdout, stderrLast: golden.stderrLast});
    };
    const why = notYet[name];
    if (why) it.fails(`${name} (${why})`, exact);
    else it(name, exact);
  }
});
