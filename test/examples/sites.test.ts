/**
 * The docs-tool plugins as a documentation author uses them: the example sites under examples/
 * (VitePress, Docusaurus, MkDocs) install the packed tarball, build, and are opened in Chromium.
 * Every graph fence must become a played graph, from a trace recorded at build time or run in the
 * browser, also after client-side navigation, with plain fences left as code and no page errors.
 * Screenshots (desktop and phone) go to test/examples/__screenshots__/ for a person to look at.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import type {Browser, Page} from 'playwright';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packedTarball, root} from '../package/packed.js';
import {
  launch,
  recordWorkers,
  waitForPlayedGraphs,
  workersLoaded,
  type PageState,
} from './browser.js';
import {serve} from './serve.js';

interface Site {
  readonly name: string;
  /** The site's build command, run in its folder. */
  readonly build: readonly string[];
  /** The built site, relative to its folder. */
  readonly out: string;
  /** The first page's path; its fences run at build time. */
  readonly first: string;
  /** Whether links navigate client-side (a single-page app) or load a new document. */
  readonly spa: boolean;
}

const sites: Site[] = [
  {
    name: 'vitepress',
    build: ['npx', 'vitepress', 'build', 'docs'],
    out: 'docs/.vitepress/dist',
    first: '/index.html',
    spa: true,
  },
  {name: 'docusaurus', build: ['npx', 'docusaurus', 'build'], out: 'build', first: '/', spa: true},
  {name: 'mkdocs', build: ['npm', 'run', 'build'], out: 'site', first: '/index.html', spa: false},
];

/** Without Chromium (and without REQUIRE_BROWSER=1, which vitest.config.ts enforces) the sites are skipped. */
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

const hasMkdocs = (() => {
  try {
    execFileSync('mkdocs', ['--version'], {stdio: 'pipe'});
    return true;
  } catch {
    return false;
  }
})();
if (!hasMkdocs && process.env.REQUIRE_BROWSER === '1') {
  throw new Error('REQUIRE_BROWSER=1 but no mkdocs (apt-get install mkdocs python3-pymdownx).');
}

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

/** Installs the site's own dependencies (once) and the freshly packed grad-graph (every run). */
function install(dir: string, tarball: string): void {
  const npm = ['npm', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  if (existsSync(join(dir, 'package-lock.json')) && !existsSync(join(dir, 'node_modules'))) {
    sh([...npm, 'ci'], dir);
  }
  sh([...npm, 'install', '--no-save', tarball], dir);
}

async function screenshots(browser: Browser, url: string, name: string): Promise<void> {
  mkdirSync(shots, {recursive: true});
  for (const [device, options] of [
    ['desktop', {viewport: {width: 1280, height: 900}}],
    ['phone', {viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true}],
  ] as const) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(url);
    await waitForPlayedGraphs(page);
    await page.locator('grad-graph').first().scrollIntoViewIfNeeded();
    await page.screenshot({path: join(shots, `${name}-${device}.png`)});
    await context.close();
  }
}

function expectPlayed(state: PageState, builtAtBuildTime: boolean): void {
  expect(state.fences).toBeGreaterThan(0);
  expect(state.graphs).toHaveLength(state.fences);
  for (const g of state.graphs) {
    expect(g.error).toBeNull();
    expect(g.steps).toBeGreaterThan(0);
    expect(g.nodes).toBeGreaterThan(0);
    expect(g.step).toBeGreaterThan(0);
    expect(g.fenceHidden).toBe(true);
    expect(g.builtTrace).toBe(builtAtBuildTime);
  }
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

for (const site of sites) {
  describe.skipIf(!hasChromium || (site.name === 'mkdocs' && !hasMkdocs))(
    `examples/${site.name}`,
    () => {
      const dir = join(root, 'examples', site.name);
      let server: Awaited<ReturnType<typeof serve>> | null = null;

      beforeAll(async () => {
        install(dir, tarball);
        rmSync(join(dir, site.out), {recursive: true, force: true});
        sh(site.build, dir);
        server = await serve(join(dir, site.out));
      }, 900_000);

      afterAll(async () => {
        await server?.close();
      });

      it('turns every fence into a played graph, after client-side navigation too', async () => {
        if (!browser || !server) throw new Error('not set up');
        const context = await browser.newContext({viewport: {width: 1280, height: 900}});
        const page: Page = await context.newPage();
        await recordWorkers(page);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
        });
        await page.goto(server.origin + site.first);
        const first = await waitForPlayedGraphs(page);
        expectPlayed(first, true);
        expect(first.visiblePlainCode).toBeGreaterThan(0);

        await page.evaluate(() => {
          (window as unknown as {sameDocument: boolean}).sameDocument = true;
        });
        await page.getByRole('link', {name: 'scripts run in the browser'}).click();
        await page.waitForURL(/browser/);
        // The URL changes before the router renders the next page: wait for its heading.
        await page.getByRole('heading', {name: 'Autograd, run in your browser'}).waitFor();
        const second = await waitForPlayedGraphs(page);
        expectPlayed(second, false);
        const same = await page.evaluate(
          () => (window as unknown as {sameDocument?: boolean}).sameDocument === true,
        );
        expect(same).toBe(site.spa);
        // The long fence ran in the script worker, which the site's bundler (webpack for
        // Docusaurus, Vite for VitePress) emitted, or the one-file bundle started (MkDocs).
        expect(await workersLoaded(page)).toContain('grad-graph script');

        await page.getByRole('link', {name: 'the build-time page'}).click();
        await page.waitForURL((url) => !url.pathname.includes('browser'));
        await page.getByRole('heading', {name: 'Autograd, drawn at build time'}).waitFor();
        const back = await waitForPlayedGraphs(page);
        expectPlayed(back, true);
        expect(back.graphs).toHaveLength(first.graphs.length);
        expect(errors).toEqual([]);
        await context.close();

        await screenshots(browser, server.origin + site.first, `${site.name}-build`);
        await screenshots(browser, `${server.origin}/browser`, `${site.name}-browser`);
      }, 300_000);
    },
  );
}
