/**
 * Big graphs in the element: the longest main-thread task (PerformanceObserver `longtask`) while a
 * 1,000- and a 5,000-node graph is drawn and played, and the 5,000-node graph's PNG export.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {GradGraph} from '../../components/grad-graph.js';
import {mount, shadow} from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
});

/**
 * A straight-line script of `statements` ops, each with a named result (nothing groups), about
 * two nodes each (bench/element.ts's big graph; that file runs in Node and cannot be imported).
 */
function bigSource(statements: number): string {
  const lines = ['import torch', 'h0 = torch.ones(2, requires_grad=True)'];
  for (let i = 1; i <= statements; i++) {
    lines.push(
      i % 2
        ? `h${String(i)} = h${String(i - 1)} * 0.9`
        : `h${String(i)} = h${String(i - 1)}.tanh()`,
    );
  }
  lines.push(`out = h${String(statements)}.sum()`, 'out.backward()');
  return `${lines.join('\n')}\n`;
}

/** Long tasks (ms) the main thread had while `during` ran. */
async function longTasksDuring(during: () => Promise<void>): Promise<number[]> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({type: 'longtask', buffered: false});
  try {
    await during();
  } finally {
    observer.disconnect();
  }
  return tasks;
}

async function pictured(el: GradGraph): Promise<void> {
  await vi.waitFor(
    () => {
      if (el.busy || el.stepCount === 0) throw new Error('not drawn yet');
    },
    {timeout: 120_000, interval: 20},
  );
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
}

describe('<grad-graph> with a big graph', () => {
  it('exports a 5,000-node graph as SVG and as PNG (scaled to what a canvas can encode)', async () => {
    const el = mount({}, null);
    const tasks = await longTasksDuring(async () => {
      el.source = bigSource(2500);
      await pictured(el);
    });
    const nodes = shadow(el).querySelectorAll('svg[part="graph"] g.gg-node').length;
    expect(nodes).toBeGreaterThanOrEqual(5000);
    const svg = el.exportSVG();
    expect(svg.length).toBeGreaterThan(1_000_000);
    const png = await el.exportPNG(2);
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(10_000);
    const image = await createImageBitmap(png);
    // Within the canvas limits, and as large as they allow along the long side.
    expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(16384);
    expect(image.width * image.height).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(Math.max(image.width, image.height)).toBeGreaterThan(4096);
    // Measured, not yet held to 50 ms (issue 16): reported so a change shows in the log.
    console.log(
      `${String(nodes)} nodes: longest task drawing ${String(Math.round(Math.max(0, ...tasks)))} ms`,
    );
  }, 180_000);

  it('the export menu offers SVG and PNG', async () => {
    const el = mount();
    await pictured(el);
    const menu = shadow(el).querySelector('details.export');
    const buttons = Array.from(menu?.querySelectorAll('button') ?? [], (b) => b.textContent.trim());
    expect(buttons).toEqual(['SVG (vector)', 'PNG (image)']);
    expect(menu?.querySelector('summary')?.getAttribute('aria-label')).toBe('Export the picture');
  });
});
