/**
 * torchviz's make_dot in a page (#20): `<grad-graph>` and `<grad-notebook>` open the interactive
 * picture at the step where the script drew its graph, and a hook's step shows its gradients.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import '../../src/bundle.js';
import {GradNotebook} from '../../components/grad-notebook.js';
import {mount, ready, shadow} from './helpers.js';

const drawn = [
  'import torch',
  'from torchviz import make_dot',
  'w = torch.tensor([1.0, -2.0], requires_grad=True)',
  'b = torch.tensor(0.5, requires_grad=True)',
  'y = (w * 3 + b).sum()',
  "make_dot(y, params={'w': w, 'b': b})",
  'y.backward()',
  'print(w.grad)',
].join('\n');

afterEach(() => {
  document.body.replaceChildren();
});

describe('make_dot in <grad-graph>', () => {
  it('opens at the make_dot step, and the reader can still step from there', async () => {
    const el = mount({}, drawn);
    await ready(el);
    expect(el.error).toBeNull();
    expect(el.currentStep?.kind).toBe('figure');
    expect(el.currentStep?.span?.line).toBe(6);
    const narration = shadow(el).querySelector('[part="narration"]')?.textContent ?? '';
    expect(narration).toContain("torchviz's make_dot draws the autograd graph of y here");
    // The backward pass follows.
    el.next();
    await el.updateComplete;
    expect(el.currentStep?.phase).toBe('backward');
  });

  it('a new view of the same run keeps the reader’s step', async () => {
    const el = mount({}, drawn);
    await ready(el);
    el.seek(0);
    el.view = 'autograd';
    await vi.waitFor(() => {
      // Rebuilt: the autograd view draws grad_fns.
      if (!shadow(el).querySelector('g.gg-node[data-id^="f"]')) throw new Error('not rebuilt');
    });
    await el.updateComplete;
    expect(el.step).toBe(0);
  });

  it('autoplay plays from the start instead', async () => {
    const el = mount({autoplay: ''}, drawn);
    await ready(el);
    expect(el.step).toBeLessThan(el.steps.findIndex((s) => s.kind === 'figure'));
  });
});

describe('make_dot in <grad-notebook>', () => {
  it('a cell that drew the graph shows the picture at that point', async () => {
    const el = document.createElement('grad-notebook');
    for (const cell of [
      'import torch\nfrom torchviz import make_dot\nw = torch.tensor([1.0, -2.0], requires_grad=True)',
      "y = (w * w).sum()\nmake_dot(y, params={'w': w})\nz = y * 2",
    ]) {
      const s = document.createElement('script');
      s.type = 'text/x-python';
      s.textContent = cell;
      el.append(s);
    }
    document.body.append(el);
    expect(el).toBeInstanceOf(GradNotebook);
    await el.updateComplete;
    el.run(1);
    const g = await vi.waitFor(
      () => {
        const graph = el.graph;
        if (graph?.currentStep?.kind !== 'figure') throw new Error('not at make_dot yet');
        return graph;
      },
      {timeout: 10_000, interval: 20},
    );
    expect(g.playing).toBe(false);
    expect(g.currentStep?.label).toBe('make_dot');
  });
});
