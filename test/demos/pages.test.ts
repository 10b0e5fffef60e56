/**
 * Every demo page as a reader opens it: a Vite dev server on the package root (started and stopped
 * here), each page in headless Chromium, its main parts checked and no console error allowed.
 * Set GG_SCREENSHOTS=/some/dir to also save a screenshot of each page there, and
 * GG_PAGES_URL=http://host:port/ to check the built static site (dist/demos, served by any static
 * server) instead of the dev server.
 */
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright';
import {createServer, type ViteDevServer} from 'vite';
import {encodeState} from '../../demos/playground-state.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '../..');
const shots = process.env.GG_SCREENSHOTS;
const staticSite = process.env.GG_PAGES_URL?.replace(/\/$/, '');

let server: ViteDevServer | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let base = '';

/** Opens a page, runs `check` on it, and returns the console errors it logged. */
async function visit(path: string, check: (page: Page) => Promise<void>): Promise<string[]> {
  if (!context) throw new Error('no browser');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${String(r.status())} ${r.url()}`);
  });
  try {
    // English unless the path says otherwise (the switch remembers the last choice).
    const url = new URL(
      staticSite ? `${staticSite}${path.replace(/^\/demos/, '')}` : `${base}${path}`,
    );
    if (!url.searchParams.has('lang')) url.searchParams.set('lang', 'en');
    await page.goto(url.href, {waitUntil: 'load'});
    await check(page);
    if (shots) await page.screenshot({path: join(shots, `${path.replace(/\W+/g, '_')}.png`)});
  } finally {
    await page.close();
  }
  return errors;
}

/** Waits for `selector` inside the shadow root of `host`, counted at least `n` times. */
async function shadowCount(page: Page, host: string, selector: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([h, s, k]) =>
      Array.from(document.querySelectorAll(h)).reduce(
        (sum, el) => sum + (el.shadowRoot?.querySelectorAll(s).length ?? 0),
        0,
      ) >= k,
    [host, selector, n] as const,
    {timeout: 20_000},
  );
}

describe.skipIf(!existsSync(chromiumPath))(
  'demo pages in Chromium',
  () => {
    beforeAll(async () => {
      if (!staticSite)
        server = await createServer({
          root,
          configFile: false,
          logLevel: 'silent',
          // No watching and no dependency discovery: other files changing, or a first-time optimise,
          // must not reload a page under test.
          server: {port: 0, hmr: false, watch: null},
          optimizeDeps: {noDiscovery: true, include: []},
        });
      await server?.listen();
      base = server?.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      browser = await chromium.launch({
        executablePath: chromiumPath,
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
      context = await browser.newContext({viewport: {width: 1280, height: 900}});
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('index.html: a card with a live thumbnail per demo', async () => {
      const errors = await visit('/demos/index.html', async (page) => {
        expect(await page.locator('.card').count()).toBe(11);
        await shadowCount(page, '.card grad-graph', 'svg[part="graph"]', 3);
        await page.click('.lang-switch [data-lang="zh"]');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh');
        expect(await page.locator('.card h2 [lang="zh"]').first().isVisible()).toBe(true);
        expect(await page.locator('.card h2 [lang="en"]').first().isVisible()).toBe(false);
      });
      expect(errors).toEqual([]);
    });

    it('seed.html: run cell by cell, then all; the backward(grad) cell shows its error', async () => {
      const errors = await visit('/demos/seed.html', async (page) => {
        const nb = page.locator('grad-notebook');
        await nb.locator('.toolbar button.primary').click();
        await nb.locator('.toolbar button.primary').click();
        await expect.poll(() => nb.locator('.code-cell.ran').count()).toBe(2);
        await nb.locator('.toolbar button', {hasText: 'Run all'}).click();
        await expect.poll(() => nb.locator('.code-cell.ran').count()).toBe(15);
        expect(await nb.locator('.code-cell.failed').count()).toBe(1);
        expect(await nb.locator('.code-cell.failed .error').textContent()).toContain(
          'RuntimeError: Mismatch in shape',
        );
        await shadowCount(page, 'grad-notebook', 'grad-graph', 1);
      });
      expect(errors).toEqual([]);
    });

    for (const name of ['neuron', 'vjp', 'broadcast', 'no-grad', 'accumulate']) {
      it(`${name}.html: every cell ran on load and the graph is drawn`, async () => {
        const errors = await visit(`/demos/${name}.html`, async (page) => {
          const nb = page.locator('grad-notebook');
          const total = await nb.locator('.code-cell').count();
          expect(total).toBeGreaterThan(2);
          await expect.poll(() => nb.locator('.code-cell.ran').count()).toBe(total);
          await page.waitForFunction(
            () => (document.querySelector('grad-notebook')?.graph?.stepCount ?? 0) > 0,
          );
        });
        expect(errors).toEqual([]);
      });
    }

    it('mlp.html: trains, draws the loss curve and the chosen iteration', async () => {
      const errors = await visit('/demos/mlp.html', async (page) => {
        await page.waitForSelector('#loss path.loss');
        expect(await page.locator('#iteration').getAttribute('max')).toBe('99');
        await page.locator('#iteration').fill('40');
        await expect.poll(() => page.locator('#iteration-text').textContent()).toContain('40');
        await page.waitForFunction(
          () => (document.querySelector('grad-graph')?.stepCount ?? 0) > 0,
        );
      });
      expect(errors).toEqual([]);
    });

    it('classifier.html: trains in the element, draws the loss curve, records a forgotten iteration again', async () => {
      const errors = await visit('/demos/classifier.html', async (page) => {
        // The element runs when it scrolls into view; the curve comes from what the run printed.
        await page.locator('grad-graph#graph').scrollIntoViewIfNeeded();
        await page.waitForSelector('#loss path.loss');
        expect(await page.locator('#iteration').getAttribute('max')).toBe('79');
        await expect.poll(() => page.locator('#iteration-text').textContent()).toContain('0.6598');
        // Iteration 40 is not in the trace's window: the element records it again in its worker.
        await page.locator('#iteration').fill('40');
        await page.waitForFunction(() => {
          const g = document.querySelector('grad-graph');
          return g?.iteration === 40 && !g.busy && g.stepCount > 0 && g.error === null;
        });
        expect(await page.locator('#iteration-text').textContent()).toContain('(step = 40)');
      });
      expect(errors).toEqual([]);
    });

    it('pytorch.html: plays the trace recorded from real PyTorch and lists its module calls', async () => {
      const errors = await visit('/demos/pytorch.html', async (page) => {
        await shadowCount(page, 'grad-graph#pytorch', 'svg[part="graph"]', 1);
        await page.waitForFunction(
          () => (document.querySelector('grad-graph')?.stepCount ?? 0) > 0,
        );
        await expect
          .poll(() => page.locator('#modules li').allTextContents())
          .toEqual([
            'model: Net',
            'fc1: Linear — weight 3×2, bias 3',
            'act: Tanh',
            'fc2: Linear — weight 1×3, bias 1',
          ]);
      });
      expect(errors).toEqual([]);
    });

    it('playground.html: a link reproduces code, view and step; an error is marked at its line', async () => {
      const code =
        'import torch\nw = torch.tensor(3.0, requires_grad=True)\n(w * w).backward()\nprint(w.grad)\n';
      const hash = encodeState({code, view: 'autograd', direction: 'TB', step: 2});
      const errors = await visit(`/demos/playground.html#${hash}`, async (page) => {
        expect(await page.locator('#editor').inputValue()).toBe(code);
        expect(await page.locator('#view').inputValue()).toBe('autograd');
        await page.waitForFunction(() => document.querySelector('grad-graph')?.step === 2);
        await page.locator('#editor').fill(`${code}print(q)\n`);
        await expect
          .poll(() => page.locator('#problem').textContent(), {timeout: 20_000})
          .toContain('NameError');
        expect(await page.locator('#gutter .error').textContent()).toBe('5');
        expect(await page.locator('#editor').inputValue()).toBe(`${code}print(q)\n`);
        const url = new URL(page.url());
        expect(url.hash).toContain('view=autograd');
      });
      expect(errors).toEqual([]);
    });

    it('embedding.html: works under its strict CSP; fences, events and the static SVG', async () => {
      const errors = await visit('/demos/embedding.html', async (page) => {
        expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
        expect(await page.locator('#fences-demo grad-graph').count()).toBe(1);
        // The marked fence stays, hidden, beside its graph; the unmarked one is still code.
        expect(await page.locator('#fences-demo pre:visible').count()).toBe(1);
        // Graphs start work when scrolled into view.
        await page.locator('#api').scrollIntoViewIfNeeded();
        await expect.poll(() => page.locator('#log li').count()).toBeGreaterThan(0);
        await page.click('[data-call="next"]');
        await expect.poll(() => page.locator('#log').textContent()).toContain('grad-step');
        await page.click('[data-call="break"]');
        await expect
          .poll(() => page.locator('#log').textContent(), {timeout: 20_000})
          .toContain('NameError');
        expect(
          await page
            .locator('img.static-svg')
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        ).toBeGreaterThan(0);
      });
      expect(errors).toEqual([]);
    });
  },
  120_000,
);
