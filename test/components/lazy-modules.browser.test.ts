/**
 * The standard-library modules are chunks of the runner loaded when a script imports them (issue
 * 17): in Chromium, a fresh page has none of them; running a script that imports them loads them
 * first (on the main thread, and in the script worker, which is a realm of its own) and prints
 * what python3 printed (test/golden/scripts/golden.json). A synchronous run that skipped loading
 * says so at the import's line instead of Python's "No module named".
 */
import {describe, expect, it} from 'vitest';
import golden from '../golden/scripts/golden.json';
import stdlibModules from '../golden/scripts/cases/stdlib_modules.py?raw';
import pprintModule from '../golden/scripts/cases/pprint_module.py?raw';
import typingHints from '../golden/scripts/cases/typing_hints.py?raw';
import dataclassesCase from '../golden/scripts/cases/lang_dataclasses.py?raw';
import {loadModulesFor, modulesLoadedFor, runInWorker, traceInWorker} from '../../src/run/index.js';
// The runner's own traceSource, which loads nothing (the entry's loads every module first).
import {traceSource} from '../../src/run/trace.js';
import type {Trace} from '../../src/trace/index.js';

const printed = (name: string): string | undefined =>
  (golden as Record<string, {stdout: string}>)[name]?.stdout;

const output = (trace: Trace): string => trace.prints.map((p) => p.text).join('');

describe('standard modules loaded on demand (Chromium)', () => {
  it('a synchronous run of a module never loaded says so at the import', () => {
    expect(modulesLoadedFor('import contextlib\n')).toBe(false);
    const trace = traceSource('x = 1\nimport contextlib\n');
    expect(trace.error?.type).toBe('ImportError');
    expect(trace.error?.message).toContain("did not load the module 'contextlib'");
    expect(trace.error?.span?.line).toBe(2);
  });

  it('loadModulesFor reads imports at any depth, in functions and after line continuations', async () => {
    // Nothing is loaded on this page yet (the test above ran contextlib without loading it).
    const source =
      'def f():\n    from contextlib import (contextmanager,\n        nullcontext)\n    import pprint as pp, \\\n        typing\n';
    expect(modulesLoadedFor(source)).toBe(false);
    await loadModulesFor(source);
    expect(modulesLoadedFor(source)).toBe(true);
    expect(modulesLoadedFor(['import torch\n', 'import dataclasses\n'])).toBe(false);
  });

  it('loads what a script imports before it runs on the main thread', async () => {
    expect(modulesLoadedFor(stdlibModules)).toBe(false);
    const where: string[] = [];
    const run = await runInWorker(
      stdlibModules,
      {},
      {mainThreadBudgetMs: 60_000, onStart: (w) => where.push(w)},
    );
    expect(where).toEqual(['main-thread']);
    expect(run.trace.error).toBeNull();
    expect(output(run.trace)).toBe(printed('stdlib_modules'));
    expect(modulesLoadedFor(stdlibModules)).toBe(true);
  });

  it('the script worker loads them in its own realm', async () => {
    for (const [name, source] of [
      ['pprint_module', pprintModule],
      ['typing_hints', typingHints],
      ['lang_dataclasses', dataclassesCase],
    ] as const) {
      const where: string[] = [];
      const trace = await traceInWorker(source, {}, {onStart: (w) => where.push(w)});
      expect(where).toEqual(['worker']);
      expect(output(trace), name).toBe(printed(name));
    }
  });
});
