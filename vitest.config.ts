import {existsSync} from 'node:fs';
import {defineConfig, type TestProjectInlineConfiguration} from 'vitest/config';
import {playwright} from '@vitest/browser-playwright';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(chromium);

/** The tests of the packed package and the example sites (see `packageProject`). */
const packageTests = ['test/examples/**/*.test.ts', 'test/package/**/*.test.ts'];

const nodeProject: TestProjectInlineConfiguration = {
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/**/*.test.ts'],
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

const browserProject: TestProjectInlineConfiguration = {
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
