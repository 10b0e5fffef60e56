/**
 * Bad input in a backward pass through the built CLI (`node dist/cli.js run`, as a user runs it,
 * #20): a custom Function's backward that raises or returns a gradient of the wrong shape, and a
 * hook that returns a gradient of another shape, end with PyTorch's error and traceback at the
 * script's line, exactly as python3 printed them (the golden cases). Builds dist/ first when the
 * sources are newer.
 */
import {beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../package/packed.js';
import {goldenDir, goldens, normalize, runBuiltCli as run} from './golden-cases.js';

beforeAll(() => {
  ensureBuilt();
}, 600_000);

describe('a bad backward ends the CLI run with PyTorch’s error at the script’s line', () => {
  for (const name of [
    'err_function_backward_raises',
    'err_function_backward_shape',
    'err_hook_shape',
  ]) {
    it(
      name,
      () => {
        const golden = goldens[name];
        expect(golden?.exitCode).not.toBe(0);
        const {stdout, stderr, code} = run(name);
        expect(normalize(stdout)).toBe(normalize(golden?.stdout ?? ''));
        // The golden's paths are the case's bare name; the CLI prints the path it was given.
        const shown = stderr.replaceAll(new URL('cases/', goldenDir).pathname, '');
        expect(normalize(shown)).toBe(normalize(golden?.stderr ?? ''));
        expect(code).toBe(1);
      },
      60_000,
    );
  }
});
