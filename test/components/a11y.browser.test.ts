/**
 * Accessibility, checked by axe-core (the engine behind most accessibility audits) on the elements
 * as a reader meets them: `<grad-graph>` with its controls, code, narration and output, mid-run and
 * at the end, in light and dark, with an error, and `<grad-notebook>`. Every rule axe runs must pass.
 */
import axe from 'axe-core';
import {afterEach, describe, expect, it} from 'vitest';
import '../../components/grad-notebook.js';
import {mount, ready} from './helpers.js';

/** axe's violations inside `el` (its shadow root included), as `rule: target` lines. */
async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el, {resultTypes: ['violations']});
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
  );
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('axe', () => {
  it('<grad-graph> mid-run and at its last step has no violation', async () => {
    const el = mount();
    await ready(el);
    el.seek(3);
    await el.updateComplete;
    expect(await violations(el)).toEqual([]);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    expect(await violations(el)).toEqual([]);
  });

  it('<grad-graph theme="dark"> in the autograd view has no violation', async () => {
    const el = mount({theme: 'dark', view: 'autograd'});
    await ready(el);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    expect(await violations(el)).toEqual([]);
  });

  it('<grad-graph> showing a script error has no violation', async () => {
    const el = mount({}, 'import torch\nx = torch.ones(2)\ny = x +\n');
    await ready(el);
    expect(el.error).not.toBeNull();
    expect(await violations(el)).toEqual([]);
  });

  it('<grad-notebook> has no violation', async () => {
    const nb = document.createElement('grad-notebook');
    nb.setAttribute('autorun', '');
    nb.setAttribute('editable', '');
    const prose = document.createElement('p');
    prose.textContent = 'Make a tensor that requires grad, then run backward.';
    const cell = document.createElement('script');
    cell.type = 'text/x-python';
    cell.textContent =
      'import torch\nx = torch.ones(2, requires_grad=True)\n(x * 3).sum().backward()\nprint(x.grad)\n';
    nb.append(prose, cell);
    document.body.append(nb);
    await nb.updateComplete;
    const graph = await new Promise<Element>((resolve) => {
      const poll = () => {
        const g = nb.shadowRoot?.querySelector('grad-graph') as
          (Element & {stepCount: number}) | null;
        if (g && g.stepCount > 0) resolve(g);
        else setTimeout(poll, 50);
      };
      poll();
    });
    expect(graph).toBeTruthy();
    expect(await violations(nb)).toEqual([]);
  });
});
