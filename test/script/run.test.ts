import {describe, expect, it} from 'vitest';
import {getObserver, setObserver} from '../../autograd/report.js';
import type {AutogradObserver, OpEvent} from '../../autograd/observer.js';
import {parse, runScript, ScriptError} from '../../src/script/index.js';

describe('runScript(source, options)', () => {
  it('returns what print() wrote and no error for a script that runs to the end', () => {
    const r = runScript("x = 1\nprint(x + 1, 'a', sep='-')\n");
    expect(r.error).toBeNull();
    expect(r.output).toBe('2-a\n');
  });

  it('calls the hooks in program order with spans', () => {
    const events: string[] = [];
    runScript('a = 2\nb = a * 3\nprint(b)\n', {
      hooks: {
        statement: (s) => events.push(`statement ${s.line}`),
        operation: (s) => events.push(`operation ${s.line}:${s.column}-${s.endColumn}`),
        assigned: (name, value, s) =>
          events.push(`assigned ${name}=${String(value)} ${s.line}:${s.column}`),
        printed: (text, s) => events.push(`printed ${JSON.stringify(text)} ${s.line}:${s.column}`),
      },
    });
    expect(events).toEqual([
      'statement 1',
      'assigned a=2 1:1',
      'statement 2',
      'operation 2:5-10',
      'assigned b=6 2:1',
      'statement 3',
      'operation 3:1-9',
      'printed "6\\n" 3:1',
    ]);
  });

  it('reports for-loop targets, tuple unpacking and augmented assignment to assigned()', () => {
    const names: string[] = [];
    runScript('for i in range(2):\n    pass\nx, y = 1, 2\nx += y\n', {
      hooks: {assigned: (name, value) => names.push(`${name}=${String(value)}`)},
    });
    expect(names).toEqual(['i=0', 'i=1', 'x=1', 'y=2', 'x=3']);
  });

  it('installs the observer for the run and restores the previous one', () => {
    const previous: AutogradObserver = {};
    setObserver(previous);
    const ops: string[] = [];
    runScript('import torch\nx = torch.ones(2) * 2\n', {
      observer: {op: (e: OpEvent) => ops.push(e.op)},
    });
    expect(getObserver()).toBe(previous);
    setObserver(null);
    expect(ops).toContain('ones');
    expect(ops).toContain('mul');
  });

  it('restores grad mode even when a with block fails', () => {
    const r = runScript('import torch\nwith torch.no_grad():\n    1 / 0\n');
    expect(r.error?.type).toBe('ZeroDivisionError');
    const after = runScript('import torch\nprint(torch.is_grad_enabled())\n');
    expect(after.output).toBe('True\n');
  });

  it('keeps what was printed before a runtime error and locates the error', () => {
    const r = runScript("print('before')\nx = [1]\ny = x[0] + x[5]\n", {filename: 'demo.py'});
    expect(r.output).toBe('before\n');
    expect(r.error).toBeInstanceOf(ScriptError);
    expect(r.error?.type).toBe('IndexError');
    expect(r.error?.message).toBe('list index out of range');
    expect([r.error?.line, r.error?.column]).toEqual([3, 12]);
    expect(r.error?.traceback.split('\n')).toEqual([
      'Traceback (most recent call last):',
      '  File "demo.py", line 3, in <module>',
      '    y = x[0] + x[5]',
      '               ~^^^',
      'IndexError: list index out of range',
    ]);
  });

  it('reports a syntax error before anything runs, with its position', () => {
    const r = runScript("print('never')\nx = (1,\n");
    expect(r.output).toBe('');
    expect(r.error?.type).toBe('SyntaxError');
    expect(r.error?.message).toBe("'(' was never closed");
    expect([r.error?.line, r.error?.column]).toEqual([2, 5]);
  });

  it('skips Jupyter cell markers and does not echo a bare last expression', () => {
    const r = runScript('In [1]:\nx = 5\nx\nIn [ 2 ]:\nprint(x)\n');
    expect(r.error).toBeNull();
    expect(r.output).toBe('5\n');
  });
});

