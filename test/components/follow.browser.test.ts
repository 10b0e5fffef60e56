/**
 * The view follows the step to a lit node, even when the step lights nodes all over the graph
 * (an optimizer step updates parameters that sit far apart): the view shows one of them, never
 * the empty middle between them.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {frames, mount, ready, shadow, smallestText} from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
});

/** Four parameters used at the two ends of a long chain, then one SGD step over all of them. */
const source = `import torch
a = torch.ones(2, requires_grad=True)
b = torch.ones(2, requires_grad=True)
h = a * b
${Array.from({length: 12}, (_, i) => `h = (h * 0.9).tanh()  # ${String(i)}`).join('\n')}
c = torch.ones(2, requires_grad=True)
d = torch.ones(2, requires_grad=True)
loss = (h * c + d).sum()
loss.backward()
opt = torch.optim.SGD([a, b, c, d], lr=0.1)
opt.step()
`;

describe('<grad-graph> follows a step that lights nodes far apart', () => {
  it('shows a lit parameter of an optimizer step, at readable text', async () => {
    const el = mount({direction: 'LR', 'no-code': '', 'no-narration': ''}, source);
    el.style.width = '390px';
    await ready(el);
    const last = el.stepCount - 1;
    expect(el.steps[last]?.label ?? el.steps[last]?.kind).toBeDefined();
    el.seek(last);
    await el.updateComplete;
    await frames(3);
    const stage = shadow(el).querySelector('.stage')?.getBoundingClientRect();
    const lit = [...shadow(el).querySelectorAll('svg[part="graph"] .gg-node.gg-active')];
    expect(lit.length).toBeGreaterThan(1);
    // They do not fit on the stage together at readable text…
    const rects = lit.map((n) => n.getBoundingClientRect());
    const spread = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
    expect(spread).toBeGreaterThan(stage?.width ?? Infinity);
    // …so the view shows one of them whole.
    const shown = rects.filter(
      (r) =>
        stage &&
        r.left >= stage.left - 1 &&
        r.right <= stage.right + 1 &&
        r.top >= stage.top - 1 &&
        r.bottom <= stage.bottom + 1,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(smallestText(el).px).toBeGreaterThanOrEqual(10.99);
  });
});
