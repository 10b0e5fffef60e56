/**
 * `<grad-notebook>` takes the same limit attributes as `<grad-graph>` and passes them to every run
 * of its cells: a cell past a limit shows the runner's error at its line, and the cells before it
 * keep their output (nothing already run is lost).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {getMaxElements} from '../../autograd/limits.js';
import '../../components/grad-notebook.js';
import '../../components/grad-graph.js';
import {limitNames, runCells, runLimits} from '../../src/run/index.js';
import type {GradNotebook} from '../../components/grad-notebook.js';

afterEach(() => {
  document.body.replaceChildren();
});

function notebook(cells: string[], attrs: Record<string, string>): GradNotebook {
  const el = document.createElement('grad-notebook');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const cell of cells) {
    const s = document.createElement('script');
    s.type = 'text/x-python';
    s.textContent = cell;
    el.append(s);
  }
  document.body.append(el);
  return el;
}

const cells = [
  'import torch\nx = torch.ones(3, requires_grad=True)\nprint(x.sum())',
  // Most of a second of work (even with warm code): far past a 50 ms budget, far under the default.
  'n = 0\nfor i in range(2_000_000):\n    n = n + i\nprint(n)',
  'y = torch.ones(20, 20)\nprint(y.sum())',
];

describe('limit attributes of both elements', () => {
  it("are the limits table's, read with the limit converter", () => {
    for (const tag of ['grad-graph', 'grad-notebook'] as const) {
      const Element = customElements.get(tag) as unknown as {
        elementProperties: Map<string, {attribute?: unknown}>;
      };
      for (const name of limitNames) {
        expect(Element.elementProperties.get(name)?.attribute, `${tag} ${name}`).toBe(
          runLimits[name].attribute,
        );
      }
      const el = document.createElement(tag);
      el.setAttribute('max-ops', '');
      expect(Number.isNaN(el.maxOps), `${tag}: an empty limit is invalid, not 0`).toBe(true);
      el.setAttribute('max-ops', '12');
      expect(el.maxOps).toBe(12);
      el.removeAttribute('max-ops');
      expect(el.maxOps).toBeNull();
    }
  });
});

describe('<grad-notebook> limits', () => {
  it('time-budget-ms stops the long cell at its line; the cell before keeps its output', async () => {
    const el = notebook(cells, {'time-budget-ms': '50'});
    await el.updateComplete;
    expect(el.timeBudgetMs).toBe(50);
    el.runAll();
    await el.updateComplete;
    const expected = runCells(cells, 2, {limits: {timeBudgetMs: 50}}).cells[1]?.error;
    if (!expected) throw new Error('the case does not reach the time budget');
    const [first, second, third] = el.cells;
    expect(first?.result?.output).toBe(runCells(cells, 0).cells[0]?.output);
    expect(first?.result?.error).toBeNull();
    expect(second?.result?.error).toMatchObject({type: expected.type, message: expected.message});
    // The budget is checked at the loop's header and in its body: either line of the long loop.
    expect([2, 3]).toContain(second?.result?.error?.span?.line);
    expect(third?.result?.error).toBeNull();
    const shown = el.shadowRoot?.querySelectorAll('[part="cell-error"]');
    expect([...(shown ?? [])].map((e) => e.textContent).join('')).toContain(
      `${expected.type}: ${expected.message}`,
    );
    // Without the attribute the same cells run to the end.
    el.removeAttribute('time-budget-ms');
    el.runAll();
    await el.updateComplete;
    expect(el.cells.map((c) => c.result?.error ?? null)).toEqual([null, null, null]);
  });

  it('max-elements holds for the notebook’s runs only', async () => {
    const cap = getMaxElements();
    const el = notebook(cells, {'max-elements': '100'});
    el.runAll();
    await el.updateComplete;
    expect(el.cells[2]?.result?.error?.message).toContain('the limit is 100 elements per tensor');
    expect(el.cells[2]?.result?.error?.span?.line).toBe(1);
    expect(getMaxElements()).toBe(cap);
  });
});
