/**
 * Double backward in the page (#20): `<grad-graph>` draws the gradient's own graph (the ops a
 * `create_graph=True` backward ran) and the pass that walks it, each pass in the jump-to list.
 */
import {afterEach, describe, expect, it} from 'vitest';
import '../../src/bundle.js';
import {mount, nodeEl, ready, shadow} from './helpers.js';

const script = [
  'import torch',
  'x = torch.tensor(2.0, requires_grad=True)',
  'y = x ** 3',
  'g, = torch.autograd.grad(y, x, create_graph=True)',
  'g2, = torch.autograd.grad(g, x)',
  'print(g2)',
].join('\n');

afterEach(() => {
  document.body.replaceChildren();
});

describe('double backward in <grad-graph>', () => {
  it('steps through the ops the first pass recorded, draws them, and lists the second pass', async () => {
    const el = mount({}, script);
    await ready(el);
    expect(el.error).toBeNull();
    const first = el.steps.findIndex((s) => s.kind === 'op' && s.phase === 'backward');
    expect(first).toBeGreaterThan(0);
    el.seek(first);
    await el.updateComplete;
    const narration = shadow(el).querySelector('[part="narration"]')?.textContent ?? '';
    expect(narration).toContain(
      'Inside PowBackward0, its backward formula runs under create_graph=True',
    );
    expect(narration).toContain('x ** 2 = 4');
    // The op it ran is drawn, and lit at its step.
    const op = el.currentStep?.nodeIds.find((id) => id.startsWith('o'));
    expect(op).toBeDefined();
    expect(nodeEl(el, op ?? '')).not.toBeNull();
    // Both passes are places to jump to.
    const options = [...shadow(el).querySelectorAll('select.marks option')].map((o) =>
      o.textContent.trim(),
    );
    expect(
      options.some((t) => t.includes('g, = torch.autograd.grad(y, x, create_graph=True)')),
    ).toBe(true);
    expect(options.some((t) => t.includes('g2, = torch.autograd.grad(g, x)'))).toBe(true);
    // The second pass walks the gradient's graph: its last step sends x 12, as PyTorch printed.
    el.seek(el.steps.length - 1);
    await el.updateComplete;
    expect(el.currentStep?.pass).toBe(1);
    expect(shadow(el).querySelector('[part="narration"]')?.textContent ?? '').toContain(
      'so x gets 3 · 4 = 12',
    );
  });
});
