import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import pkg from '../../package.json' with {type: 'json'};
import {main} from '../../src/cli.js';
import {validateTrace} from '../../src/trace/validate.js';

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
  it('--version prints the package version and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const {code, stdout} = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`grad-graph ${pkg.version}\n`);
    }
  });
  it.each(['run', 'trace', 'render'])('%s --help prints its usage and exits 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const {code, stdout, stderr} = await run([command, flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^usage: grad-graph ${command} `));
    }
  });
});

describe('grad-graph output files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grad-graph-out-'));
  const script = join(dir, 'seed.py');
  writeFileSync(
    script,
    'import torch\nx = torch.ones(2, requires_grad=True)\n(x * x).sum().backward()\n',
  );

  it.each([
    ['render', join(dir, 'missing', 'graph.svg'), '[Errno 2] No such file or directory'],
    ['trace', join(dir, 'missing', 'trace.json'), '[Errno 2] No such file or directory'],
    ['render', dir, '[Errno 21] Is a directory'],
  ])('%s -o %s that cannot be written: one clear line, exit 2', async (command, out, reason) => {
    const {code, stdout, stderr} = await run([command, script, '-o', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`grad-graph ${command}: error: can't write '${out}': ${reason}\n`);
  });

  it('trace -o writes the same JSON that standard output gets', async () => {
    const out = join(dir, 'trace.json');
    const written = await run(['trace', script, '-o', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    const trace = validateTrace(JSON.parse(readFileSync(out, 'utf8')));
    const printed = validateTrace(JSON.parse((await run(['trace', script])).stdout));
    expect(trace.ops.map((op) => op.op)).toEqual(printed.ops.map((op) => op.op));
    expect(trace.output).toBe(printed.output);
  });
});
