import {afterEach, describe, expect, it} from 'vitest';
import '../../components/grad-graph.js';

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-graph> in Chromium', () => {
  it('draws one SVG circle per node in its shadow DOM', async () => {
    const el = document.createElement('grad-graph');
    document.body.append(el);
    el.nodes = [
      {id: 'x', x: 40, y: 100},
      {id: 'y', x: 200, y: 100},
    ];
    await el.updateComplete;
    const circles = el.shadowRoot?.querySelectorAll('svg[part="graph"] circle') ?? [];
    expect(circles).toHaveLength(2);
    const box = circles[1]?.getBoundingClientRect();
    expect(box?.width).toBeGreaterThan(0);
    expect(getComputedStyle(circles[0] as Element).fill).toBe('rgb(76, 120, 168)');
  });
});
