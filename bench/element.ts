/**
 * `<grad-graph>` measured in Chromium (playwright-core, /usr/bin/chromium): the time from the
 * element being connected to its first complete picture of the seed script, and the frame rate
 * while it plays a 1,000-node graph. Browser timings cannot run inside the harness's synchronous
 * `measure`, so this suite measures in the page and returns its figures as measured cases.
 * `npm run bench -- element` runs only these rows.
 */
import {readFileSync} from 'node:fs';
import {chromium, type Browser, type Page} from 'playwright-core';
import {buildPicture, prebuiltOf, traceSource} from '../src/run/index.js';
import {median, type BenchCase} from './harness.js';
import {buildForPage, serveFiles, staticClosure, type Built} from './served.js';
import type {Suite} from './suites.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The seed script of issue 5 (the demos' and the tests' one copy). */
const seedSource = readFileSync(new URL('../demos/assets/seed.py', import.meta.url), 'utf8');

/**
 * A straight-line script whose dataflow graph has about 1,000 nodes: every statement is one op
 * with a named result, so nothing is grouped and every node is drawn.
 */
export function bigSource(statements: number): string {
  const lines = ['import torch', 'h0 = torch.ones(2, requires_grad=True)'];
  for (let i = 1; i <= statements; i++) {
    lines.push(i % 2 ? `h${i} = h${i - 1} * 0.9` : `h${i} = h${i - 1}.tanh()`);
  }
  lines.push(`out = h${statements}.sum()`, 'out.backward()');
  return `${lines.join('\n')}\n`;
}

/**
 * The one-file bundle (src/bundle.ts, as dist/grad-graph.js) built in memory and served on the
 * loopback with a blank page that loads it: its URL is real, so the script worker imports it.
 */
export async function bundledPage(): Promise<{url: string; close: () => Promise<void>}> {
  const files = new Map(await buildForPage('src/bundle.ts', true));
  files.set(
    'index.html',
    '<!doctype html><html><body style="margin:0"><script type="module" src="/entry.js"></script></body></html>',
  );
  const server = await serveFiles(files);
  return {url: `${server.origin}/`, close: server.close};
}

// The in-page code is kept as plain JavaScript text: tsx's transform would wrap typed functions
// in helpers (`__name`) that do not exist inside the page.

/** In the page: connect an element, resolve with ms until its first complete picture is painted. */
const timeToPicture = `(source) => new Promise((done) => {
  const el = document.createElement('grad-graph');
  el.setAttribute('no-controls', '');
  el.style.width = '900px';
  const script = document.createElement('script');
  script.type = 'text/x-python';
  script.textContent = source;
  el.append(script);
  const start = performance.now();
  el.addEventListener('grad-ready', () => {
    requestAnimationFrame(() => {
      done(performance.now() - start);
      el.remove();
    });
  });
  document.body.append(el);
})`;

/**
 * In the page: the same as timeToPicture with no Worker, so the script runs on the main thread
 * (the fallback), and how many workers the worker path made (to show it really used one).
 */
const timeToPictureOnMainThread = `(source) => {
  const Original = window.Worker;
  window.Worker = undefined;
  return (${timeToPicture})(source).finally(() => {
    window.Worker = Original;
  });
}`;

/**
 * In the page: timeToPicture (or its main-thread form) with the longest task the main thread had
 * meanwhile: `{ms, longest}`.
 */
const withLongestTask = (fn: string) => `(source) => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({type: 'longtask'});
  return (${fn})(source).then((ms) => new Promise((done) => {
    // Long-task entries are delivered after the task: one more frame to collect them.
    requestAnimationFrame(() => setTimeout(() => {
      observer.disconnect();
      done({ms, longest: Math.max(0, ...tasks)});
    }, 0));
  }));
}`;

/**
 * In the page: one element kept on the page, its source changed `runs` times (a playground's
 * edits); resolves with the ms from each change to its picture being painted.
 */
