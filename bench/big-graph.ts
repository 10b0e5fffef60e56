/**
 * Big graphs in `<grad-graph>`, measured in Chromium (playwright-core, /usr/bin/chromium): the
 * first picture and the frame rate while playing a 1,004- and a 5,004-node graph, each against
 * the same graph exported as a static SVG (parsed, added to the page and painted) and against the
 * page left idle, measured in the same run; the longest main-thread task (PerformanceObserver
 * `longtask`) of each is in the notes. `npm run bench -- big` runs only these rows.
 */
import {chromium, type Page} from 'playwright-core';
import {median, type BenchCase} from './harness.js';
import {bigSource, bundledPage} from './element.js';
import type {Suite} from './suites.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The in-page code is plain JavaScript text: tsx's transform would add helpers the page lacks.

/** In the page: starts collecting long tasks (window.__tasks) until `__longest()` is read. */
const watchTasks = `() => {
  window.__tasks = [];
  window.__observer?.disconnect();
  window.__observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push(e.duration);
  });
  window.__observer.observe({type: 'longtask'});
  window.__longest = () => new Promise((done) => requestAnimationFrame(() => setTimeout(() => {
    window.__observer.disconnect();
    done(Math.max(0, ...window.__tasks));
  }, 0)));
}`;

/**
 * In the page: an element given the source; resolves with the ms until its first nodes are
 * painted, and the exported SVG of its first step (the static baseline). The element stays
 * (window.__el) for the frames rows.
 */
const firstPicture = `(source) => new Promise((done) => {
  document.querySelector('grad-graph')?.remove();
  const el = document.createElement('grad-graph');
  el.style.width = '1200px';
  window.__el = el;
  const start = performance.now();
  const painted = () => {
    if (!el.shadowRoot?.querySelector('svg[part="graph"] g.gg-node')) {
      requestAnimationFrame(painted);
      return;
    }
    requestAnimationFrame(() => done({ms: performance.now() - start, svg: el.exportSVG()}));
  };
  el.addEventListener('grad-ready', () => requestAnimationFrame(painted), {once: true});
  el.source = source;
  document.body.append(el);
})`;

/** In the page: the static SVG parsed, appended and painted; ms. It stays (window.__static). */
const staticPicture = `(svg) => new Promise((done) => {
  window.__static?.remove();
  const start = performance.now();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const node = document.importNode(doc.documentElement, true);
  const box = document.createElement('div');
  box.style.cssText = 'width:1200px;height:520px;overflow:hidden';
  node.setAttribute('width', '1200');
  node.setAttribute('height', '520');
  box.append(node);
  document.body.append(box);
  window.__static = box;
  node.getBoundingClientRect();
  requestAnimationFrame(() => done(performance.now() - start));
})`;

/** In the page: frame intervals over `ms` (mean, worst), playing the element from its first step when `play`. */
const frameMs = `({ms, play}) => new Promise((done) => {
  const el = window.__el;
  if (play) {
    el.seek(0);
    el.speed = 4;
    el.play();
  }
  const out = [];
  let last = performance.now();
  const end = last + ms;
  const from = el?.step ?? 0;
  const tick = (now) => {
    out.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else {
      if (play) el.pause();
      done({mean: out.reduce((a, b) => a + b, 0) / out.length, worst: Math.max(...out), steps: (el?.step ?? 0) - from});
    }
  };
  requestAnimationFrame(tick);
})`;

function call<T>(page: Page, fn: string, arg: unknown): Promise<T> {
  return page.evaluate<T>(`(${fn})(${JSON.stringify(arg)})`);
}

interface Frames {
  mean: number;
  worst: number;
  steps: number;
}

/** The names of the rows for a graph of bigSource(statements): 2·statements + 4 nodes. */
function rowNames(statements: number) {
  const label = `${String(2 * statements + 4)}-node graph`;
  return {
    first: `big graph: first picture of a ${label} (Chromium)`,
    playing: `big graph: fps playing a ${label}, speed 4 (Chromium)`,
    againstStatic: `big graph: fps playing a ${label}, against its static SVG (Chromium)`,
  };
}

