import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {validateTrace} from '../../src/trace/validate.js';
import {golden} from './golden.js';

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(stdin),
  });
  return {code, stdout, stderr};
}

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'grad-graph-trace-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('grad-graph trace', () => {
  it('writes the trace of FILE.py as JSON and exits 0', async () => {
    const g = golden('seed');
    const {code, stdout, stderr} = await run(['trace', file('seed.py', g.source)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const trace = validateTrace(JSON.parse(stdout));
    expect(trace.output).toBe(g.output);
    expect(trace.backwardPasses[0]?.steps.map((s) => s.name)).toEqual(g.passes[0]?.order);
    expect(trace.filename).toMatch(/seed\.py$/);
  });

  it('reads standard input for -', async () => {
    const {code, stdout} = await run(['trace', '-'], golden('retain').source);
    expect(code).toBe(0);
    expect(validateTrace(JSON.parse(stdout)).filename).toBe('<stdin>');
  });

  it('still writes the trace when the script fails, with the traceback on stderr and exit 1', async () => {
    const g = golden('tutorial');
    const {code, stdout, stderr} = await run(['trace', file('t.py', g.source)]);
    expect(code).toBe(1);
    const trace = validateTrace(JSON.parse(stdout));
    expect(trace.error?.type).toBe(g.error?.type);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(`${g.error?.type}: ${g.error?.message}`);
  });

  it('honours --value-limit and --indent', async () => {
    const path = file('big.py', 'import torch\nx = torch.zeros(20, 20)\n');
    const {stdout} = await run(['trace', '--value-limit', '10', '--indent=2', path]);
    expect(stdout).toContain('\n  "format"');
    const trace = validateTrace(JSON.parse(stdout));
    expect(trace.tensors[0]?.versions[0]?.data.values).toBeNull();
  });

  it('exits 2 for a missing file, a bad option, or no file', async () => {
    expect((await run(['trace', '/no/such/file.py'])).stderr).toContain(
      '[Errno 2] No such file or directory',
    );
    expect((await run(['trace', '/no/such/file.py'])).code).toBe(2);
    expect((await run(['trace', '--frobnicate', 'a.py'])).code).toBe(2);
    expect((await run(['trace', '--value-limit', 'x', 'a.py'])).code).toBe(2);
    const none = await run(['trace']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('required: FILE.py');
  });
});