const timeToRepicture = `async ({source, runs, noWorker}) => {
  const Original = window.Worker;
  if (noWorker) window.Worker = undefined;
  const el = document.createElement('grad-graph');
  el.setAttribute('no-controls', '');
  el.style.width = '900px';
  document.body.append(el);
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const ready = new Promise((r) => el.addEventListener('grad-ready', r, {once: true}));
      const start = performance.now();
      el.source = source + '# edit ' + String(i) + '\\n';
      await ready;
      await new Promise((r) => requestAnimationFrame(r));
      times.push(performance.now() - start);
    }
  } finally {
    el.remove();
    window.Worker = Original;
  }
  return times;
}`;

/** A teaching script with a loop long enough to need the worker (~0.1–0.3 s of interpreting). */
const loopSource = `import torch
w = torch.ones(2, requires_grad=True)
x = 0
for i in range(300_000):
    x = x + i
(w * x).sum().backward()
`;

/** In the page: counts the workers the page makes from now on (window.__workersMade). */
const countWorkers = `() => {
  const Original = window.Worker;
  window.__workersMade = 0;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      window.__workersMade++;
    }
  };
}`;

/** In the page: the same picture as a static SVG (exported once), parsed, appended and painted. */
const timeToStaticPicture = `(svg) => new Promise((done) => {
  const start = performance.now();
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const node = document.importNode(doc.documentElement, true);
  document.body.append(node);
  node.getBoundingClientRect();
  requestAnimationFrame(() => {
    done(performance.now() - start);
    node.remove();
  });
})`;

/** In the page: the seed picture exported as SVG text. */
const exportedSeed = `async (source) => {
  const el = document.createElement('grad-graph');
  el.source = source;
  el.style.width = '900px';
  document.body.append(el);
  await new Promise((r) => el.addEventListener('grad-ready', r, {once: true}));
  await el.updateComplete;
  const text = el.exportSVG();
  el.remove();
  return text;
}`;

/** In the page: frame intervals while idle, then while playing a big graph at the default speed. */
export const framesWhilePlaying = `async (source) => {
  const frameIntervals = (ms) => new Promise((done) => {
    const out = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => {
      out.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else done(out);
    };
    requestAnimationFrame(tick);
  });
  const el = document.createElement('grad-graph');
  el.style.width = '1000px';
  el.speed = 1;
  el.source = source;
  document.body.append(el);
  await new Promise((r) => el.addEventListener('grad-ready', r, {once: true}));
  await el.updateComplete;
  await frameIntervals(300);
  const idle = await frameIntervals(1500);
  const from = el.step;
  el.play();
  const playing = await frameIntervals(6000);
  el.pause();
  const nodes = el.shadowRoot.querySelectorAll('g.gg-node').length;
  const stepsPlayed = el.step - from;
  el.remove();
  return {idle, playing, nodes, stepsPlayed};
}`;

/**
 * The throttled profile of the first-picture rows: Chromium's CPU 4× slower, and the network of
 * Lighthouse's "slow 4G" (562.5 ms round trip, 1.47 Mbit/s down, 675 kbit/s up): Lighthouse's
 * mobile profile as DevTools applies it.
 */
const throttled = {
  cpuRate: 4,
  network: {offline: false, latency: 562.5, downloadThroughput: 188_744, uploadThroughput: 86_400},
};

/** In the page (before anything loads): the time of the first picture painted, or of the first paint. */
const firstPictureProbe = `<script>
document.addEventListener('grad-ready', () => requestAnimationFrame(() => { window.__firstPicture ??= performance.now(); }));
</script>`;

/**
 * Navigation → first picture painted on the throttled profile, median of `samples` fresh loads:
 * a docs page with a build-time trace and the viewer entry, a page running the seed with the full
 * element, and the same picture as static SVG in the page (the baseline).
 */
