/**
 * Limits: a huge tensor, a runaway loop, too many statements or recorded ops, deep nesting and a
 * long run each stop the script with a clear Python-style error at the line that crossed the
 * limit; the defaults leave a hundredfold margin over every golden teaching script; and each limit
 * can be set by the caller (runScript, traceSource, the CLI's flags).
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {getMaxElements, setMaxElements} from '../../autograd/limits.js';
import {main} from '../../src/cli.js';
import {traceSource} from '../../src/run/index.js';
import {defaultLimits, runScript, type Limits} from '../../src/script/index.js';
import {defaultMaxOps} from '../../src/trace/limits.js';
import {check} from '../fuzz/property.js';

function errorOf(source: string, limits: Partial<Limits> = {}) {
  const r = runScript(source, {limits});
  expect(check(source, limits)).toBeNull();
  return r.error;
}

describe('each limit stops the script with a clear error at the right line', () => {
  it('torch.ones(100000, 100000) is a RuntimeError naming the size, at its call', () => {
    const err = errorOf(
      'import torch\nx = torch.ones(2)\ny = torch.ones(100000, 100000)\nprint(y)\n',
    );
    expect(err?.type).toBe('RuntimeError');
    expect(err?.message).toContain('[100000, 100000]');
    expect(err?.message).toContain(`${getMaxElements()} elements`);
    expect(err?.line).toBe(3);
    expect(err?.column).toBe(5);
  });

  it('the per-tensor element cap is configurable (autograd setMaxElements)', () => {
    const previous = setMaxElements(1000);
    try {
      const err = errorOf('import torch\nx = torch.ones(10, 10)\ny = torch.ones(40, 40)\n');
      expect(err?.type).toBe('RuntimeError');
      expect(err?.line).toBe(3);
      expect(err?.message).toContain('1000 elements');
    } finally {
      setMaxElements(previous);
    }
  });

  it('elements held by all live tensors: RuntimeError at the allocation past the cap', () => {
    const src =
      'import torch\nxs = []\nfor i in range(100):\n    xs = xs + [torch.ones(1000)]\nprint(len(xs))\n';
    const err = errorOf(src, {maxLiveElements: 10_000});
    expect(err?.type).toBe('RuntimeError');
    expect(err?.line).toBe(4);
    expect(err?.message).toContain('10000 elements in all');
    // Tensors the script no longer holds do not count: the same allocations, one kept at a time.
    const churn = 'import torch\nfor i in range(100):\n    x = torch.ones(1000)\nprint(x.sum())\n';
    expect(errorOf(churn, {maxLiveElements: 10_000})).toBeNull();
  });

  it('live elements include grads and the tensors a graph saved for backward', () => {
    const src = [
      'import torch',
      'w = torch.ones(1000, requires_grad=True)',
      'y = w',
      'for i in range(100):',
      '    y = y * w',
      'print(y.sum())',
    ].join('\n');
    const err = errorOf(src, {maxLiveElements: 20_000});
    expect(err?.type).toBe('RuntimeError');
    expect(err?.line).toBe(5);
    expect(
      errorOf(src.replace('requires_grad=True', 'requires_grad=False'), {maxLiveElements: 20_000}),
    ).toBeNull();
  });

  it('loop iterations: RuntimeError at the for line', () => {
    const src = 'import torch\nx = torch.ones(2)\nfor i in range(10**12):\n    x = x\n';
    const err = errorOf(src, {maxLoopIterations: 1000});
    expect(err?.type).toBe('RuntimeError');
    expect(err?.message).toContain('1000 loop iterations');
    expect(err?.line).toBe(3);
  });

  it('statements: RuntimeError at the statement that crossed it', () => {
    const err = errorOf('a = 1\nb = 2\nc = 3\nd = 4\n', {maxStatements: 3});
    expect(err?.type).toBe('RuntimeError');
    expect(err?.message).toContain('3 statements');
    expect(err?.line).toBe(4);
  });

  it('ops recorded in a trace: RuntimeError at the op that crossed the cap', () => {
    const src =
      'import torch\nx = torch.ones(2, requires_grad=True)\nfor i in range(1000):\n    x = x * 1.5\n';
    const trace = traceSource(src, {maxOps: 50});
    expect(trace.error?.type).toBe('RuntimeError');
    expect(trace.error?.message).toContain('50 ops');
    expect(trace.error?.span?.line).toBe(4);
    expect(trace.ops.length).toBe(50);
  });

  it('nesting depth: SyntaxError before anything runs, configurable', () => {
    const deep = (n: number) => `print('before')\nx = ${'('.repeat(n)}1${')'.repeat(n)}\n`;
    const byDefault = runScript(deep(250));
    expect(byDefault.output).toBe('');
    expect(byDefault.error?.type).toBe('SyntaxError');
    expect(byDefault.error?.line).toBe(2);
    expect(runScript(deep(20)).error).toBeNull();
    const configured = runScript(deep(20), {limits: {maxDepth: 10}});
    expect(configured.output).toBe('');
    expect(configured.error?.line).toBe(2);
    expect(check(deep(20), {maxDepth: 10})).toBeNull();
    const chain = `a = 1\nb = a${' + a'.repeat(5000)}\nprint(b)\n`;
    expect(check(chain)).toBeNull();
  });

  it('time budget: TimeoutError in the running loop, soon after the budget', () => {
    const src = 'x = 0\nfor i in range(10**12):\n    x = x + i * 2\n';
    const t0 = performance.now();
    const err = errorOf(src, {timeBudgetMs: 300});
    const elapsed = performance.now() - t0;
    expect(err?.type).toBe('TimeoutError');
    expect(err?.message).toContain('300 ms');
    expect([2, 3]).toContain(err?.line);
    // Generous: the check runs every 256 statements; the machine is shared and loaded.
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('defaults no teaching script reaches', () => {
  const dir = new URL('../golden/scripts/cases/', import.meta.url);
  const cases = readdirSync(dir).filter((f) => f.endsWith('.py'));
  const tight: Partial<Limits> = {
    maxLoopIterations: Math.floor(defaultLimits.maxLoopIterations / 100),
    maxStatements: Math.floor(defaultLimits.maxStatements / 100),
    maxDepth: Math.floor(defaultLimits.maxDepth / 2),
    // Counts, not time: a loaded machine traced the 2,000-step tutorial past the 30 s default.
    timeBudgetMs: 600_000,
  };

  it('every golden script and the seed run under a hundredth of the default limits', () => {
    const hit: string[] = [];
    const previous = setMaxElements(Math.floor(getMaxElements() / 100));
    try {
      for (const f of cases) {
        const source = readFileSync(new URL(f, dir), 'utf8');
        const trace = traceSource(source, {limits: tight, maxOps: Math.floor(defaultMaxOps / 100)});
        if (
          trace.error &&
          /\(limit \w+\)|elements per tensor|too many nested/.test(trace.error.message)
        ) {
          hit.push(`${f}: ${trace.error.type}: ${trace.error.message}`);
        }
      }
    } finally {
      setMaxElements(previous);
    }
    expect(cases.length).toBeGreaterThan(50);
    expect(hit).toEqual([]);
    // The corpus grows with every language and nn feature and traces each case: not a time check.
  }, 300_000);
});

describe('the CLI sets the limits by flags', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'grad-graph-limits-'));
  afterAll(() => {
    rmSync(tmp, {recursive: true, force: true});
  });
  const run = async (args: string[], source: string) => {
    const file = join(tmp, 'script.py');
    writeFileSync(file, source);
    let stdout = '';
    let stderr = '';
    const code = await main(['run', ...args, file], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readStdin: () => Promise.resolve(''),
    });
    return {code, stdout, stderr};
  };
  const cli = async (command: 'run' | 'trace', args: string[], source: string) => {
    const file = join(tmp, 'script.py');
    writeFileSync(file, source);
    let stderr = '';
    const code = await main([command, ...args, file], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      readStdin: () => Promise.resolve(''),
    });
    return {code, stderr};
  };
  const flags: Record<keyof Limits, string> = {
    maxLoopIterations: '--max-loop-iterations',
    maxStatements: '--max-statements',
    maxDepth: '--max-depth',
    timeBudgetMs: '--time-budget-ms',
    maxLiveElements: '--max-live-elements',
  };

  it('has a flag for every runner limit', async () => {
    const help = await run(['--help'], '');
    for (const key of Object.keys(defaultLimits)) {
      expect(help.stdout, key).toContain(flags[key as keyof Limits]);
    }
  });

  it('--max-loop-iterations stops the loop with a traceback at its line', async () => {
    const r = await run(
      ['--max-loop-iterations', '10'],
      'print("start")\nfor i in range(100):\n    pass\n',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('start\n');
    expect(r.stderr).toContain('line 2');
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^RuntimeError: .*10 loop iterations/);
  });

  it('--max-depth and --time-budget-ms take effect', async () => {
    const deep = await run(['--max-depth', '5'], `x = ${'('.repeat(10)}1${')'.repeat(10)}\n`);
    expect(deep.code).toBe(1);
    expect(deep.stderr).toContain('line 1');
    const slow = await run(['--time-budget-ms=100'], 'for i in range(10**12):\n    x = i\n');
    expect(slow.code).toBe(1);
    expect(slow.stderr.trimEnd().split('\n').pop()).toMatch(/^TimeoutError: /);
  });

  it('rejects a bad limit value with exit 2', async () => {
    const r = await run(['--max-depth', 'lots'], 'x = 1\n');
    expect(r.code).toBe(2);
  });

  it('--max-elements caps one tensor for `run` and `trace`', async () => {
    const src = 'import torch\nx = torch.ones(10)\ny = torch.ones(100)\n';
    for (const command of ['run', 'trace'] as const) {
      const r = await cli(command, ['--max-elements', '50'], src);
      expect(r.code, command).toBe(1);
      expect(r.stderr).toContain('line 3');
      expect(r.stderr.trimEnd().split('\n').pop()).toMatch(
        /^RuntimeError: .*50 elements per tensor/,
      );
    }
    expect(getMaxElements()).toBe(50_000_000);
  });

  it('--max-ops caps the ops `trace` records; --max-live-elements the live tensors', async () => {
    const loop = 'import torch\nx = torch.ones(2)\nfor i in range(100):\n    x = x + 1\n';
    const ops = await cli('trace', ['--max-ops', '20'], loop);
    expect(ops.code).toBe(1);
    expect(ops.stderr).toContain('line 4');
    const kept = 'import torch\nxs = []\nfor i in range(10):\n    xs = xs + [torch.ones(100)]\n';
    const live = await cli('run', ['--max-live-elements=500'], kept);
    expect(live.code).toBe(1);
    expect(live.stderr.trimEnd().split('\n').pop()).toMatch(/^RuntimeError: .*500 elements in all/);
  });
});
