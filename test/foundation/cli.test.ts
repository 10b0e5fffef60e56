import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(''),
  });
  return {code, stdout, stderr};
}

describe('grad-graph CLI', () => {
  it('--help prints the usage and exits 0', async () => {
    const {code, stdout} = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: grad-graph run FILE\.py/);
  });
  it('an unknown command exits 2 with the usage on stderr', async () => {
    const {code, stderr} = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
  it('no arguments exits 2 with the usage', async () => {
    const {code, stderr} = await run([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^usage:/);
  });
});
