/**
 * The robustness goldens (test/robustness/golden/robustness.json, written by generate.py with
 * CPython 3.11 and PyTorch 1.13) and how to compare a run of ours with one of them.
 */
import {readFileSync} from 'node:fs';
import {runScript} from '../../src/script/index.js';

/** What python3 printed for one case, and the last line of its stderr ('' when it succeeded). */
export interface CaseGolden {
  stdout: string;
  stderrLast: string;
}

/** A golden as stored: the case's source too, for tests that cannot read files (the browser). */
export interface StoredCase extends CaseGolden {
  source: string;
}

interface Goldens {
  exceptions: string[];
  nonfinite: Record<string, StoredCase>;
  regressions: Record<string, StoredCase>;
}

const dir = new URL('golden/', import.meta.url);

/** All robustness goldens. */
export const goldens = JSON.parse(readFileSync(new URL('robustness.json', dir), 'utf8')) as Goldens;

/** The source of one golden case (`group` is the folder: nonfinite or regressions). */
export function caseSource(group: 'nonfinite' | 'regressions', name: string): string {
  return readFileSync(new URL(`${group}/${name}.py`, dir), 'utf8');
}

/** Runs a case through the runner: stdout and the `Type: message` line (first line of it). */
export function runCase(source: string): CaseGolden {
  const r = runScript(source, {filename: 'case.py'});
  const last = r.error ? (r.error.traceback.replace(/\n+$/, '').split('\n').pop() ?? '') : '';
  return {stdout: r.output, stderrLast: last};
}
