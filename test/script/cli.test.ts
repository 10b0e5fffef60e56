import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {goldenDir} from './golden-cases.js';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(stdin),
  });
  return {code, stdout, stderr};
}

describe('grad-graph run', () => {
  it('run - reads the script from standard input', async () => {
    const r = await cli(['run', '-'], 'print(0.1 + 0.2)\n');
    expect(r).toEqual({code: 0, stdout: '0.30000000000000004\n', stderr: ''});
  });

  it('prints a short Python-style traceback and exits 1 on an error, keeping earlier output', async () => {
    const r = await cli(['run', '-'], "print('first')\nprint(undefined_name)\n");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('first\n');
    expect(r.stderr).toBe(
      [
        'Traceback (most recent call last):',
        '  File "<stdin>", line 2, in <module>',
        '    print(undefined_name)',
        '          ^^^^^^^^^^^^^^',
        "NameError: name 'undefined_name' is not defined",
        '',
      ].join('\n'),
    );
  });

  it('runs a file given by path', async () => {
    const path = new URL('cases/print_values.py', goldenDir).pathname;
    const r = await cli(['run', path]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('1 2 3\n')).toBe(true);
  });

  it('gives a readable message for a missing file', async () => {
    const r = await cli(['run', 'no/such/file.py']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "grad-graph: can't open file 'no/such/file.py': [Errno 2] No such file or directory\n",
    );
  });

  it('exits 2 with a usage line for bad arguments', async () => {
    for (const args of [
      ['run'],
      ['run', 'a.py', 'b.py'],
      ['run', '--frobnicate', 'a.py'],
      ['run', '--max-depth', 'x', 'a.py'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^usage: grad-graph run /);
      expect(r.stderr).toMatch(/grad-graph run: error: /);
    }
  });

  it('takes limits as options', async () => {
    const r = await cli(
      ['run', '--max-loop-iterations', '10', '-'],
      'for i in range(100):\n    pass\n',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /RuntimeError: grad-graph stopped the script after 10 loop iterations/,
    );
  });
});
