/**
 * The seed page (demos/seed.html) as a reader sees it on a laptop (1280×800) and a phone (390×844):
 * the graph's text never shows below 11 CSS px on any step of `out.backward()`, the nodes each
 * step lights are in view (the view follows the step), a narrow panel gets a top-to-bottom graph,
 * and the page never scrolls sideways; the index page’s preview cards play at readable text too.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {page} from 'vitest/browser';
import type {GradGraph} from '../../components/grad-graph.js';
import type {GradNotebook} from '../../components/grad-notebook.js';
import {smallestText} from '../components/helpers.js';

afterEach(() => {
  document.body.replaceChildren();
});

/** Opens the seed page in a frame of the given size and waits for its notebook. */
async function seedPage(
  width: number,
  height: number,
): Promise<{frame: HTMLIFrameElement; nb: GradNotebook}> {
  const frame = document.createElement('iframe');
  frame.style.width = `${String(width)}px`;
  frame.style.height = `${String(height)}px`;
  frame.style.border = '0';
  frame.src = '/demos/seed.html';
  document.body.append(frame);
  const nb = await vi.waitFor(
    () => {
      const el = frame.contentDocument?.querySelector('grad-notebook') as GradNotebook | null;
      if (!el?.shadowRoot || !el.cells.length) throw new Error('the seed page is not ready');
      return el;
    },
    {timeout: 20_000, interval: 100},
  );
  return {frame, nb};
}

/**
 * Whether what the step lights is inside the stage: every lit node when they fit in it together,
 * else the lit op (the stage is shorter than the lit nodes' span, as on a phone).
 */
function stepInView(g: GradGraph): boolean {
  const root = g.shadowRoot;
  const stage = root?.querySelector('.stage')?.getBoundingClientRect();
  const lit = Array.from(root?.querySelectorAll('svg[part="graph"] .gg-node.gg-active') ?? []);
  if (!stage) return false;
  const rects = lit.map((n) => n.getBoundingClientRect());
  const span = (lo: (r: DOMRect) => number, hi: (r: DOMRect) => number) =>
    Math.max(...rects.map(hi)) - Math.min(...rects.map(lo));
  const together =
    span(
      (r) => r.left,
      (r) => r.right,
    ) <= stage.width &&
    span(
      (r) => r.top,
      (r) => r.bottom,
    ) <= stage.height;
  const shown = together ? lit : lit.filter((n) => !n.classList.contains('gg-tensor'));
  return shown.every((n) => {
    const r = n.getBoundingClientRect();
    return (
      r.left >= stage.left - 1 &&
      r.right <= stage.right + 1 &&
      r.top >= stage.top - 1 &&
      r.bottom <= stage.bottom + 1
    );
  });
}

const sizes: [string, number, number, 'LR' | 'TB'][] = [
  ['a laptop', 1280, 800, 'LR'],
  ['a phone', 390, 844, 'TB'],
];

describe('the seed page is readable at any size', () => {
  for (const [name, width, height, direction] of sizes) {
    it(`on ${name} (${String(width)}×${String(height)}): text ≥ 11 px on every step, the step in view`, async () => {
      // The frame must be inside the test page's viewport: the graph is built when seen.
      await page.viewport(width + 20, height + 20);
      const {frame, nb} = await seedPage(width, height);
      const backward = nb.cells.findIndex((c) => c.source.includes('out.backward()'));
      expect(backward).toBeGreaterThan(0);
      nb.run(backward);
      const g = await vi.waitFor(
        () => {
          const el = nb.graph;
          if (!el || el.stepCount < 5) throw new Error('no graph yet');
          return el;
        },
        {timeout: 20_000, interval: 50},
      );
      g.pause();
      await g.updateComplete;
      const win = frame.contentWindow;
      if (!win) throw new Error('no window');
      for (let k = 0; k < g.stepCount; k++) {
        g.seek(k);
        await g.updateComplete;
        await new Promise((r) => requestAnimationFrame(r));
        const {px, texts} = smallestText(g);
        expect(texts, `step ${String(k)}`).toBeGreaterThan(0);
        expect(px, `step ${String(k)}`).toBeGreaterThanOrEqual(10.99);
        expect(stepInView(g), `step ${String(k)}`).toBe(true);
      }
      // `auto`: the phone's narrow panel gets a top-to-bottom graph.
      expect(g.direction).toBe('auto');
      expect(g.layoutDirection).toBe(direction);
      // The page never scrolls sideways.
      const doc = frame.contentDocument?.documentElement;
      expect(doc?.scrollWidth).toBeLessThanOrEqual(win.innerWidth);
      // "Run all" too.
      nb.runAll();
      await vi.waitFor(() => {
        if ((nb.graph?.stepCount ?? 0) === 0) throw new Error('no graph');
      });
      await nb.graph?.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      if (nb.graph) expect(smallestText(nb.graph).px).toBeGreaterThanOrEqual(10.99);
      expect(doc?.scrollWidth).toBeLessThanOrEqual(win.innerWidth);
    }, 60_000);
  }
});

describe('the index page’s cards are readable', () => {
  for (const [name, width, height] of sizes) {
    it(`on ${name} (${String(width)}×${String(height)}): each card’s picture plays at text ≥ 11 px, with no tools over it`, async () => {
      await page.viewport(width + 20, height + 20);
      const frame = document.createElement('iframe');
      frame.style.width = `${String(width)}px`;
      frame.style.height = `${String(height)}px`;
      frame.style.border = '0';
      frame.src = '/demos/index.html';
      document.body.append(frame);
      const thumbs = await vi.waitFor(
        () => {
          const list = Array.from(
            frame.contentDocument?.querySelectorAll<GradGraph>('grad-graph.thumb') ?? [],
          );
          if (list.length < 6) throw new Error('the index page is not ready');
          return list;
        },
        {timeout: 20_000, interval: 100},
      );
      const win = frame.contentWindow;
      if (!win) throw new Error('no window');
      for (const [i, g] of thumbs.entries()) {
        // Cards are built when seen: scroll each into the frame's view.
        g.scrollIntoView({block: 'center'});
        await vi.waitFor(
          () => {
            if (g.stepCount === 0 || !g.shadowRoot?.querySelector('[part="tools"]'))
              throw new Error(`card ${String(i)} not drawn`);
          },
          {timeout: 30_000, interval: 50},
        );
        const tools = g.shadowRoot?.querySelector('[part="tools"]');
        expect(tools && win.getComputedStyle(tools).display, `card ${String(i)}`).toBe('none');
        // While it plays (glides between steps included), frame by frame…
        let smallest = Infinity;
        const until = performance.now() + 1500;
        while (performance.now() < until) {
          await new Promise((r) => requestAnimationFrame(r));
          const {px, texts} = smallestText(g);
          if (texts) smallest = Math.min(smallest, px);
        }
        expect(smallest, `card ${String(i)} playing`).toBeGreaterThanOrEqual(10.99);
        // …and at every step.
        g.pause();
        for (let k = 0; k < g.stepCount; k++) {
          g.seek(k);
          await g.updateComplete;
          await new Promise((r) => requestAnimationFrame(r));
          const {px, texts} = smallestText(g);
          expect(texts, `card ${String(i)} step ${String(k)}`).toBeGreaterThan(0);
          expect(px, `card ${String(i)} step ${String(k)}`).toBeGreaterThanOrEqual(10.99);
        }
      }
      expect(frame.contentDocument?.documentElement.scrollWidth).toBeLessThanOrEqual(
        win.innerWidth,
      );
    }, 120_000);
  }
});
