/**
 * Deep recursion through the built CLI (`node dist/cli.js run`, as a user runs it): CPython's depth
 * of 1000 frames is reached and a deeper recursion ends in CPython's RecursionError and traceback,
 * never in a JavaScript stack overflow. Builds dist/ first when the sources are newer.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../package/packed.js';
import {goldenDir, goldens, needsCliStack, normalize, runBuiltCli as run} from './golden-cases.js';

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