async function throttledFirstPicture(
  browser: Browser,
  svg: string,
  samples: number,
): Promise<BenchCase[]> {
  const viewer = await buildForPage('src/viewer.ts');
  const element = await buildForPage('src/element.ts');
  const files = new Map<string, string>();
  for (const [name, code] of viewer) files.set(`viewer/${name}`, code);
  for (const [name, code] of element) files.set(`element/${name}`, code);
  const recorded = traceSource(seedSource);
  const trace = JSON.stringify(recorded).replaceAll('<', '\\u003c');
  // The pictures a docs-tool plugin writes beside a build-time trace (src/plugins/fence.ts).
  const pictures = JSON.stringify(
    prebuiltOf(
      (['TB', 'LR'] as const).map((direction) =>
        buildPicture(recorded, {view: 'dataflow', direction}),
      ),
    ),
  ).replaceAll('<', '\\u003c');
  // As an app's bundler writes its page (Vite's built HTML): a modulepreload link for each file
  // the entry imports statically, so they load side by side, not one round trip after another.
  const preloads = (dir: string, built: Built): string =>
    [...staticClosure(built)]
      .filter((name) => name !== 'entry.js')
      .map((name) => `<link rel="modulepreload" href="/${dir}/${name}">`)
      .join('');
  const head = (dir: string, built: Built): string =>
    `<!doctype html><html><head><meta charset="utf-8">${firstPictureProbe}${preloads(dir, built)}</head>`;
  files.set(
    'viewer.html',
    `${head('viewer', viewer)}<body><script type="module" src="/viewer/entry.js"></script>` +
      `<grad-graph no-controls style="width:900px"></grad-graph>` +
      `<script type="application/json" id="trace">${trace}</script>` +
      `<script type="application/json" id="pictures">${pictures}</script>` +
      `<script type="module">const el = document.querySelector('grad-graph'); ` +
      `el.pictures = JSON.parse(document.getElementById('pictures').textContent); ` +
      `el.trace = JSON.parse(document.getElementById('trace').textContent);</script></body></html>`,
  );
  const escaped = seedSource.replaceAll('<', '&lt;');
  files.set(
    'element.html',
    `${head('element', element)}<body><script type="module" src="/element/entry.js"></script>` +
      `<grad-graph no-controls style="width:900px"><script type="text/x-python">${escaped}</script>` +
      `</grad-graph></body></html>`,
  );
  files.set(
    'static.html',
    `${head('static', new Map())}<body><div style="width:900px">${svg}</div><script>` +
      `requestAnimationFrame(() => { window.__firstPicture = performance.now(); });</script></body></html>`,
  );
  const server = await serveFiles(files);
  const load = async (name: string): Promise<number> => {
    const page = await browser.newPage({viewport: {width: 1000, height: 800}});
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', {rate: throttled.cpuRate});
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', throttled.network);
      await page.goto(`${server.origin}/${name}`);
      await page.waitForFunction('window.__firstPicture !== undefined', null, {timeout: 120_000});
      return await page.evaluate<number>('window.__firstPicture');
    } finally {
      await page.close();
    }
  };
  try {
    const times: Record<string, number[]> = {viewer: [], element: [], static: []};
    for (let i = 0; i < samples; i++) {
      for (const name of ['viewer', 'element', 'static'])
        times[name]?.push(await load(`${name}.html`));
    }
    const staticMs = median(times.static ?? []);
    const profile = `4× CPU, slow 4G; median of ${String(samples)} fresh loads; page files preloaded as Vite's HTML does`;
    // The targets are Core Web Vitals' thresholds for the largest paint, which Lighthouse checks
    // on this profile: a docs page showing a build-time trace should be "good" (≤ 2.5 s); a page
    // that runs Python first should at least not be "poor" (≤ 4 s). The ratio is the same
    // threshold over the static picture measured in this run.
    const goodMs = 2500;
    const notPoorMs = 4000;
    return [
      {
        name: rowNames.throttledViewer,
        baselineName: 'the same picture as static SVG in the page',
        measured: {ours: median(times.viewer ?? []), baseline: staticMs, unit: 'ms'},
        target: Number((goodMs / staticMs).toFixed(2)),
        also: {label: 'LCP good, ≤ 2.5 s', met: (ours) => ours <= goodMs},
        notes: profile,
      },
      {
        name: rowNames.throttledElement,
        baselineName: 'the same picture as static SVG in the page',
        measured: {ours: median(times.element ?? []), baseline: staticMs, unit: 'ms'},
        target: Number((notPoorMs / staticMs).toFixed(2)),
        also: {label: 'LCP not poor, ≤ 4 s', met: (ours) => ours <= notPoorMs},
        notes: profile,
      },
    ];
  } finally {
    await server.close();
  }
}

