/**
 * Deep recursion through the built CLI (`node dist/cli.js run`, as a user runs it): CPython's depth
 * of 1000 frames is reached and a deeper recursion ends in CPython's RecursionError and traceback,
 * never in a JavaScript stack overflow. Builds dist/ first when the sources are newer.
 */
import {execFileSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../package/packed.js';
import {goldenDir, goldens, needsCliStack, normalize} from './golden-cases.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

function run(name: string): {stdout: string; stderr: string; code: number} {
  const file = new URL(`cases/${name}.py`, goldenDir).pathname;
  try {
    const stdout = execFileSync(process.execPath, [cli, 'run', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {stdout, stderr: '', code: 0};
  } catch (e) {
    const err = e as {stdout: string; stderr: string; status: number};
    return {stdout: err.stdout, stderr: err.stderr, code: err.status};
  }
}

beforeAll(() => {
  ensureBuilt();
}, 600_000);

describe('the CLI recurses as deep as CPython', () => {
  const names = Object.keys(goldens).filter(needsCliStack);
  it('has cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    it(
      name,
      () => {
        const golden = goldens[name];
        const {stdout, stderr, code} = run(name);
        expect(normalize(stdout)).toBe(normalize(golden?.stdout ?? ''));
        // The golden's paths are the case's bare name; the CLI prints the path it was given.
        const shown = stderr.replaceAll(new URL('cases/', goldenDir).pathname, '');
        expect(normalize(shown)).toBe(normalize(golden?.stderr ?? ''));
        expect(code).toBe(golden?.exitCode === 0 ? 0 : 1);
      },
      60_000,
    );
  }
});
