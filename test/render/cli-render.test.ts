import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {render} from '../../src/cli/render.js';
import {checkSnapshot} from './snapshot.js';

const seed = fileURLToPath(new URL('../../demos/assets/seed.py', import.meta.url));

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await render(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(stdin),
  });
  return {code, stdout, stderr};
}

describe('grad-graph render FILE.py', () => {
  it('writes a standalone SVG to -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grad-graph-'));
    const out = join(dir, 'graph.svg');
    const {code, stderr} = await run([seed, '-o', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('viewBox="0 0 ');
    expect(svg).toContain('<style');
  });

  it('writes to standard output without -o and reads standard input for -', async () => {
    const source = readFileSync(seed, 'utf8');
    const {code, stdout} = await run(['-', '--step', '0']);
    expect(code).toBe(0);
    expect(stdout).toContain('<svg');
    expect((await run(['-', '--step', '0'], source)).stdout).toContain('Step 1 of');
  });

  it('rejects bad options with a usage error (exit 2)', async () => {
    expect((await run([seed, '--view', 'tree'])).stderr).toContain(
      "argument --view: invalid choice: 'tree'",
    );
    expect((await run([seed, '--step', 'x'])).stderr).toContain(
      "argument --step: invalid int value: 'x'",
    );
    expect((await run([seed, '--step', '999'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run([seed, '--bogus'])).stderr).toContain('unrecognized arguments: --bogus');
  });

  it('prints the script error as Python would and exits 1', async () => {
    const {code, stderr, stdout} = await run(['-'], 'import torch\ny = undefined_name + 1\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/NameError: .*undefined_name/);
  });
});

describe('grad-graph render snapshots of the seed tutorial (test/output/)', () => {
  const cases: [string, string[]][] = [
    ['seed-dataflow-first', ['--step', '0']],
    ['seed-dataflow-last', []],
    ['seed-autograd-first', ['--view', 'autograd', '--step', '0']],
    ['seed-autograd-last', ['--view', 'autograd']],
    ['seed-dataflow-tb-zh-last', ['--direction', 'TB', '--lang', 'zh']],
  ];
  for (const [name, args] of cases) {
    it(`${name} matches test/output/${name}.svg`, async () => {
      const {code, stdout} = await run([seed, ...args]);
      expect(code).toBe(0);
      expect(checkSnapshot(name, stdout)).toBeNull();
    });
  }
});

// After the snapshots: tensor ids count on across runs in one process.
describe('grad-graph render limits', () => {
  it('takes the run limits as flags: a run past one prints its RuntimeError and draws nothing', async () => {
    const loop =
      'import torch\nx = torch.ones(2, requires_grad=True)\nfor i in range(100):\n    (x * 2).sum().backward()\n';
    const stopped = await run(['-', '--max-loop-iterations', '10'], loop);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toContain(
      'RuntimeError: grad-graph stopped the script after 10 loop iterations (limit maxLoopIterations)',
    );
    const ops = await run(['-', '--max-ops=5'], loop);
    expect(ops.code).toBe(1);
    expect(ops.stderr).toMatch(
      /RuntimeError: grad-graph stopped the script after recording 5 ops \(limit maxOps\)/,
    );
    expect((await run(['-', '--max-loop-iterations', '100'], loop)).code).toBe(0);
    const bad = await run([seed, '--time-budget-ms', '-5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--time-budget-ms expects a non-negative integer');
  });

  it('--help documents every run limit with its default', async () => {
    const {code, stdout} = await run(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--max-loop-iterations N',
      '--max-statements N',
      '--max-depth N',
      '--time-budget-ms N',
      '--max-elements N',
      '--max-live-elements N',
      '--max-ops N',
    ]) {
      expect(stdout).toMatch(new RegExp(`\\n  ${flag} +stop when the script .*\\(default \\d+\\)`));
    }
    // A terminal is not a page: the CLI's wall-clock budget is ten minutes (the element's is 30 s).
    expect(stdout).toMatch(/--time-budget-ms N +stop when .*\(default 600000\)/);
  });
});
