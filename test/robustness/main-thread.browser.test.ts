/**
 * Long runs and the main thread: the element runs its script in a Web Worker, so a script that
 * loops for a long time never blocks the page past a frame budget; changing the source (or
 * removing the element) terminates the run in flight, and its result never shows. The runner's
 * limits are element attributes/properties, each stopping a script with a clear error at its line.
 */
import './install-counters.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {getMaxElements} from '../../autograd/limits.js';
import type {GradGraph} from '../../components/grad-graph.js';
import type {LimitProperties} from '../../components/limits.js';
import {traceSource, type TraceSourceOptions} from '../../src/run/index.js';
import {KEEP_WARM_MS} from '../../src/run/latest.js';
import {countingWorkers, mount, ready, record, seedSource, shadow} from '../components/helpers.js';
import {liveCounts} from './live-resources.js';

afterEach(() => {
  document.body.replaceChildren();
});

const slow = 'x = 0\nfor i in range(3_000_000):\n    x = x + i\nprint(x)\n';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the element has a result (a picture, printed output or an error) and is not busy. */
async function settled(el: GradGraph, timeout = 60_000): Promise<void> {
  await el.updateComplete;
  await vi.waitFor(
    () => {
      if (el.busy || (el.stepCount === 0 && !el.error && el.output === ''))
        throw new Error('running');
    },
    {timeout, interval: 20},
  );
  await el.updateComplete;
}

