/**
 * The golden script corpus (test/golden/scripts): each case's expected stdout, last stderr line and
 * exit code from real CPython 3.11 + PyTorch 1.13, and how to compare ours with it.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {main} from '../../src/cli.js';

/** One golden: what `python3 case.py` printed and how it exited. */
export interface Golden {
  stdout: string;
  stderrLast: string;
  /** The whole stderr (cases generated since tracebacks are compared exactly). */
  stderr?: string;
  exitCode: number;
}

/** The folder holding the corpus. */
export const goldenDir = new URL('../golden/scripts/', import.meta.url);

/**
 * Cases whose golden autograd/ cannot reproduce yet, with the reason; each must be removed as soon
 * as it passes.
 */
export const todo: Readonly<Record<string, string>> = {};

/** All goldens by case name. */
export const goldens: Readonly<Record<string, Golden>> = JSON.parse(
  readFileSync(new URL('golden.json', goldenDir), 'utf8'),
) as Record<string, Golden>;

/**
 * Cases that recurse near CPython's limit of 1000 frames (named `cli_…`): they need the stack of
 * the thread the built CLI runs scripts on, more than a test's main thread has, so
 * cli-stack.test.ts runs them through `node dist/cli.js` instead of in-process.
 */
export function needsCliStack(name: string): boolean {
  return name.startsWith('cli_');
}

/** Addresses in `object at 0x…` differ from run to run: compare them as a placeholder. */
export function normalize(text: string): string {
  return text.replace(/ at 0x[0-9a-f]+/g, ' at 0x…');
}

/** Runs `grad-graph run <case>.py` in-process; returns what it printed and its exit code. */
export async function runCase(
  name: string,
): Promise<{stdout: string; stderr: string; code: number}> {
  let stdout = '';
  let stderr = '';
  const path = new URL(`cases/${name}.py`, goldenDir).pathname;
  const code = await main(['run', path], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(''),
  });
  // Python ran the case as a bare file name; ours ran it by its path.
  return {stdout, stderr: stderr.split(path).join(`${name}.py`), code};
}

/** The last non-empty line of a text (how the generator records stderr). */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

const builtCli = new URL('../../dist/cli.js', import.meta.url).pathname;

/** Runs golden case `name` through the built CLI (`node dist/cli.js run`), as a user runs it. */
export function runBuiltCli(name: string): {stdout: string; stderr: string; code: number} {
  const file = new URL(`cases/${name}.py`, goldenDir).pathname;
  try {
    const stdout = execFileSync(process.execPath, [builtCli, 'run', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {stdout, stderr: '', code: 0};
  } catch (e) {
    const err = e as {stdout: string; stderr: string; status: number};
    return {stdout: err.stdout, stderr: err.stderr, code: err.status};
  }
}
