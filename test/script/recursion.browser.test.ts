/**
 * Deep recursion in Chromium, where a worker's JS stack holds only a few hundred Python frames
 * of cold interpreter code: a recursion as deep as CPython allows (its limit is 1000 frames, the
 * module's included) runs in the element's worker and on the main thread as python3 ran it, and
 * one frame deeper ends in CPython's RecursionError and traceback, never a JS stack overflow.
 * The goldens are test/golden/scripts/cases/recursion_*.py, run by python3 (generate.py).
 */
import {describe, expect, it} from 'vitest';
import golden from '../golden/scripts/golden.json';
import legal from '../golden/scripts/cases/recursion_worker.py?raw';
import past from '../golden/scripts/cases/recursion_worker_limit.py?raw';
import features from '../golden/scripts/cases/recursion_deep_features.py?raw';
import {traceInWorker, traceSource} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/schema.js';

const goldens = golden as unknown as Record<
  string,
  {stdout: string; stderr: string; exitCode: number}
>;

/** What the run printed, and its traceback as python3 prints it (file named as in the golden). */
function printed(trace: Trace): {stdout: string; stderr: string} {
  return {
    stdout: trace.prints.map((p) => p.text).join(''),
    stderr: trace.error ? `${trace.error.traceback}\n` : '',
  };
}

const cases: [string, string][] = [
  ['recursion_worker', legal],
  ['recursion_worker_limit', past],
  ['recursion_deep_features', features],
];

describe('recursion as deep as CPython’s', () => {
  for (const [name, source] of cases) {
    const expected = goldens[name];
    it(`${name} in the worker`, async () => {
      const where: string[] = [];
      const trace = await traceInWorker(
        source,
        {filename: `${name}.py`},
        {onStart: (w) => where.push(w)},
      );
      expect(where).toEqual(['worker']);
      expect(printed(trace)).toEqual({stdout: expected?.stdout, stderr: expected?.stderr});
    }, 120_000);
    it(`${name} on the main thread`, () => {
      const trace = traceSource(source, {filename: `${name}.py`});
      expect(printed(trace)).toEqual({stdout: expected?.stdout, stderr: expected?.stderr});
    }, 120_000);
  }
});
