/**
 * Big graphs in the element: a 1,000- and a 5,000-node graph drawn in chunks across frames, only
 * what is on screen in the document (culled; the overview's few paths when fitted), played with the
 * view following the step, exported whole (SVG and PNG). The longest main-thread task
 * (PerformanceObserver `longtask`) while drawing and playing is measured and logged, not asserted:
 * timings are bench rows (`npm run bench -- big`).
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {GradGraph} from '../../components/grad-graph.js';
import {frames, mount, nodeEl, shadow, smallestText} from './helpers.js';

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

/** The node elements in the element's picture (not the export). */
function drawnNodes(el: GradGraph): SVGGElement[] {
  return [...shadow(el).querySelectorAll<SVGGElement>('svg[part="graph"] g.gg-node')];
}

/** Waits until the source's run and picture are in (not yet drawn: that comes a frame later). */
async function built(el: GradGraph): Promise<void> {
  await vi.waitFor(
    () => {
      if (el.busy || el.stepCount === 0) throw new Error('not built yet');
    },
    {timeout: 120_000, interval: 20},
  );
  await el.updateComplete;
}

/** Whether the nodes the current step lights are on the stage (the view follows the step). */
function litOnStage(el: GradGraph): boolean {
  const stage = shadow(el).querySelector('.stage')?.getBoundingClientRect();
  const lit = [...shadow(el).querySelectorAll('svg[part="graph"] .gg-node.gg-active')];
  if (!stage || lit.length === 0) return false;
  return lit.some((g) => {
    const r = g.getBoundingClientRect();
    return (
      r.right > stage.left && r.left < stage.right && r.bottom > stage.top && r.top < stage.bottom
    );
  });
}

/** The picture's text is readable (never below 11 CSS px) and the current step is on the stage. */
function readableAtStep(el: GradGraph): void {
  const {px, texts} = smallestText(el);
  expect(texts).toBeGreaterThan(0);
  expect(px).toBeGreaterThanOrEqual(10.99);
  expect(litOnStage(el)).toBe(true);
}

/**
 * Every drawn node meets the screen or the margin the culling draws around it (half the stage
 * on each side): nothing far off screen is in the document.
 */
function allNearScreen(el: GradGraph): boolean {
  const stage = shadow(el).querySelector('.stage')?.getBoundingClientRect();
  if (!stage) return false;
  const w = stage.width;
  const h = stage.height;
  return drawnNodes(el).every((g) => {
    const r = g.getBoundingClientRect();
    return (
      r.right >= stage.left - w * 0.6 &&
      r.left <= stage.right + w * 0.6 &&
      r.bottom >= stage.top - h * 0.6 &&
      r.top <= stage.bottom + h * 0.6
    );
  });
}

describe('<grad-graph> with a big graph', () => {
  for (const statements of [500, 2500]) {
    it(`draws a ${String(2 * statements)}-node graph in frames, only what is on screen, and plays it`, async () => {
      const el = mount({}, null);
      el.style.width = '1200px';
      // The picture comes in one update (grad-ready is dispatched at its end); the next frame
      // makes the SVG and measures the stage, and its nodes come at the frames after, a chunk each.
      let atReady = -1;
      el.addEventListener('grad-ready', () => (atReady = drawnNodes(el).length), {once: true});
      const drawing = await longTasksDuring(async () => {
        el.source = bigSource(statements);
        await built(el);
        expect(atReady).toBe(0);
        await frames(2);
        const first = drawnNodes(el).length;
        expect(first).toBeGreaterThan(0);
        expect(first).toBeLessThanOrEqual(150);
        await frames(12);
      });
      const total = el.steps.length;
      expect(total).toBeGreaterThan(2 * statements);
      // Only what is on screen (and a margin around it) is in the document, a few hundred nodes
      // of thousands, with the current step's among them.
      const shown = drawnNodes(el).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(600);
      expect(allNearScreen(el)).toBe(true);
      const lit = (step: number) => el.steps[step]?.nodeIds ?? [];
      for (const id of lit(el.step)) expect(nodeEl(el, id)).not.toBeNull();
      // The default view is readable (the whole graph cannot be: it follows the step instead).
      readableAtStep(el);

      // Playing: each step draws again only what is on screen, and the view follows the step.
      el.speed = 32;
      const playing = await longTasksDuring(async () => {
        el.play();
        await vi.waitFor(
          () => {
            if (el.step < 40) throw new Error('still playing');
          },
          {timeout: 60_000, interval: 30},
        );
        el.pause();
        await frames(4);
      });
      expect(drawnNodes(el).length).toBeLessThan(600);
      expect(allNearScreen(el)).toBe(true);
      for (const id of lit(el.step)) expect(nodeEl(el, id)).not.toBeNull();
      readableAtStep(el);
      // A jump across the graph: the nodes there are drawn, those left behind are gone.
      el.seek(total - 1);
      await el.updateComplete;
      await frames(8);
      for (const id of lit(total - 1)) expect(nodeEl(el, id)).not.toBeNull();
      expect(allNearScreen(el)).toBe(true);
      readableAtStep(el);

      // Fitted, the whole graph is the overview's few paths, and no node element at all.
      el.fitToView();
      await frames(3);
      expect(drawnNodes(el)).toHaveLength(0);
      const overview = shadow(el).querySelectorAll('svg[part="graph"] path.gg-ov-node');
      expect(overview.length).toBeGreaterThan(0);
      expect(overview.length).toBeLessThan(10);
      el.zoomBy(40);
      await frames(8);
      expect(drawnNodes(el).length).toBeGreaterThan(0);
      expect(shadow(el).querySelectorAll('svg[part="graph"] path.gg-ov-node')).toHaveLength(0);

      // The export is the whole graph, whatever is on screen.
      const exported = el.exportSVG().match(/class="gg-node /g)?.length ?? 0;
      expect(exported).toBeGreaterThanOrEqual(2 * statements);
      // Measured, not asserted (timings are bench rows): reported so a change shows in the log.
      const longest = (xs: number[]) => String(Math.round(Math.max(0, ...xs)));
      console.log(
        `${String(2 * statements + 4)} nodes: longest main-thread task ${longest(drawing)} ms drawing, ` +
          `${longest(playing)} ms playing; ${String(shown)} node elements drawn`,
      );
    }, 240_000);
  }

  it('exports a 5,000-node graph as SVG and as PNG (scaled to what a canvas can encode)', async () => {
    const el = mount({}, null);
    el.source = bigSource(2500);
    await pictured(el);
    const svg = el.exportSVG();
    expect(svg.length).toBeGreaterThan(1_000_000);
    expect(svg.match(/class="gg-node /g)?.length ?? 0).toBeGreaterThanOrEqual(5000);
    const png = await el.exportPNG(2);
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(10_000);
    const image = await createImageBitmap(png);
    // Within the canvas limits, and as large as they allow along the long side.
    expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(16384);
    expect(image.width * image.height).toBeLessThanOrEqual(64 * 1024 * 1024);
    expect(Math.max(image.width, image.height)).toBeGreaterThan(4096);
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
