import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import type {Plugin} from 'vite';
import {defineConfig, type TestProjectInlineConfiguration} from 'vitest/config';
import type {BrowserCommand} from 'vitest/node';
import {playwright} from '@vitest/browser-playwright';
import type {Browser} from 'playwright';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(chromium);

/** The tests of the packed package and the example sites (see `packageProject`). */
const packageTests = ['test/examples/**/*.test.ts', 'test/package/**/*.test.ts'];

const nodeProject: TestProjectInlineConfiguration = {
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-modules.ts'],
    exclude: ['test/**/*.browser.test.ts', 'test/**/*.dom.test.ts', ...packageTests],
  },
};

/**
 * The package as users get it: packed, installed into the example sites, built by their tools and
 * opened in Chromium. Builds take minutes of both cores, so `npm test` runs this project after
 * the others (it would starve their timing-sensitive tests), as `vitest run --project package`.
 */
const packageProject: TestProjectInlineConfiguration = {
  test: {
    name: 'package',
    environment: 'node',
    include: packageTests,
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
};

/** Resident memory of the browser's renderer processes (the tab, its iframes and workers), in MB. */
export interface RendererMemory {
  readonly processes: number;
  /** Resident now, summed. */
  readonly residentMB: number;
  /** Each process's peak since the last reset (Linux VmHWM), summed: at least the tab's peak. */
  readonly peakMB: number;
  /** Each renderer's figures: resident, peak, and anonymous (its own, not shared code) memory. */
  readonly each: readonly {residentMB: number; peakMB: number; anonymousMB: number}[];
}

/**
 * A browser command (`commands.rendererMemory(reset)` in a test): finds the renderer processes
 * through the DevTools protocol (SystemInfo.getProcessInfo) and reads their memory from Linux's
 * /proc; `reset` first restarts their peaks (clear_refs 5). Counts what workers hold too, which
 * a page's own heap figures do not.
 */
const rendererMemory: BrowserCommand<[reset: boolean]> = async (ctx, reset) => {
  const browser = ctx.context.browser();
  if (!browser) throw new Error('rendererMemory: no browser');
  let resident = 0;
  let peak = 0;
  const each: {residentMB: number; peakMB: number; anonymousMB: number}[] = [];
  for (const id of await rendererIds(browser)) {
    if (reset) writeFileSync(`/proc/${String(id)}/clear_refs`, '5');
    const m = processMemory(id);
    resident += m.residentMB;
    peak += m.peakMB;
    each.push(m);
  }
  const result: RendererMemory = {processes: each.length, residentMB: resident, peakMB: peak, each};
  return result;
};

/** The process ids of the browser's renderers (DevTools' SystemInfo.getProcessInfo). */
async function rendererIds(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  const {processInfo} = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: {type: string; id: number}[];
  };
  await session.detach();
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/**
 * One process's memory from Linux's /proc, in MB: resident, peak (VmHWM), anonymous, and its
 * private footprint: anonymous resident memory plus swap, what Chrome's task manager shows as a
 * tab's "Memory footprint" (Chromium's private memory footprint on Linux). Resident memory counts
 * Chromium's own code and data files too, mapped once and shared by every tab.
 */
function processMemory(id: number): {
  residentMB: number;
  peakMB: number;
  anonymousMB: number;
  footprintMB: number;
} {
  const status = readFileSync(`/proc/${String(id)}/status`, 'utf8');
  const kB = (field: string) =>
    Number(new RegExp(`^${field}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return {
    residentMB: kB('VmRSS') / 1024,
    peakMB: kB('VmHWM') / 1024,
    anonymousMB: kB('RssAnon') / 1024,
    footprintMB: (kB('RssAnon') + kB('VmSwap')) / 1024,
  };
}

/** What `commands.readerTab` returns: the page's report and its renderer's peak memory. */
export interface ReaderTab {
  readonly report: unknown;
  /** The renderer processes the tab started (its page, and its workers' if apart). */
  readonly processes: number;
  /** The largest peak resident memory (VmHWM) among them, in MB, shared code included. */
  readonly peakMB: number;
  /**
   * The largest private footprint among them (see processMemory), in MB: its peak, sampled every
   * 20 ms from the page's start until it reported. The tab's memory as Chrome's task manager
   * shows it: the page and its workers, which run in the page's renderer process.
   */
  readonly footprintMB: number;
}

/**
 * A browser command (`commands.readerTab(path, key)` in a test): opens `path` of the test server as
 * a top-level page in a browser context of its own, as a reader's tab (its renderer process holds
 * that page and its workers, not the test runner's page and its unbundled modules), waits until
 * the page sets `window[key]`, and returns that with the tab's peak memory, read from /proc.
 */
const readerTab: BrowserCommand<[path: string, key: string]> = async (ctx, path, key) => {
  const browser = ctx.context.browser();
  if (!browser) throw new Error('readerTab: no browser');
  const before = new Set(await rendererIds(browser));
  const tab = new Set<number>();
  const footprints = new Map<number, number>();
  const sample = () => {
    for (const id of tab) {
      try {
        const {footprintMB} = processMemory(id);
        footprints.set(id, Math.max(footprints.get(id) ?? 0, footprintMB));
      } catch {
        // the process has ended
      }
    }
  };
  let finding = false;
  const find = async () => {
    finding = true;
    for (const id of await rendererIds(browser)) if (!before.has(id)) tab.add(id);
    finding = false;
  };
  const context = await browser.newContext({viewport: {width: 1280, height: 800}});
  let ticks = 0;
  const sampler = setInterval(() => {
    sample();
    // New renderer processes are looked for every half second (a DevTools round trip).
    if (ticks++ % 25 === 0 && !finding) void find();
  }, 20);
  try {
    const page = await context.newPage();
    await page.goto(new URL(path, ctx.page.url()).href);
    const handle = await page.waitForFunction(
      (name) => (window as unknown as Record<string, unknown>)[name],
      key,
      {timeout: 240_000, polling: 200},
    );
    const report: unknown = await handle.jsonValue();
    await find();
    sample();
    const ids = [...tab];
    const peaks = ids.map((id) => processMemory(id).peakMB);
    const result: ReaderTab = {
      report,
      processes: ids.length,
      peakMB: Math.max(0, ...peaks),
      footprintMB: Math.max(0, ...footprints.values()),
    };
    return result;
  } finally {
    clearInterval(sampler);
    await context.close();
  }
};

/**
 * Pages the browser tests open in iframes (fixtures, demos) get test/served-page-shim.ts first, so
 * that the `import()` calls vitest rewrites work outside its tester pages (see that file).
 */
const servedPageShim: Plugin = {
  name: 'grad-graph:served-page-shim',
  transformIndexHtml: () => [
    {
      tag: 'script',
      attrs: {type: 'module', src: '/test/served-page-shim.ts'},
      injectTo: 'head-prepend',
    },
  ],
};

const browserProject: TestProjectInlineConfiguration = {
  plugins: [servedPageShim],
  test: {
    name: 'browser',
    include: ['test/**/*.browser.test.ts', 'test/**/*.dom.test.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--headless',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      }),
      instances: [{browser: 'chromium'}],
      commands: {rendererMemory, readerTab},
    },
  },
};

/** Without a browser, DOM tests still run in happy-dom; CI sets REQUIRE_BROWSER=1 to forbid that. */
const domProject: TestProjectInlineConfiguration = {
  test: {name: 'dom', environment: 'happy-dom', include: ['test/**/*.dom.test.ts']},
};

if (!haveBrowser) {
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${chromium} (set CHROMIUM_PATH).`);
  }
  console.warn(
    `[grad-graph] No Chromium at ${chromium}: browser tests skipped, DOM tests run in happy-dom.`,
  );
}

export default defineConfig({
  test: {
    projects: haveBrowser
      ? [nodeProject, browserProject, packageProject]
      : [nodeProject, domProject, packageProject],
  },
});
