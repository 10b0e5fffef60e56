/**
 * Loaded first by every HTML page the browser tests' server serves (a fixture or demo page in an
 * iframe; vitest.config.ts injects it). Vitest rewrites each `import()` in the modules it serves
 * into `__vitest_browser_runner__.wrapDynamicImport(() => import(…))`, and only its own tester
 * pages define that runner: elsewhere the element's lazy load of the runner would throw. Outside
 * the tester the wrapper just imports.
 */
const page = globalThis as {__vitest_browser_runner__?: {wrapDynamicImport: unknown}};
page.__vitest_browser_runner__ ??= {
  wrapDynamicImport: (load: () => Promise<unknown>) => load(),
};
