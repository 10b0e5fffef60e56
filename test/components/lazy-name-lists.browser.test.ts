/**
 * The name lists of errors' "Did you mean" hints and `dir()` (src/script/name-lists.ts, ~10 KB
 * gzip) are a chunk of the runner loaded when needed (issue 17): in Chromium, a fresh page has not
 * loaded them; a script that runs without reading them stays on the main thread; one whose error
 * reads them goes to the script worker, which has them, and one on the main thread (no worker)
 * runs again once they have loaded. Either way its last line is what python3 printed
 * (test/golden/scripts/golden.json).
 */
import {describe, expect, it} from 'vitest';
import golden from '../golden/scripts/golden.json';
import caughtHints from '../golden/scripts/cases/hint_caught_main_thread.py?raw';
import listHint from '../golden/scripts/cases/err_attribute_list_hint.py?raw';
import nameHint from '../golden/scripts/cases/err_name_hint.py?raw';
import tensorHint from '../golden/scripts/cases/err_tensor_attribute_hint.py?raw';
import {nameListsLoaded, runInWorker} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/index.js';

const lastLine = (name: string): string | undefined =>
  (golden as Record<string, {stderrLast: string}>)[name]?.stderrLast;

const errorLine = (trace: Trace): string =>
  trace.error ? `${trace.error.type}: ${trace.error.message}` : '(no error)';

describe('name lists loaded when needed (Chromium)', () => {
  it('a script that reads no name list runs on the main thread without them', async () => {
    expect(nameListsLoaded()).toBe(false);
    const where: string[] = [];
    const run = await runInWorker(
      'import torch\nx = torch.ones(2, requires_grad=True)\nprint(x.sum())\n',
      {},
      {mainThreadBudgetMs: 60_000, onStart: (w) => where.push(w)},
    );
    expect(where).toEqual(['main-thread']);
    expect(run.trace.error).toBeNull();
    expect(nameListsLoaded()).toBe(false);
  });

  it('special methods of builtin values and caught NameErrors need no name list (the hint is computed only when a traceback prints)', async () => {
    const where: string[] = [];
    const run = await runInWorker(
      caughtHints,
      {},
      {mainThreadBudgetMs: 60_000, onStart: (w) => where.push(w)},
    );
    expect(where).toEqual(['main-thread']);
    expect(run.trace.error).toBeNull();
    expect(run.trace.prints.map((p) => p.text).join('')).toBe(
      (golden as Record<string, {stdout: string}>)['hint_caught_main_thread']?.stdout,
    );
    expect(nameListsLoaded()).toBe(false);
  });

  it('an error that reads them on the main thread is run again in the worker, hint included', async () => {
    for (const [name, source] of [
      ['err_name_hint', nameHint],
      ['err_tensor_attribute_hint', tensorHint],
    ] as const) {
      const where: string[] = [];
      const run = await runInWorker(
        source,
        {},
        {mainThreadBudgetMs: 60_000, onStart: (w) => where.push(w)},
      );
      expect(where, name).toEqual(['worker']);
      expect(errorLine(run.trace), name).toBe(lastLine(name));
    }
    // The worker is a realm of its own: the page still has not loaded them.
    expect(nameListsLoaded()).toBe(false);
  });

  it('without a worker, the main thread loads them and runs the script again', async () => {
    const where: string[] = [];
    const run = await runInWorker(
      listHint,
      {},
      {
        createWorker: () => {
          throw new Error('no worker on this page');
        },
        onStart: (w) => where.push(w),
      },
    );
    expect(where).toEqual(['main-thread']);
    expect(errorLine(run.trace)).toBe(lastLine('err_attribute_list_hint'));
    expect(nameListsLoaded()).toBe(true);
  });
});
