/**
 * `<grad-notebook>` keeps the bound a training loop has in `<grad-graph>` (issue 22): its session
 * keeps a window of iterations across cells, and the Iteration field shows any iteration, a
 * forgotten one recorded again with exactly the values a trace of everything has.
 */
import {afterEach, describe, expect, it} from 'vitest';
import '../../components/grad-notebook.js';
import type {GradNotebook} from '../../components/grad-notebook.js';
import {iterationTrace} from '../../components/grad-notebook-iteration.js';
import {iterationKept} from '../../src/graph/index.js';
import {runCells} from '../../src/run/index.js';
import {seen} from '../trace/seen.js';
import {ready} from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
});

const cells = [
  'import torch\ntorch.manual_seed(0)\nw = torch.randn(3, requires_grad=True)\n',
  [
    'for i in range(40):',
    '    loss = ((w * torch.randn(3)) ** 2).sum()',
    '    loss.backward()',
    '    with torch.no_grad():',
    '        w -= 0.1 * w.grad',
    '    w.grad.zero_()',
    'print(w)',
    '',
  ].join('\n'),
];

function notebook(): GradNotebook {
  const el = document.createElement('grad-notebook');
  el.setAttribute('no-play', '');
  for (const cell of cells) {
    const s = document.createElement('script');
    s.type = 'text/x-python';
    s.textContent = cell;
    el.append(s);
  }
  document.body.append(el);
  return el;
}

describe('<grad-notebook> over a training loop', () => {
  it('keeps a window of iterations and shows a forgotten one, recorded again, bit for bit', async () => {
    const nb = notebook();
    await nb.updateComplete;
    nb.runAll();
    await nb.updateComplete;
    const trace = nb.trace;
    expect(trace).not.toBeNull();
    if (!trace) return;
    // 40 backward passes, and the last iteration's update after its pass.
    expect(nb.iterationCount).toBe(41);
    expect(trace.iterations).toHaveLength(40);
    expect(iterationKept(trace, 20)).toBe(false);
    expect(nb.shownIteration).toBe(39);

    // The reader types an iteration the session forgot into the Iteration field.
    const field = nb.shadowRoot?.querySelector<HTMLInputElement>('[part="iteration"] input');
    expect(field?.max).toBe('41');
    if (!field) return;
    field.value = '21';
    field.dispatchEvent(new Event('change'));
    await nb.updateComplete;
    expect(nb.shownIteration).toBe(20);
    expect(nb.shadowRoot?.querySelector('[role="alert"]')).toBeNull();
    const graph = nb.graph;
    if (graph) await ready(graph);
    const shown = graph?.trace;
    expect(shown).toBeTruthy();
    // A trace of everything (every iteration kept, summarised as a window is) of the same cells.
    const all = runCells(cells, 1, {window: {first: 1000}}).trace;
    expect(seen(shown as never, 0)).toEqual(seen(iterationTrace(all, 20), 0));
    expect(graph?.stepCount).toBeGreaterThan(5);

    // A kept one is cut from the session's own trace.
    nb.showIteration(1);
    await nb.updateComplete;
    expect(nb.shownIteration).toBe(1);
    expect(seen(nb.graph?.trace as never, 0)).toEqual(seen(iterationTrace(all, 1), 0));
  });

  it('shows one Iteration field (its own, not the graph’s too), and on a phone gives the code the full width', async () => {
    const el = document.createElement('grad-notebook');
    el.setAttribute('no-play', '');
    el.style.width = '390px';
    const s = document.createElement('script');
    s.type = 'text/x-python';
    s.textContent = cells.join('').replace('range(40)', 'range(3)');
    el.append(s);
    document.body.append(el);
    await el.updateComplete;
    el.runAll();
    await el.updateComplete;
    const graph = el.graph;
    if (graph) await ready(graph);
    // The whole session is shown (3 passes kept): the graph could offer an Iteration field too.
    expect(el.shownIteration).toBe(-1);
    expect(graph?.iterationCount).toBeGreaterThan(1);
    const root = el.shadowRoot as ShadowRoot;
    expect(root.querySelectorAll('[part="iteration"]')).toHaveLength(1);
    expect(graph?.shadowRoot?.querySelectorAll('.iteration')).toHaveLength(0);
    // The prompt (In [1]:, Run, Steps) is one row above the code, which spans the cell.
    const cell = root.querySelector('.code-cell') as HTMLElement;
    const prompt = cell.querySelector('.prompt') as HTMLElement;
    const code = cell.querySelector('.code') as HTMLElement;
    // (Beside the code, the prompt's column took 5 rem of the phone's width.)
    expect(code.getBoundingClientRect().left - cell.getBoundingClientRect().left).toBeLessThan(16);
    expect(code.getBoundingClientRect().width).toBeGreaterThan(
      cell.getBoundingClientRect().width - 16,
    );
    expect(prompt.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      code.getBoundingClientRect().top,
    );
    const [run, steps] = [...prompt.querySelectorAll('button')].map((b) =>
      b.getBoundingClientRect(),
    );
    // Run and Steps side by side on one row.
    expect(steps && run && steps.left >= run.right && steps.top < run.bottom).toBe(true);
  });
});
