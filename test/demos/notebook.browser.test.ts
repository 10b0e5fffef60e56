/** <grad-notebook> in Chromium: cells run in order, outputs per cell, errors at their line, one growing graph. */
import {afterEach, describe, expect, it, vi} from 'vitest';
import '../../src/bundle.js';
import {GradNotebook, type GradNotebookRunDetail} from '../../components/grad-notebook.js';

/** Builds a notebook from cells: strings are code, {lang, text} is prose. */
function notebook(
  cells: (string | {lang?: string; text: string})[],
  attrs: Record<string, string> = {},
) {
  const el = document.createElement('grad-notebook');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const cell of cells) {
    if (typeof cell === 'string') {
      const s = document.createElement('script');
      s.type = 'text/x-python';
      s.textContent = cell;
      el.append(s);
    } else {
      const p = document.createElement('p');
      if (cell.lang) p.lang = cell.lang;
      p.textContent = cell.text;
      el.append(p);
    }
  }
  document.body.append(el);
  return el;
}

async function settled(el: GradNotebook): Promise<ShadowRoot> {
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

const outputs = (root: ShadowRoot) =>
  Array.from(
    root.querySelectorAll('.code-cell'),
    (c) => c.querySelector('.output')?.textContent ?? null,
  );

const seedCells = [
  'import torch\nx = torch.ones(2, 2, requires_grad=True)\nprint(x)',
  'y = x + 2\ny.requires_grad',
  'z = y * y * 3\nout = z.mean()\nout.backward()',
  'print(x.grad)',
];

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-notebook>', () => {
  it('shows every cell, none run, and a placeholder instead of the graph', async () => {
    const el = notebook(seedCells);
    const root = await settled(el);
    expect(root.querySelectorAll('.code-cell')).toHaveLength(4);
    expect(root.querySelectorAll('.not-run')).toHaveLength(4);
    expect(el.ranThrough).toBe(-1);
    expect(el.graph?.hidden).toBe(true);
    expect(el.cells.map((c) => c.source)).toEqual(seedCells.map((s) => `${s}\n`));
  });

  it('runs cells in order, one session: outputs under each cell, the graph grows', async () => {
    const el = notebook(seedCells);
    await settled(el);
    const events: GradNotebookRunDetail[] = [];
    el.addEventListener('grad-notebook-run', (e) => events.push(e.detail));
    el.runNext();
    let root = await settled(el);
    expect(outputs(root)).toEqual([
      'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)',
      null,
      null,
      null,
    ]);
    el.runNext();
    root = await settled(el);
    // A trailing expression shows its repr, as Jupyter's Out[] does.
    expect(outputs(root)[1]).toBe('True');
    expect(el.trace?.ops.map((o) => o.op)).toEqual(['ones', 'add']);
    el.runAll();
    root = await settled(el);
    expect(outputs(root)[3]).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
    expect(outputs(root)[2]).toBeNull(); // out.backward() returns None: nothing shown
    expect(events.map((e) => e.upTo)).toEqual([0, 1, 3]);
    expect(el.graph?.hidden).toBe(false);
    expect(el.graph?.trace?.backwardPasses).toHaveLength(1);
  });

  it('Run all leaves the graph at the last backward pass’s end, not on a closing no_grad cell', async () => {
    const el = notebook([...seedCells, 'with torch.no_grad():\n    q = x * 2\nq.requires_grad']);
    el.runAll();
    await settled(el);
    const g = await vi.waitFor(
      () => {
        const graph = el.graph;
        const later = graph?.steps.slice(graph.step + 1) ?? [];
        if (
          !graph ||
          graph.currentStep?.phase !== 'backward' ||
          later.some((t) => t.phase === 'backward')
        )
          throw new Error('not at the last backward step yet');
        return graph;
      },
      {timeout: 10_000, interval: 20},
    );
    expect(g.trace?.backwardPasses).toHaveLength(1);
    // The graph is the whole session's: every cell's ops, the no_grad cell's too.
    expect(g.trace?.ops.map((o) => o.op)).toEqual(['ones', 'add', 'mul', 'mul', 'mean', 'mul']);
    // The pass's last step: x.grad written.
    expect(g.currentStep?.kind).toBe('accumulate');
    expect(g.playing).toBe(false);
    // Running the last cell again plays its own steps, in the whole session's graph.
    el.run(4);
    await vi.waitFor(
      () => {
        const step = el.graph?.currentStep;
        if (!step || step.phase !== 'forward' || el.graph.playing) throw new Error('not yet');
        const cell = el.shadowRoot?.querySelector('.code-cell.current');
        expect(cell?.getAttribute('data-cell')).toBe('4');
      },
      {timeout: 10_000, interval: 20},
    );
    expect(el.graph?.trace?.ops).toHaveLength(6);
  });

  it('links cells and steps: stepping lights the cell, its line and its part of the graph; a click on a line goes to its steps', async () => {
    const el = notebook(seedCells, {'no-play': ''});
    el.runAll();
    const root = await settled(el);
    const g = await vi.waitFor(() => {
      const graph = el.graph;
      if (!graph?.stepCount) throw new Error('no picture yet');
      return graph;
    });
    // Cell i's lines in the session's source: its cells one after the other.
    const from = (i: number) =>
      1 + seedCells.slice(0, i).reduce((n, c) => n + c.split('\n').length, 0);
    // A click on `out = z.mean()` (cell 3, line 2) goes to the step that line made.
    const line = root.querySelector<HTMLLIElement>('[data-cell="2"] li[data-line="2"]');
    expect(line?.textContent).toBe('out = z.mean()');
    line?.click();
    await settled(el);
    expect(g.playing).toBe(false);
    expect(g.currentStep?.phase).toBe('forward');
    expect(g.currentStep?.narration.en.startsWith('z.mean()')).toBe(true);
    expect(root.querySelector('.code-cell.current')?.getAttribute('data-cell')).toBe('2');
    expect(root.querySelector('li.step-line')?.textContent).toBe('out = z.mean()');
    // Its cell's part of the graph is lit, the rest dimmed.
    const svg = g.shadowRoot;
    await vi.waitFor(() => {
      const outside = svg?.querySelectorAll('.gg-node.gg-outside').length ?? 0;
      const all = svg?.querySelectorAll('.gg-node').length ?? 0;
      if (outside === 0 || outside >= all) throw new Error(`outside ${outside} of ${all}`);
    });
    const lit = Array.from(svg?.querySelectorAll('.gg-node:not(.gg-outside)') ?? []).map(
      (n) => n.getAttribute('data-id') ?? '',
    );
    const made = g.steps
      .filter((s) => {
        const l = s.span?.line ?? 0;
        return s.phase === 'forward' && l >= from(2) && l < from(3);
      })
      .flatMap((s) => s.nodeIds);
    expect(made.length).toBeGreaterThan(0);
    for (const id of made) expect(lit).toContain(id);
    // Stepping back lights the cell and line the step came from: `y = x + 2`, cell 2.
    g.seek(g.steps.findIndex((s) => s.narration.en.startsWith('x + 2')));
    await settled(el);
    expect(root.querySelector('.code-cell.current')?.getAttribute('data-cell')).toBe('1');
    expect(root.querySelector('li.step-line')?.textContent).toBe('y = x + 2');
    // During the backward pass the whole graph is lit; the Steps button goes to a cell's first step.
    g.seek(g.stepCount - 1);
    await settled(el);
    await vi.waitFor(() => {
      if (svg?.querySelector('.gg-node.gg-outside')) throw new Error('still dimmed');
    });
    root.querySelector<HTMLButtonElement>('[data-cell="0"] button.steps')?.click();
    await settled(el);
    expect(g.step).toBe(0);
    expect(root.querySelector('.code-cell.current')?.getAttribute('data-cell')).toBe('0');
  });

  it('shows an error at its line, in Python’s words, and keeps the other cells', async () => {
    const el = notebook([
      'import torch\nb = torch.ones(4, 4, requires_grad=True)\nc = (b * b).mean()',
      'print(c)\nc.backward(4 * torch.ones(4, 4))',
      'print(b.grad)\nc.backward(torch.tensor(4.))\nprint(b.grad.sum())',
    ]);
    el.runAll();
    const root = await settled(el);
    const failing = root.querySelectorAll('.code-cell')[1];
    expect(failing?.classList.contains('failed')).toBe(true);
    expect(failing?.querySelector('.output')?.textContent).toBe(
      'tensor(1., grad_fn=<MeanBackward0>)',
    );
    const error = failing?.querySelector('.error')?.textContent ?? '';
    expect(error).toContain('Cell In [2], line 2');
    expect(error).toMatch(/RuntimeError: Mismatch in shape/);
    const marked = failing?.querySelectorAll('li.error-line');
    expect(marked).toHaveLength(1);
    expect(marked?.[0]?.textContent).toBe('c.backward(4 * torch.ones(4, 4))');
    expect(failing?.querySelector('li.error-line mark')?.textContent).toBe(
      'c.backward(4 * torch.ones(4, 4))',
    );
    expect(outputs(root)[2]).toBe('None\ntensor(8.)');
    expect(el.cells[2]?.result?.error).toBeNull();
  });

  it('a Run button runs that cell and every one before it; reset forgets', async () => {
    const el = notebook(seedCells);
    let root = await settled(el);
    root.querySelectorAll<HTMLButtonElement>('.code-cell button')[3]?.click();
    root = await settled(el);
    expect(el.ranThrough).toBe(3);
    expect(outputs(root).filter((o) => o !== null)).toHaveLength(3);
    el.reset();
    root = await settled(el);
    expect(el.ranThrough).toBe(-1);
    expect(root.querySelectorAll('.not-run')).toHaveLength(4);
  });

  it('shows the prose of its language only', async () => {
    const el = notebook([
      {lang: 'en', text: 'Hello'},
      {lang: 'zh', text: '你好'},
      {text: 'both'},
      'x = 1',
    ]);
    await settled(el);
    const shown = () =>
      Array.from(el.querySelectorAll('p'))
        .filter((p) => p.assignedSlot !== null)
        .map((p) => p.textContent);
    expect(shown()).toEqual(['Hello', 'both']);
    el.lang = 'zh';
    await settled(el);
    expect(shown()).toEqual(['你好', 'both']);
  });

  it('re-runs when a cell’s code changes, and autorun runs everything at once', async () => {
    const el = notebook(['print(1 + 1)'], {autorun: ''});
    let root = await settled(el);
    expect(outputs(root)).toEqual(['2']);
    const script = el.querySelector('script');
    if (script) script.textContent = 'print(2 ** 10)';
    await new Promise((r) => setTimeout(r, 0));
    root = await settled(el);
    expect(outputs(root)).toEqual(['1024']);
  });
});

describe('<grad-notebook editable>', () => {
  it('runs the reader’s edit of a cell with Shift+Enter; the page’s text is kept', async () => {
    const el = notebook(
      ['import torch\nw = torch.tensor(3.0, requires_grad=True)', 'print(w * 2)'],
      {
        editable: '',
      },
    );
    let root = await settled(el);
    const editors = root.querySelectorAll('textarea');
    expect(editors).toHaveLength(2);
    const second = editors[1];
    if (!second) throw new Error('no editor');
    second.value = 'print(w * 5)';
    second.dispatchEvent(new Event('input'));
    second.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', shiftKey: true}));
    root = await settled(el);
    expect(outputs(root)).toEqual([null, 'tensor(15., grad_fn=<MulBackward0>)']);
    expect(el.cells[1]?.source).toBe('print(w * 5)\n');
    expect(el.querySelectorAll('script')[1]?.textContent).toBe('print(w * 2)');
  });
});
