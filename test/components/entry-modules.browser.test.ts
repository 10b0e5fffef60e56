/**
 * The package entry's traceSource (grad-graph, grad-graph/runner) runs a script at once in a page
 * that loaded no standard module: it brings every module itself (issue 17: a caller of the entry
 * need not await loadModulesFor). Output as python3 printed it (test/golden/scripts/golden.json).
 */
import {expect, it} from 'vitest';
import golden from '../golden/scripts/golden.json';
import stdlibModules from '../golden/scripts/cases/stdlib_modules.py?raw';
import {modulesLoadedFor, traceSource} from '../../src/run/index.js';

it("the entry's traceSource runs a script importing standard modules without loading first", () => {
  expect(modulesLoadedFor(stdlibModules)).toBe(false);
  const trace = traceSource(stdlibModules);
  expect(trace.error).toBeNull();
  expect(trace.prints.map((p) => p.text).join('')).toBe(
    (golden as Record<string, {stdout: string}>).stdlib_modules?.stdout,
  );
});
