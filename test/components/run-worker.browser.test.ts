/**
 * traceInWorker in Chromium: the script runs in a real worker (the runner's own module, imported again) and gives the trace the
 * main thread gives; a worker that cannot load (as under a CSP that blocks it) or cannot be made
 * falls back to the main thread with the same trace; aborting ends the worker at once.
 */
import {describe, expect, it} from 'vitest';
import type {Trace} from '../../src/trace/schema.js';
import {traceSource} from '../../src/run/index.js';
import {buildGraph} from '../../src/graph/build.js';
import {layoutGraph} from '../../src/graph/layout/index.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {RunError, runInWorker, traceInWorker, WorkerSlot} from '../../src/run/index.js';
import {seedSource} from './helpers.js';

const printing = seedSource;

/**
 * What a run did, without autograd/'s process-wide tensor and grad_fn ids (a worker starts them
 * afresh; the main thread's counters have moved on): prints, error, ops, tensors, passes.
 */
function summary(trace: Trace): unknown {
  return {
    source: trace.source,
    prints: trace.prints.map((p) => [p.text, p.span]),
    error: trace.error,
    ops: trace.ops.map((o) => [o.op, o.span, o.args, o.inPlace, o.gradFnName]),
    tensors: trace.tensors.length,
    passes: trace.backwardPasses.length,
  };
}

