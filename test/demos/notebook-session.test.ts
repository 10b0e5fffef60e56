/**
 * The notebook session against real PyTorch: every code cell of every <grad-notebook> page in
 * demos/ is run by `runCells` and compared with what Jupyter-style execution in PyTorch 1.13
 * printed and raised (golden/notebooks.json, written by golden/generate.py from the same pages).
 */
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCells} from '../../src/run/index.js';
import {dedentSource} from '../../components/source.js';
import {validateTrace, type Span} from '../../src/trace/index.js';
import {buildGraph, buildTimeline, stateAt} from '../../src/graph/index.js';
import {currentIteration, iterationTrace} from '../../components/grad-notebook-iteration.js';

interface GoldenCell {
  readonly label: string;
  readonly source: string;
  readonly output: string;
  readonly error: {readonly type: string; readonly message: string} | null;
}

const root = resolve(import.meta.dirname, '../..');
const golden = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'golden/notebooks.json'), 'utf8'),
) as {pages: Record<string, GoldenCell[]>};

const CELL = /<script type="text\/x-python"(?: data-label="([^"]*)")?>\n([\s\S]*?)<\/script>/g;

/** The code cells of a page, as the element reads them. */
function cellsOf(page: string): {label: string; source: string}[] {
  const html = readFileSync(resolve(root, 'demos', page), 'utf8');
  return Array.from(html.matchAll(CELL), (m) => ({
    label: m[1] ?? '',
    source: dedentSource(m[2] ?? ''),
  }));
}

/** Memory addresses differ between runs, in PyTorch as here. */
const addresses = (text: string) => text.replace(/ at 0x[0-9a-f]+>/g, ' at 0x…>');

describe('runCells(sources, upTo) on the demo notebooks', () => {
  for (const [page, expected] of Object.entries(golden.pages)) {
    it(`${page}: every cell prints and raises what PyTorch does`, () => {
      const cells = cellsOf(page);
      expect(
        cells.map((c) => c.source),
        'the page changed: run /usr/bin/python3 test/demos/golden/generate.py',
      ).toEqual(expected.map((c) => c.source));
      const run = runCells(
        cells.map((c) => c.source),
        cells.length - 1,
        {labels: cells.map((c) => c.label)},
      );
      expect(run.cells).toHaveLength(expected.length);
      run.cells.forEach((cell, i) => {
        const want = expected[i];
        if (!want) throw new Error('missing golden cell');
        expect(addresses(cell.output), `cell ${want.label} output`).toBe(addresses(want.output));
        expect(
          cell.error && {type: cell.error.type, message: cell.error.message},
          `cell ${want.label} error`,
        ).toEqual(want.error);
      });
      validateTrace(JSON.parse(JSON.stringify(run.trace)));
    });
  }

  it('runs only the cells up to upTo, and later cells see earlier ones', () => {
    const sources = ['import torch\nx = torch.ones(2)', 'print(x * 3)', 'print(x.sum())'];
    const run = runCells(sources, 1);
    expect(run.cells.map((c) => c.output)).toEqual(['', 'tensor([3., 3.])\n']);
  });

  it('shows a failing cell at its own line, keeps its earlier statements and runs the cells after it', () => {
    const sources = [
      'import torch\nx = torch.ones(2, requires_grad=True)',
      'y = x * 2\nprint(y)\nz = y + q\nprint(z)',
      'print(y.sum())',
    ];
    const run = runCells(sources, 2, {labels: ['1', '2', '3']});
    const failing = run.cells[1];
    expect(failing?.error?.type).toBe('NameError');
    expect(failing?.error?.span).toMatchObject({line: 3, column: 9});
    expect(failing?.error?.traceback).toContain('Cell In [2], line 3');
    expect(failing?.output).toBe('tensor([2., 2.], grad_fn=<MulBackward0>)\n');
    expect(run.cells[2]?.output).toBe('tensor(4., grad_fn=<SumBackward0>)\n');
    expect(run.cells[2]?.error).toBeNull();
    expect(run.trace.error).toBeNull();
  });

  it('reports a syntax error in one cell without running it, and runs the others', () => {
    const sources = ['a = 1', 'b = = 2', 'print(a)'];
    const run = runCells(sources, 2);
    expect(run.cells[1]?.error?.type).toBe('SyntaxError');
    expect(run.cells[1]?.error?.span?.line).toBe(1);
    expect(run.cells[2]?.output).toBe('1\n');
  });

  it('displays a trailing expression with the columns of an error mapped back to the author’s text', () => {
    const run = runCells(['import torch\nt = torch.ones(2)\nt.nope'], 0);
    expect(run.cells[0]?.error?.type).toBe('AttributeError');
    expect(run.cells[0]?.error?.span?.column).toBe(1);
    expect(run.cells[0]?.error?.traceback).toContain('    t.nope');
    expect(run.cells[0]?.error?.traceback).not.toContain('_ = ');
  });

  it('gives the picture the author’s text: a trailing `out.backward()` is quoted as written, never as `_ = …`', () => {
    const cells = cellsOf('seed.html').map((c) => c.source);
    const backward = cells.findIndex((c) => c.trim() === 'out.backward()');
    const run = runCells(cells, backward);
    const t = run.trace;
    validateTrace(JSON.parse(JSON.stringify(t)));
    expect(t.source).toBe(
      cells
        .slice(0, backward + 1)
        .map((c) => (c.endsWith('\n') ? c : `${c}\n`))
        .join(''),
    );
    expect(t.source).not.toContain('_ = ');
    const lines = (t.source ?? '').split('\n');
    const quote = (span: Span | null) =>
      span ? (lines[span.line - 1] ?? '').slice(span.column - 1, span.endColumn - 1) : null;
    expect(t.backwardPasses.map((p) => quote(p.span))).toEqual(['out.backward()']);
    const graph = buildGraph(t);
    const timeline = buildTimeline(t, graph);
    expect(timeline.marks?.map((m) => m.label)).toEqual(['out.backward()']);
    for (let k = 0; k < timeline.steps.length; k++) {
      const said = stateAt(timeline, k).narration;
      expect(said.en).not.toContain('_ =');
      expect(said.zh).not.toContain('_ =');
    }
  });

  it('gives the graph the segment of the last cell run, as a valid trace', () => {
    const cells = cellsOf('seed.html').map((c) => c.source);
    const names = (k: number) => {
      const run = runCells(cells, k);
      const t = iterationTrace(run.trace, currentIteration(run.trace));
      validateTrace(JSON.parse(JSON.stringify(t)));
      return {ops: t.ops.map((o) => o.op), passes: t.backwardPasses.length};
    };
    expect(names(6)).toEqual({ops: ['ones', 'add', 'mul', 'mul', 'mean'], passes: 1});
    expect(names(8).ops).toEqual(['tensor', 'norm']);
    expect(names(8).passes).toBe(0);
  });
});
