/** Shared helpers of the `<grad-graph>` browser tests. */
import {vi} from 'vitest';
import seedScript from '../../demos/assets/seed.py?raw';
import '../../components/grad-graph.js';
import type {GradGraph} from '../../components/grad-graph.js';

/** The seed tutorial's code (issue 5): the one copy, demos/assets/seed.py, which the demos run too. */
export const seedSource = seedScript;

/** The same code as an author indents it inside HTML, with a notebook marker. */
export const seedInline = `\n    In [74]:\n${seedScript.replace(/^(?=.)/gm, '    ')}`;

/** Makes `<grad-graph>` with attributes and an inline script, puts it on the page. */
export function mount(
  attrs: Record<string, string> = {},
  inline: string | null = seedInline,
): GradGraph {
  const el = document.createElement('grad-graph');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (inline !== null) {
    const script = document.createElement('script');
    script.type = 'text/x-python';
    script.textContent = inline;
    el.append(script);
  }
  el.style.width = '900px';
  document.body.append(el);
  return el;
}

/** Waits until the element has built its picture and rendered it. */
export async function ready(el: GradGraph): Promise<void> {
  await vi.waitFor(
    () => {
      if (el.stepCount === 0 && !el.error) throw new Error('not ready');
    },
    {timeout: 10_000, interval: 20},
  );
  await el.updateComplete;
}

/** The shadow root, which a test may read. */
export function shadow(el: GradGraph): ShadowRoot {
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

/** The SVG group of graph node `id`. */
export function nodeEl(el: GradGraph, id: string): SVGGElement | null {
  return shadow(el).querySelector<SVGGElement>(
    `svg[part="graph"] g.gg-node[data-id="${CSS.escape(id)}"]`,
  );
}

/** Collects events of `type` that reach the document. */
export function record<T>(type: string): {events: CustomEvent<T>[]; stop: () => void} {
  const events: CustomEvent<T>[] = [];
  const listener = (e: Event) => {
    events.push(e as CustomEvent<T>);
  };
  document.addEventListener(type, listener);
  return {
    events,
    stop: () => {
      document.removeEventListener(type, listener);
    },
  };
}

/** Waits for two animation frames. */
export function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const tick = (left: number) => {
      if (left === 0) resolve();
      else
        requestAnimationFrame(() => {
          tick(left - 1);
        });
    };
    tick(n);
  });
}

/**
 * Runs `body` with `window.Worker` counting the workers the page makes (`made()`), and puts the
 * original back afterwards.
 */
export async function countingWorkers(body: (made: () => number) => Promise<void>): Promise<void> {
  const Original = window.Worker;
  let made = 0;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      made++;
    }
  };
  try {
    await body(() => made);
  } finally {
    window.Worker = Original;
  }
}

/** The smallest text on screen in the graph (font size × the SVG's scale), in CSS px. */
export function smallestText(g: GradGraph): {px: number; texts: number} {
  const svg = g.shadowRoot?.querySelector('svg[part="graph"]');
  let px = Infinity;
  let texts = 0;
  const stage = g.shadowRoot?.querySelector('.stage')?.getBoundingClientRect();
  for (const t of svg?.querySelectorAll('text') ?? []) {
    const r = t.getBoundingClientRect();
    if (!r.width || !stage) continue;
    // Only text the reader can see: inside the stage.
    if (
      r.right < stage.left ||
      r.left > stage.right ||
      r.bottom < stage.top ||
      r.top > stage.bottom
    )
      continue;
    const m = t.getScreenCTM();
    if (!m) continue;
    const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    px = Math.min(px, size);
    texts++;
  }
  return {px, texts};
}