describe('traceInWorker in Chromium', () => {
  it('runs in a worker and records the same run as the main thread', async () => {
    const where: string[] = [];
    const trace = await traceInWorker(printing, {}, {onStart: (w) => where.push(w)});
    expect(where).toEqual(['worker']);
    expect(summary(trace)).toEqual(summary(traceSource(printing)));
    expect(trace.prints.map((p) => p.text).join('')).toContain('tensor([[4.5000, 4.5000]');
  });

  it('passes the limits: the worker stops at max-elements with the runner’s error', async () => {
    const source = 'import torch\nx = torch.ones(20, 20)\n';
    const trace = await traceInWorker(source, {maxElements: 100});
    expect(trace.error).toEqual(traceSource(source, {maxElements: 100}).error);
    expect(trace.error?.type).toBe('RuntimeError');
  });

  it('falls back to the main thread when the worker fails to load', async () => {
    const where: string[] = [];
    const missing = new URL('./no-such-worker.js', import.meta.url);
    const trace = await traceInWorker(
      printing,
      {},
      {createWorker: () => new Worker(missing), onStart: (w) => where.push(w)},
    );
    expect(where).toEqual(['main-thread']);
    expect(summary(trace)).toEqual(summary(traceSource(printing)));
  });

  it('falls back to the main thread when no worker can be made', async () => {
    const where: string[] = [];
    const trace = await traceInWorker(
      printing,
      {},
      {
        createWorker: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
        onStart: (w) => where.push(w),
      },
    );
    expect(where).toEqual(['main-thread']);
    expect(summary(trace)).toEqual(summary(traceSource(printing)));
  });

  it('aborting rejects at once and terminates the worker', async () => {
    const terminated: Worker[] = [];
    const Original = globalThis.Worker;
    const controller = new AbortController();
    const pending = traceInWorker(
      'for i in range(10**9):\n    pass\n',
      {},
      {
        signal: controller.signal,
        createWorker: () => {
          const w = new Original(new URL('../../src/run/in-worker.ts', import.meta.url), {
            type: 'module',
          });
          const terminate = w.terminate.bind(w);
          w.terminate = () => {
            terminated.push(w);
            terminate();
          };
          return w;
        },
        onStart: () => {
          controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({name: 'AbortError'});
    expect(terminated).toHaveLength(1);
  });

  it('a failure in the worker after it loaded is a RuntimeError, not a lost result', async () => {
    const blob = new Blob(
      ["postMessage({kind: 'loaded'}); onmessage = () => { throw new Error('boom'); };"],
      {type: 'text/javascript'},
    );
    const url = URL.createObjectURL(blob);
    try {
      const pending = traceInWorker(printing, {}, {createWorker: () => new Worker(url)});
      const error: unknown = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RunError);
      expect(error).toMatchObject({type: 'RuntimeError'});
      expect((error as Error).message).toContain('boom');
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('with a main-thread budget, a short script (or one failing on its own) makes no worker; a long one does', async () => {
    const where: string[] = [];
    const onStart = (w: string) => where.push(w);
    const quick = await traceInWorker(printing, {}, {mainThreadBudgetMs: 30, onStart});
    expect(summary(quick)).toEqual(summary(traceSource(printing)));
    const long = 'x = 0\nfor i in range(1_000_000):\n    x = x + i\nprint(x)\n';
    const slow = await traceInWorker(long, {}, {mainThreadBudgetMs: 30, onStart});
    expect(slow.error).toBeNull();
    expect(slow.prints.map((p) => p.text)).toEqual([`${String((1_000_000 * 999_999) / 2)}\n`]);
    // An error of the script's own comes before any cut could matter: the first try's answer stands.
    const failing = 'import torch\nx = torch.ones(2) @ torch.ones(3)\n';
    const failed = await traceInWorker(failing, {}, {mainThreadBudgetMs: 30, onStart});
    expect(failed.error).toEqual(traceSource(failing).error);
    const broken = 'x = (1 +\n';
    const syntax = await traceInWorker(broken, {}, {mainThreadBudgetMs: 30, onStart});
    expect(syntax.error).toEqual(traceSource(broken).error);
    expect(where).toEqual(['main-thread', 'worker', 'main-thread', 'main-thread']);
  });

  it('with a main-thread budget, a big tensor goes to the worker and keeps the full limit', async () => {
    const where: string[] = [];
    const big = 'import torch\nx = torch.ones(400, 400)\nprint(x.sum())\n';
    const trace = await traceInWorker(
      big,
      {},
      {mainThreadBudgetMs: 30, onStart: (w) => where.push(w)},
    );
    expect(trace.error).toBeNull();
    expect(where).toEqual(['worker']);
    expect(trace.prints.map((p) => p.text)).toEqual(traceSource(big).prints.map((p) => p.text));
  });

  it('a slot keeps the worker warm between runs; an aborted run does not give it back', async () => {
    const Original = globalThis.Worker;
    const made: Worker[] = [];
    const ended: Worker[] = [];
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this);
      }
      override terminate(): void {
        ended.push(this);
        super.terminate();
      }
    };
    try {
      const slot = new WorkerSlot();
      const long = (n: number) => `x = 0\nfor i in range(${String(n)}):\n    x = x + i\nprint(x)\n`;
      const first = await traceInWorker(long(200_000), {}, {slot});
      const second = await traceInWorker(long(300_000), {}, {slot});
      expect(first.prints.map((p) => p.text)).toEqual(
        traceSource(long(200_000)).prints.map((p) => p.text),
      );
      expect(second.prints.map((p) => p.text)).toEqual(
        traceSource(long(300_000)).prints.map((p) => p.text),
      );
      expect(made).toHaveLength(1);
      expect(ended).toHaveLength(0);
      const controller = new AbortController();
      const aborted = traceInWorker(long(10 ** 9), {}, {slot, signal: controller.signal});
      setTimeout(() => {
        controller.abort();
      }, 50);
      await expect(aborted).rejects.toMatchObject({name: 'AbortError'});
      expect(ended).toEqual(made);
      expect(slot.take()).toBeNull();
      await traceInWorker(long(1000), {}, {slot});
      expect(made).toHaveLength(2);
      slot.dispose();
      expect(ended).toEqual(made);
    } finally {
      globalThis.Worker = Original;
    }
  });

  it('builds the asked-for picture in the worker: the main thread’s graph, timeline and layout of that trace', async () => {
    const lines = ['import torch', 'h0 = torch.ones(2, requires_grad=True)'];
    for (let i = 1; i <= 200; i++) lines.push(`h${String(i)} = h${String(i - 1)} * 0.9`);
    lines.push('out = h200.sum()', 'out.backward()');
    const source = `${lines.join('\n')}\n`;
    const run = await runInWorker(source, {}, {picture: {view: 'autograd', direction: 'TB'}});
    const built = run.picture;
    if (!built) throw new Error('no picture from the worker');
    expect(built.view).toBe('autograd');
    expect(built.direction).toBe('TB');
    // One message keeps shared objects shared: the timeline's graph is the graph.
    expect(built.timeline.graph).toBe(built.graph);
    const graph = buildGraph(run.trace, {view: 'autograd'});
    expect(built.graph).toEqual(graph);
    expect(built.timeline).toEqual(buildTimeline(run.trace, graph));
    expect(built.layout).toEqual(layoutGraph(graph, {direction: 'TB'}));
    expect(built.graph.nodes.length).toBeGreaterThan(200);
  });

  it('a run answered on the main thread builds no picture there (the element builds it)', async () => {
    const run = await runInWorker(
      printing,
      {},
      {mainThreadBudgetMs: 30, picture: {view: 'dataflow', direction: 'LR'}},
    );
    expect(run.picture).toBeNull();
  });
});