describe('a long run in the element', () => {
  it('runs in a worker while the page keeps answering, and its result arrives', async () => {
    // Structural, not timed (the longest main-thread task is a bench row: `npm run bench --
    // element`): the run goes to a worker, and the main thread handles tasks while it is in flight.
    await countingWorkers(async (made) => {
      const el = mount({}, null);
      el.source = slow;
      await el.updateComplete;
      let answeredWhileBusy = 0;
      for (let i = 0; el.busy || (el.stepCount === 0 && !el.error && el.output === ''); i++) {
        if (i > 12_000) throw new Error('the run did not finish in a minute');
        await sleep(5);
        if (el.busy) answeredWhileBusy++;
      }
      expect(made()).toBe(1);
      expect(answeredWhileBusy).toBeGreaterThan(1);
      expect(el.error).toBeNull();
      expect(el.output).toBe(`${String((3_000_000 * 2_999_999) / 2)}\n`);
      el.source = seedSource;
      await ready(el);
      expect(el.stepCount).toBeGreaterThan(4);
      // The seed's own print (x.grad), nothing of the run before.
      expect(el.output).toMatch(/^tensor\(\[\[/);
    });
  }, 90_000);

  it('changing the source mid-run cancels it: its result never appears, its worker is gone', async () => {
    const workersBefore = liveCounts().workers;
    const el = mount({}, null);
    const events = record<unknown>('grad-ready');
    const outputs = new Set<string>();
    el.source = slow.replace('print(x)', 'print("old", x)');
    // the run's worker starts once the modules the script names are loaded: wait for it
    await vi.waitFor(
      () => {
        expect(liveCounts().workers).toBe(workersBefore + 1);
      },
      {timeout: 10_000},
    );
    expect(el.stepCount).toBe(0);
    el.source = 'print("new")\n';
    // Poll through the time the old run would have taken: only the new result may ever show.
    const watch = setInterval(() => outputs.add(el.output), 10);
    await settled(el);
    await sleep(2500);
    clearInterval(watch);
    events.stop();
    expect(el.output).toBe('new\n');
    expect([...outputs].filter((o) => o.includes('old'))).toEqual([]);
    expect(events.events).toHaveLength(1);
    expect(liveCounts().workers).toBe(workersBefore);
  }, 30_000);

  it('a short script is answered within a frame on the main thread: no worker started', async () => {
    await countingWorkers(async (made) => {
      const el = mount({}, null);
      el.source = seedSource;
      await ready(el);
      expect(el.stepCount).toBeGreaterThan(4);
      expect(made()).toBe(0);
      el.source = slow;
      await settled(el);
      expect(made()).toBe(1);
    });
  }, 60_000);

  it('removing the element mid-run terminates its worker; reconnecting runs it again', async () => {
    const workersBefore = liveCounts().workers;
    const el = mount({}, null);
    el.source = slow;
    await vi.waitFor(
      () => {
        expect(liveCounts().workers).toBe(workersBefore + 1);
      },
      {timeout: 10_000},
    );
    el.remove();
    expect(liveCounts().workers).toBe(workersBefore);
    let started = performance.now();
    document.body.append(el);
    await settled(el);
    expect(el.output).toBe(`${String((3_000_000 * 2_999_999) / 2)}\n`);
    // Its worker is kept warm for the next run while the element is on the page, unless the
    // run took longer than KEEP_WARM_MS (a worker that ran long holds garbage: it is ended) …
    const warm = (since: number): number | null => {
      const took = performance.now() - since;
      // too close to the bound to tell which side the element measured
      if (Math.abs(took - KEEP_WARM_MS) < 150) return null;
      return took < KEEP_WARM_MS ? 1 : 0;
    };
    const first = warm(started);
    if (first !== null) expect(liveCounts().workers).toBe(workersBefore + first);
    started = performance.now();
    el.source = slow.replace('3_000_000', '300_000');
    await settled(el);
    expect(el.output).toBe(`${String((300_000 * 299_999) / 2)}\n`);
    const second = warm(started);
    if (second !== null) expect(liveCounts().workers).toBe(workersBefore + second);
    // … and ended when it leaves.
    el.remove();
    expect(liveCounts().workers).toBe(workersBefore);
  }, 60_000);

  it('connect/disconnect 1,000 times while a run is in flight leaves no worker behind', async () => {
    const before = liveCounts();
    const el = mount({}, null);
    el.source = slow;
    await vi.waitFor(() => {
      if (!el.busy) throw new Error('not running yet');
    });
    for (let i = 0; i < 1000; i++) {
      el.remove();
      document.body.append(el);
      await el.updateComplete;
      // Never more than one worker for the element: each disconnection ends the one in flight.
      if (i % 100 === 0) expect(liveCounts().workers).toBeLessThanOrEqual(before.workers + 1);
    }
    // The run goes on after the last reconnection, to its result.
    await settled(el);
    expect(el.output).toBe(`${String((3_000_000 * 2_999_999) / 2)}\n`);
    el.remove();
    await sleep(300);
    expect(liveCounts().workers).toBe(before.workers);
    expect(liveCounts().timeouts).toBe(before.timeouts);
  }, 120_000);
});

/** A script that hits `attr` at the given line, and the limit that makes it. */
interface LimitCase {
  readonly attr: string;
  readonly value: number;
  readonly property: keyof LimitProperties;
  readonly options: TraceSourceOptions;
  readonly source: string;
  readonly line: number;
}

const limitCases: LimitCase[] = [
  {
    attr: 'max-loop-iterations',
    property: 'maxLoopIterations',
    value: 100,
    options: {limits: {maxLoopIterations: 100}},
    source: 'x = 0\nfor i in range(1000):\n    x = x + i\nprint(x)\n',
    line: 2,
  },
  {
    attr: 'max-statements',
    property: 'maxStatements',
    value: 50,
    options: {limits: {maxStatements: 50}},
    source: 'x = 0\nfor i in range(1000):\n    x = x + i\nprint(x)\n',
    line: 3,
  },
  {
    attr: 'max-depth',
    property: 'maxDepth',
    value: 5,
    options: {limits: {maxDepth: 5}},
    source: 'x = 1\ny = ((((((((((x))))))))))\nprint(y)\n',
    line: 2,
  },
  {
    attr: 'time-budget-ms',
    property: 'timeBudgetMs',
    value: 50,
    options: {limits: {timeBudgetMs: 50}},
    // Most of a second of work (even with warm code): far past a 50 ms budget, far under 30 s.
    source: 'x = 0\nfor i in range(2_000_000):\n    x = x + i\nprint(x)\n',
    line: 3,
  },
  {
    attr: 'max-elements',
    property: 'maxElements',
    value: 100,
    options: {maxElements: 100},
    source: 'import torch\nx = torch.ones(20, 20)\n',
    line: 2,
  },
  {
    attr: 'max-live-elements',
    property: 'maxLiveElements',
    value: 150,
    options: {limits: {maxLiveElements: 150}},
    source:
      'import torch\na = torch.ones(100)\nb = torch.ones(100)\nc = torch.ones(100)\n' +
      'print(a.sum() + b.sum() + c.sum())\n',
    line: 3,
  },
  {
    attr: 'max-ops',
    property: 'maxOps',
    value: 2,
    options: {maxOps: 2},
    source:
      'import torch\nx = torch.ones(2, requires_grad=True)\ny = x * 2\nz = y + 1\nw = z * z\n',
    line: 4,
  },
];

describe('limits as attributes', () => {
  for (const c of limitCases) {
    it(`${c.attr}: the property reflects it, and a script past it stops with a clear error at its line`, async () => {
      // The same error the library API gives for that limit (the runner's own words).
      const expected = traceSource(c.source, c.options).error;
      if (!expected) throw new Error(`${c.attr}: the case does not reach the limit`);
      expect(expected.span?.line).toBe(c.line);
      // Without the attribute the same script runs (the default is far above it) …
      expect(traceSource(c.source).error).toBeNull();
      const el = mount({[c.attr]: String(c.value)}, null);
      expect(el[c.property]).toBe(c.value);
      el.source = c.source;
      await settled(el, 20_000);
      expect(el.error).toMatchObject({
        type: expected.type,
        message: expected.message,
        line: c.line,
        column: expected.span?.column,
      });
      const box = shadow(el).querySelector('[part="error"]')?.textContent ?? '';
      expect(box).toContain(`${expected.type}: ${expected.message}`);
      expect(shadow(el).querySelector('li.error-line')).not.toBeNull();
      // … and removing the attribute runs it again with the default.
      el.removeAttribute(c.attr);
      expect(el[c.property]).toBeNull();
      await settled(el, 20_000);
      expect(el.error).toBeNull();
    }, 40_000);
  }

  it('time-budget-ms also stops one op that runs far past it: the worker is ended from outside', async () => {
    const workersBefore = liveCounts().workers;
    const el = mount({'time-budget-ms': '100'}, null);
    // One matmul of 3000×3000 matrices: tens of seconds in one op, no statement boundary inside.
    el.source = 'import torch\nx = torch.ones(3000, 3000)\ny = x @ x\nprint(y.sum())\n';
    const started = performance.now();
    await settled(el, 20_000);
    const waited = performance.now() - started;
    expect(el.error?.type).toBe('TimeoutError');
    expect(el.error?.message).toContain('time budget of 100 ms');
    expect(waited).toBeLessThan(10_000);
    expect(liveCounts().workers).toBe(workersBefore);
    el.remove();
  }, 30_000);

  it('setting a limit property runs the script again under it', async () => {
    const el = mount({}, null);
    el.source = limitCases[0]?.source ?? '';
    await settled(el);
    expect(el.error).toBeNull();
    el.maxLoopIterations = 100;
    await settled(el);
    expect(el.error?.message).toContain('100 loop iterations');
    expect(el.getAttribute('max-loop-iterations')).toBeNull();
  });

  it('a bad value is ignored with one console warning, and the default applies', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const el = mount({'max-loop-iterations': 'lots', 'max-depth': '', 'max-ops': '-3'}, null);
      expect(Number.isNaN(el.maxLoopIterations)).toBe(true);
      expect(Number.isNaN(el.maxDepth)).toBe(true);
      expect(el.maxOps).toBe(-3);
      el.source = limitCases[0]?.source ?? '';
      await settled(el);
      expect(el.error).toBeNull();
      el.view = 'autograd';
      await settled(el);
      const warned = warn.mock.calls.map((c) => String(c[0])).filter((w) => w.includes('ignoring'));
      expect(warned, warned.join('\n')).toHaveLength(3);
      expect(warned.some((w) => w.includes('max-loop-iterations="lots"'))).toBe(true);
      expect(warned.some((w) => w.includes('max-depth=""'))).toBe(true);
      expect(warned.some((w) => w.includes('max-ops="-3"'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('on the main-thread fallback (no Worker), max-elements holds for that element only', async () => {
    const Original = globalThis.Worker;
    const global = globalThis as unknown as Record<string, unknown>;
    global.Worker = undefined;
    try {
      const cap = getMaxElements();
      const source = 'import torch\nx = torch.ones(20, 20)\nprint(x.sum())\n';
      const tight = mount({'max-elements': '100'}, null);
      const loose = mount({}, null);
      tight.source = source;
      loose.source = source;
      await settled(tight);
      await settled(loose);
      expect(tight.error?.message).toContain('the limit is 100 elements per tensor');
      expect(loose.error).toBeNull();
      expect(loose.output).toContain('400');
      expect(getMaxElements()).toBe(cap);
    } finally {
      global.Worker = Original;
    }
  });
});