/** The suite's rows' names (the fps row's with the node count the page drew). */
const rowNames = {
  throttledViewer:
    'element: first picture, build-time trace in grad-graph/viewer, throttled (Chromium)',
  throttledElement: 'element: first picture, seed run by grad-graph/element, throttled (Chromium)',
  connected: 'element: connected → first complete picture, seed script (Chromium)',
  seedFirstTry:
    'element: first picture of the seed, frame-budget first try, worker if longer (Chromium)',
  loopInWorker: 'element: first picture of a 300k-iteration loop, run in a Web Worker (Chromium)',
  loopLongestTask: 'element: longest main-thread task while a 300k-iteration loop runs (Chromium)',
  loopEdited: 'element: the 300k-iteration loop re-run after an edit, warm worker (Chromium)',
  fps: (nodes: number) => `element: fps playing a ${nodes}-node graph, speed 1 (Chromium)`,
};

/** The number of statements of the script whose graph the fps row plays (bigSource). */
const fpsStatements = 500;

/** Calls in-page code `fn` (JavaScript text of a function) with one JSON argument. */
function call<T>(page: Page, fn: string, arg: unknown): Promise<T> {
  return page.evaluate<T>(`(${fn})(${JSON.stringify(arg)})`);
}

/** The rows of this suite, measured in Chromium. */
async function measureInChromium(samples: number, onlyThrottled: boolean): Promise<BenchCase[]> {
  const served = await bundledPage();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1000, height: 800}});
    await page.goto(served.url);
    await page.waitForFunction("customElements.get('grad-graph') !== undefined");

    // Connected → first complete picture, against painting the finished picture as static SVG.
    const svg = await call<string>(page, exportedSeed, seedSource);
    if (onlyThrottled) return await throttledFirstPicture(browser, svg, 5);
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < samples + 3; i++) {
      const a = await call<number>(page, timeToPicture, seedSource);
      const b = await call<number>(page, timeToStaticPicture, svg);
      if (i >= 3) {
        ours.push(a);
        base.push(b);
      }
    }
    const readyMs = median(ours);
    const staticMs = median(base);

    // The element's way (a frame-budget first try on the main thread, a worker only for longer
    // scripts) against always running on the main thread (the no-Worker fallback): the seed, which
    // fits in a frame, and a loop that needs the worker.
    await call<unknown>(page, countWorkers, null);
    interface Timed {
      ms: number;
      longest: number;
    }
    const compare = async (source: string) => {
      const ours: Timed[] = [];
      const base: Timed[] = [];
      const made = await page.evaluate<number>('window.__workersMade');
      for (let i = 0; i < samples + 3; i++) {
        const a = await call<Timed>(page, withLongestTask(timeToPicture), source);
        const b = await call<Timed>(page, withLongestTask(timeToPictureOnMainThread), source);
        if (i >= 3) {
          ours.push(a);
          base.push(b);
        }
      }
      const workers = (await page.evaluate<number>('window.__workersMade')) - made;
      const longest = (xs: Timed[]) => Math.round(Math.max(...xs.map((x) => x.longest)));
      return {
        ours: median(ours.map((x) => x.ms)),
        base: median(base.map((x) => x.ms)),
        longestOurs: longest(ours),
        longestBase: longest(base),
        notes:
          `median of ${samples}; ${workers} workers for ${samples + 3} runs; longest main-thread ` +
          `task ${longest(ours)} ms (main thread only: ${longest(base)} ms)`,
      };
    };
    const seedRun = await compare(seedSource);
    const loopRun = await compare(loopSource);
    const edits = async (noWorker: boolean) =>
      median(
        (
          await call<number[]>(page, timeToRepicture, {
            source: loopSource,
            runs: samples + 1,
            noWorker,
          })
        ).slice(1),
      );
    const editedInWorker = await edits(false);
    const editedOnMain = await edits(true);

    // Frames while playing a 1,000-node graph, against frames of the same page left idle.
    const fps = await call<{idle: number[]; playing: number[]; nodes: number; stepsPlayed: number}>(
      page,
      framesWhilePlaying,
      bigSource(fpsStatements),
    );
    const meanMs = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
    const playFps = 1000 / meanMs(fps.playing);
    const idleFps = 1000 / meanMs(fps.idle);
    const worst = Math.max(...fps.playing);
    const throttledRows = await throttledFirstPicture(browser, svg, 5);
    return [
      ...throttledRows,
      {
        name: rowNames.connected,
        baselineName: 'the same picture as static SVG, parsed and painted',
        measured: {ours: readyMs, baseline: staticMs, unit: 'ms'},
        target: 15,
        also: {label: 'under 50 ms', met: (ours) => ours < 50},
        notes: `median of ${samples}`,
      },
      {
        name: rowNames.seedFirstTry,
        baselineName: 'the script always on the main thread (no-Worker fallback)',
        measured: {ours: seedRun.ours, baseline: seedRun.base, unit: 'ms'},
        target: 1.2,
        also: {label: 'under 50 ms', met: (ours) => ours < 50},
        notes: seedRun.notes,
      },
      {
        name: rowNames.loopInWorker,
        baselineName: 'the script on the main thread (no-Worker fallback)',
        measured: {ours: loopRun.ours, baseline: loopRun.base, unit: 'ms'},
        target: 2,
        notes: loopRun.notes,
      },
      {
        name: rowNames.loopLongestTask,
        baselineName: 'the script on the main thread (no-Worker fallback)',
        measured: {ours: loopRun.longestOurs, baseline: loopRun.longestBase, unit: 'ms'},
        target: 0.25,
        also: {label: 'under 200 ms', met: (ours) => ours < 200},
        notes: `longest of ${samples} runs each`,
      },
      {
        name: rowNames.loopEdited,
        baselineName: 'the same edits run on the main thread (no-Worker fallback)',
        measured: {ours: editedInWorker, baseline: editedOnMain, unit: 'ms'},
        target: 1.5,
        notes: `median of ${samples} edits of one element (the first run left out)`,
      },
      {
        name: rowNames.fps(fps.nodes),
        baselineName: 'fps of the same page idle',
        measured: {ours: playFps, baseline: idleFps, unit: 'fps'},
        higherIsBetter: true,
        target: 0.92,
        also: {label: '55+ fps', met: (ours) => ours >= 55},
        notes: `worst frame ${worst.toFixed(1)} ms, ${fps.stepsPlayed} steps in 6 s`,
      },
    ];
  } finally {
    await browser.close();
    await served.close();
  }
}

/**
 * The suite: measures in Chromium and hands the figures to the harness as measured cases; when
 * only the throttled rows are wanted, it measures only those.
 */
export const elementSuite: Suite = async (wanted) => {
  const throttled = [rowNames.throttledViewer, rowNames.throttledElement];
  // bigSource(n) draws 2n + 4 nodes (n ops, the input, the sum, the output and its gradient).
  const others = [
    rowNames.connected,
    rowNames.seedFirstTry,
    rowNames.loopInWorker,
    rowNames.loopLongestTask,
    rowNames.loopEdited,
    rowNames.fps(2 * fpsStatements + 4),
  ];
  const onlyThrottled = !others.some(wanted);
  if (onlyThrottled && !throttled.some(wanted)) return [];
  try {
    return await measureInChromium(15, onlyThrottled);
  } catch (e) {
    console.log(`element: not measured (${e instanceof Error ? e.message : String(e)})`);
    return [];
  }
};
