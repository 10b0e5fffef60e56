import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = main(args, {stdout: (t) => (stdout += t), stderr: (t) => (stderr += t)});
  return {code, stdout, stderr};
}

describe('grad-graph CLI', () => {
  it('--help prints the usage and exits 0', () => {
    const {code, stdout} = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: grad-graph run FILE\.py/);
  });
  it('an unknown command exits 2 with the usage on stderr', () => {
    const {code, stderr} = run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
});