describe('constructs outside the subset', () => {
  const cases: [string, string, number, number][] = [
    ['x = 1\nasync def f():\n    pass\n', "'async' is", 2, 1],
    ['y = (x := 1)\n', "the walrus operator ':=' is", 1, 8],
    ['x = 1j\n', 'complex numbers are', 1, 5],
    ["x = b'a'\n", 'bytes literals are', 1, 5],
  ];
  for (const [source, what, line, column] of cases) {
    it(`refuses ${JSON.stringify(source.split('\n')[0])} before running, saying what and where`, () => {
      expect(() => parse(source)).toThrow(ScriptError);
      const r = runScript(`print('not printed')\n${source}`);
      expect(r.output).toBe('');
      expect(r.error?.type).toBe('NotImplementedError');
      expect(r.error?.message).toContain(what);
      expect(r.error?.message).toContain('not supported');
      expect([r.error?.line, r.error?.column]).toEqual([line + 1, column]);
    });
  }

  it('refuses a module grad-graph does not provide when the import runs, at its line', () => {
    const r = runScript("print('printed')\nimport numpy as np\n");
    expect(r.output).toBe('printed\n');
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe(
      "importing 'numpy' is not supported by grad-graph's Python subset",
    );
    expect([r.error?.line, r.error?.column]).toEqual([2, 1]);
  });

  it('says which torch names are not supported yet rather than that they do not exist', () => {
    const r = runScript('import torch\ntorch.svd(torch.ones(2, 2))\n');
    expect(r.error?.type).toBe('NotImplementedError');
    expect(r.error?.message).toBe('torch.svd is not supported by grad-graph yet');
  });
});

describe('limits', () => {
  it('stops a long loop at maxLoopIterations with a clear error', () => {
    const r = runScript('for i in range(10**9):\n    pass\n', {limits: {maxLoopIterations: 1000}});
    expect(r.error?.type).toBe('RuntimeError');
    expect(r.error?.message).toContain('1000 loop iterations');
    expect(r.error?.line).toBe(1);
  });

  it('stops at maxStatements', () => {
    const r = runScript('for i in range(100):\n    x = i\n', {limits: {maxStatements: 50}});
    expect(r.error?.type).toBe('RuntimeError');
    expect(r.error?.message).toContain('50 statements');
  });

  it('stops at the time budget', () => {
    const r = runScript('for i in range(10**7):\n    x = i\n', {limits: {timeBudgetMs: 20}});
    expect(r.error?.type).toBe('TimeoutError');
    expect(r.error?.message).toContain('20 ms');
  });

  it('refuses deep bracket nesting as CPython does, without a JS stack overflow', () => {
    const r = runScript(`x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`);
    expect(r.error?.type).toBe('SyntaxError');
    expect(r.error?.message).toBe('too many nested parentheses');
  });

  it('refuses deep operator nesting cleanly', () => {
    for (const source of [
      `x = ${'-'.repeat(100000)}1\n`,
      `x = ${'not '.repeat(20000)}1\n`,
      `x = ${'2 ** '.repeat(20000)}1\n`,
    ]) {
      const r = runScript(source);
      expect(r.error?.type).toBe('RecursionError');
    }
  });

  it('evaluates or refuses a very long flat expression without throwing', () => {
    const r = runScript(`x = ${Array.from({length: 50000}, () => '1').join(' + ')}\nprint(x)\n`);
    expect(r.error === null || r.error.type === 'RecursionError').toBe(true);
  });

  it('refuses deep block nesting as CPython does', () => {
    let source = '';
    for (let i = 0; i < 120; i++) source += `${' '.repeat(i)}if True:\n`;
    source += `${' '.repeat(120)}pass\n`;
    const r = runScript(source);
    expect(r.error?.type).toBe('IndentationError');
    expect(r.error?.message).toBe('too many levels of indentation');
  });
});
