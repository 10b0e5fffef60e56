/**
 * grad-graph in apps, as a developer installs it: a React 19 app and a plain Vite app under
 * examples/ install the packed tarball, type-check with `skipLibCheck: false` (so the package's
 * public types must compile with nothing but its dependencies), build with Vite, and are opened in
 * Chromium: the elements draw and play, React hears their events through props, a long script runs
 * in the script worker the app's own build emitted, and the page logs no error. A Vue 3 and Svelte 5
 * project type-checks its templates against grad-graph/vue and grad-graph/svelte.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import type {Browser, Page} from 'playwright';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packedTarball, root} from '../package/packed.js';
import {launch, recordWorkers, workersLoaded} from './browser.js';
import {serve} from './serve.js';

const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const shots = join(root, 'test/examples/__screenshots__');

function sh(command: readonly string[], cwd: string): void {
  const [file, ...args] = command;
  if (!file) return;
  try {
    execFileSync(file, args, {cwd, stdio: 'pipe', env: {...process.env, CI: '1'}});
  } catch (e) {
    const err = e as {stdout?: Buffer; stderr?: Buffer};
    throw new Error(
      `${command.join(' ')} failed in ${cwd}:\n${String(err.stdout ?? '')}\n${String(err.stderr ?? '')}`,
      {cause: e},
    );
  }
}

/** Installs the app's own dependencies (once), the packed grad-graph (every run), and builds. */
function installAndBuild(dir: string, tarball: string): void {
  const npm = ['npm', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  if (!existsSync(join(dir, 'node_modules'))) sh([...npm, 'ci'], dir);
  sh([...npm, 'install', '--no-save', tarball], dir);
  sh(['npm', 'run', 'build'], dir);
}

/** Opens a built app with the page's errors and its workers' `loaded` messages recorded. */
async function open(url: string): Promise<{page: Page; errors: string[]}> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await recordWorkers(page);
  await page.goto(url);
  return {page, errors};
}

/** What one element shows. */
function graph(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector<
      HTMLElement & {
        stepCount: number;
        step: number;
        error: {message: string} | null;
        output: string;
      }
    >(sel);
    return el
      ? {
          defined: customElements.get('grad-graph') !== undefined,
          steps: el.stepCount,
          step: el.step,
          error: el.error?.message ?? null,
          output: el.output,
          nodes: el.shadowRoot?.querySelectorAll('svg[part="graph"] [part~="node"]').length ?? 0,
        }
      : null;
  }, selector);
}

let tarball = '';
let browser: Browser | null = null;

beforeAll(async () => {
  if (!hasChromium) return;
  tarball = packedTarball();
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)('apps using the packed package', () => {
  it('React 19 + Vite, TypeScript strict with skipLibCheck false: type-checks, renders, hears events', async () => {
    const dir = join(root, 'examples/react');
    installAndBuild(dir, tarball);
    const server = await serve(join(dir, 'dist'));
    try {
      const {page, errors} = await open(`${server.origin}/`);
      await page.waitForFunction(
        () => Number(document.getElementById('step')?.textContent ?? '-1') > 0,
        null,
        {timeout: 60_000},
      );
      const fromSource = await graph(page, '#from-source');
      expect(fromSource).toMatchObject({defined: true, error: null});
      expect(fromSource?.steps).toBeGreaterThan(0);
      expect(fromSource?.nodes).toBeGreaterThan(0);
      expect(fromSource?.output).toContain('tensor([[4.5000, 4.5000]');
      // React set the source as an attribute before the element was defined.
      expect(await page.getAttribute('#from-source', 'source')).toContain('out.backward()');
      // Rendered once the element is defined (an object prop needs the element's property).
      await page.waitForFunction(
        () => (document.querySelector('#from-trace') as {stepCount?: number} | null)?.stepCount,
        null,
        {timeout: 30_000},
      );
      const fromTrace = await graph(page, '#from-trace');
      expect(fromTrace?.steps).toBeGreaterThan(0);
      expect(fromTrace?.error).toBeNull();
      mkdirSync(shots, {recursive: true});
      await page.screenshot({path: join(shots, 'react-app.png')});
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  }, 600_000);

  it('a plain Vite app: the element runs a long script in the worker the app built; the root draws a static SVG', async () => {
    const dir = join(root, 'examples/vite');
    installAndBuild(dir, tarball);
    const server = await serve(join(dir, 'dist'));
    try {
      const {page, errors} = await open(`${server.origin}/`);
      await page.waitForFunction(() => Number(document.body.dataset.step ?? '0') > 0, null, {
        timeout: 60_000,
      });
      const live = await graph(page, '#live');
      expect(live).toMatchObject({defined: true, error: null});
      expect(live?.output).toContain('tensor([4.5000e+10, 4.5000e+10])');
      // The app's Vite build emitted the script worker (new Worker(new URL(…))), and it ran there.
      expect(await workersLoaded(page)).toContain('grad-graph script');
      expect(await page.locator('#static svg').count()).toBe(1);
      await page.screenshot({path: join(shots, 'vite-app.png')});
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  }, 600_000);

  it('Vue 3 and Svelte 5 templates type-check with grad-graph/vue and grad-graph/svelte (vue-tsc, svelte-check)', () => {
    const dir = join(root, 'examples/frameworks');
    const npm = ['npm', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    if (!existsSync(join(dir, 'node_modules'))) sh([...npm, 'ci'], dir);
    sh([...npm, 'install', '--no-save', tarball], dir);
    // App.vue's @vue-expect-error lines and refused.ts's @ts-expect-error lines fail the check
    // if the typings let a wrong theme, view or event detail through.
    sh(['npm', 'run', 'check'], dir);
  }, 600_000);
});
