/** Chromium for the example sites (Debian's, as vitest.config.ts launches it) and what a page shows. */
import {chromium, type Browser, type Page} from 'playwright';

/** Launches the Chromium the browser tests use. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What one `<grad-graph>` made from a fence shows. */
export interface GraphState {
  readonly steps: number;
  readonly step: number;
  readonly error: string | null;
  readonly nodes: number;
  /** Whether it plays a trace recorded at build time (else it ran the fence's source). */
  readonly builtTrace: boolean;
  readonly fenceHidden: boolean;
}

/** What the page shows: its marked fences, the graphs made from them, and plain code blocks. */
export interface PageState {
  readonly fences: number;
  readonly graphs: GraphState[];
  readonly visiblePlainCode: number;
}

/** Reads the page's graph fences and graphs. */
export function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    interface Graph extends HTMLElement {
      stepCount: number;
      step: number;
      error: {message: string} | null;
      trace: unknown;
    }
    const graphs = Array.from(document.querySelectorAll<Graph>('grad-graph'), (el) => {
      const fence = el.previousElementSibling;
      return {
        steps: el.stepCount,
        step: el.step,
        error: el.error?.message ?? null,
        nodes: el.shadowRoot?.querySelectorAll('svg[part="graph"] [part~="node"]').length ?? 0,
        builtTrace: el.trace !== null && el.trace !== undefined,
        fenceHidden: fence instanceof HTMLElement && fence.offsetParent === null,
      };
    });
    const plain = Array.from(document.querySelectorAll('pre')).filter(
      (pre) =>
        pre instanceof HTMLElement && pre.offsetParent !== null && !pre.closest('grad-graph'),
    );
    return {
      fences: document.querySelectorAll('.grad-graph-fence').length,
      graphs,
      visiblePlainCode: plain.length,
    };
  });
}

/**
 * Waits until every marked fence of the page has its graph, built and played (with `autoplay`, the
 * step has moved on), or the time runs out; returns the last state seen.
 */
export async function waitForPlayedGraphs(page: Page, timeoutMs = 60_000): Promise<PageState> {
  const until = Date.now() + timeoutMs;
  let state = await pageState(page);
  while (Date.now() < until) {
    const done =
      state.fences > 0 &&
      state.graphs.length === state.fences &&
      state.graphs.every((g) => g.error === null && g.steps > 0 && g.nodes > 0 && g.step > 0);
    if (done) return state;
    await page.waitForTimeout(250);
    state = await pageState(page);
  }
  return state;
}

/**
 * Before the page's own scripts run, wraps `Worker` so the names of the workers that said `loaded`
 * (the run's channel: their code loaded and answers) are kept; read them with workersLoaded.
 */
export async function recordWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Original = window.Worker;
    const w = window as unknown as {workersLoaded: string[]};
    w.workersLoaded = [];
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent<{kind?: string} | null>) => {
          if (e.data?.kind === 'loaded') w.workersLoaded.push(options?.name ?? '');
        });
      }
    };
  });
}

/** The names of the page's workers that loaded so far (see recordWorkers). */
export function workersLoaded(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as {workersLoaded?: string[]}).workersLoaded ?? []);
}