/** The rows for one graph size: first picture against static SVG, fps against idle and static. */
async function rowsFor(page: Page, statements: number, samples: number): Promise<BenchCase[]> {
  const names = rowNames(statements);
  const source = bigSource(statements);
  const ours: number[] = [];
  const base: number[] = [];
  const oursLongest: number[] = [];
  const baseLongest: number[] = [];
  for (let i = 0; i < samples; i++) {
    await call(page, watchTasks, null);
    const first = await call<{ms: number; svg: string}>(page, firstPicture, source);
    oursLongest.push(await page.evaluate<number>('window.__longest()'));
    await page.waitForTimeout(300);
    await call(page, watchTasks, null);
    base.push(await call<number>(page, staticPicture, first.svg));
    baseLongest.push(await page.evaluate<number>('window.__longest()'));
    ours.push(first.ms);
    await page.evaluate('window.__static?.remove(); window.__static = null');
  }
  // Frames: the page idle (the element shown, not playing), playing, and with the static SVG.
  await page.waitForTimeout(500);
  const idle = await call<Frames>(page, frameMs, {ms: 2000, play: false});
  await call(page, watchTasks, null);
  const playing = await call<Frames>(page, frameMs, {ms: 5000, play: true});
  const playLongest = await page.evaluate<number>('window.__longest()');
  const svg = await page.evaluate<string>('window.__el.exportSVG()');
  await page.evaluate('window.__el.remove()');
  await call<number>(page, staticPicture, svg);
  const still = await call<Frames>(page, frameMs, {ms: 2000, play: false});
  await page.evaluate('window.__static?.remove(); window.__static = null');
  const fps = (f: Frames) => 1000 / f.mean;
  const max = (xs: number[]) => Math.round(Math.max(0, ...xs));
  return [
    {
      name: names.first,
      baselineName: 'the same picture as static SVG, parsed and painted',
      measured: {ours: median(ours), baseline: median(base), unit: 'ms'},
      target: 2,
      also: {label: 'longest task under 50 ms', met: () => max(oursLongest) < 50},
      notes: `median of ${String(samples)}; longest main-thread task ${String(max(oursLongest))} ms (static SVG: ${String(max(baseLongest))} ms)`,
    },
    {
      name: names.playing,
      baselineName: 'fps of the same page idle',
      measured: {ours: fps(playing), baseline: fps(idle), unit: 'fps'},
      higherIsBetter: true,
      target: 0.9,
      also: {label: 'longest task under 50 ms', met: () => playLongest < 50},
      notes: `${String(playing.steps)} steps in 5 s, worst frame ${playing.worst.toFixed(0)} ms, longest main-thread task ${String(Math.round(playLongest))} ms`,
    },
    {
      name: names.againstStatic,
      baselineName: 'fps of the page showing the static SVG',
      measured: {ours: fps(playing), baseline: fps(still), unit: 'fps'},
      higherIsBetter: true,
      target: 0.9,
      notes: `static SVG: worst frame ${still.worst.toFixed(0)} ms`,
    },
  ];
}

/** The suite: measures in Chromium and hands the figures to the harness as measured cases. */
export const bigGraphSuite: Suite = async (wanted) => {
  // The graph sizes (statements of bigSource) and samples of first pictures, for wanted rows.
  const sizes = [
    [500, 3],
    [2500, 2],
  ].filter(([statements]) => Object.values(rowNames(statements ?? 0)).some(wanted));
  if (sizes.length === 0) return [];
  try {
    const served = await bundledPage();
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({viewport: {width: 1280, height: 800}});
      await page.goto(served.url);
      await page.waitForFunction("customElements.get('grad-graph') !== undefined");
      const rows: BenchCase[] = [];
      for (const [statements = 0, samples = 0] of sizes)
        rows.push(...(await rowsFor(page, statements, samples)));
      return rows;
    } finally {
      await browser.close();
      await served.close();
    }
  } catch (e) {
    console.log(`big graph: not measured (${e instanceof Error ? e.message : String(e)})`);
    return [];
  }
};
