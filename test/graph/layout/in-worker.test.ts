import {afterEach, describe, expect, it, vi} from 'vitest';
import {layoutGraph} from '../../../src/graph/layout/index.js';
import {layoutInWorker} from '../../../src/run/index.js';
import type {Layout} from '../../../src/graph/model.js';
import {tensorMlpGraph} from '../../../bench/graphs/index.js';

const graph = tensorMlpGraph();

/** A stand-in for a Worker: records what it is sent and lets the test answer or fail. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.onmessage?.({data} as MessageEvent);
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
  /** Answers the last request as the real worker would (the run's worker channel). */
  answer(): void {
    const request = this.sent.at(-1) as {id: number; graph: typeof graph; options: object};
    this.reply({kind: 'done', id: request.id, value: layoutGraph(request.graph, request.options)});
  }
}

/** The channel starts a worker after a macrotask (so a caller can still abort first). */
const started = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function fake(): {worker: FakeWorker; create: () => Worker} {
  const worker = new FakeWorker();
  return {worker, create: () => worker as unknown as Worker};
}

afterEach(() => {
  vi.useRealTimers();
});

describe('layoutInWorker(graph, options, control)', () => {
  it('lays a small graph out on the main thread, with the same result as layoutGraph', async () => {
    const {worker, create} = fake();
    const layout = await layoutInWorker(graph, {direction: 'TB'}, {createWorker: create});
    expect(layout).toEqual(layoutGraph(graph, {direction: 'TB'}));
    expect(worker.sent).toEqual([]);
  });

  it('falls back to the main thread where there is no Worker (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    await expect(layoutInWorker(graph, {}, {threshold: 0})).resolves.toEqual(layoutGraph(graph));
  });

  it('falls back when the worker cannot be made (e.g. a CSP forbidding blob: workers)', async () => {
    const create = (): Worker => {
      throw new DOMException('Refused to create a worker', 'SecurityError');
    };
    await expect(layoutInWorker(graph, {}, {threshold: 0, createWorker: create})).resolves.toEqual(
      layoutGraph(graph),
    );
  });

  it('falls back when the worker fails to load, and stops it', async () => {
    const {worker, create} = fake();
    const pending = layoutInWorker(graph, {}, {threshold: 0, createWorker: create});
    await started();
    worker.fail();
    await expect(pending).resolves.toEqual(layoutGraph(graph));
    expect(worker.terminated).toBe(true);
  });

  it('sends the graph and options to the worker and resolves with its answer', async () => {
    const {worker, create} = fake();
    const pending = layoutInWorker(graph, {layerGap: 70}, {threshold: 0, createWorker: create});
    await started();
    expect(worker.sent).toEqual([
      {id: expect.any(Number) as number, graph, options: {layerGap: 70}},
    ]);
    worker.reply({kind: 'done', id: -1, value: {} as Layout}); // not ours: ignored
    worker.answer();
    await expect(pending).resolves.toEqual(layoutGraph(graph, {layerGap: 70}));
    expect(worker.terminated).toBe(true);
  });

  it("rejects with the worker's error message", async () => {
    const {worker, create} = fake();
    const pending = layoutInWorker(graph, {}, {threshold: 0, createWorker: create});
    await started();
    const {id} = worker.sent[0] as {id: number};
    const message = 'layout: link "l" joins unknown node(s) a → zz';
    worker.reply({kind: 'failed', id, error: {type: 'Error', message, span: null, traceback: ''}});
    await expect(pending).rejects.toThrow('layout: link "l" joins unknown node(s) a → zz');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(layoutInWorker(graph, {}, {signal: controller.signal})).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('stops the worker and rejects with the reason when aborted while it runs', async () => {
    const {worker, create} = fake();
    const controller = new AbortController();
    const pending = layoutInWorker(
      graph,
      {},
      {threshold: 0, createWorker: create, signal: controller.signal},
    );
    await started();
    const reason = new Error('superseded by a newer graph');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(worker.terminated).toBe(true);
  });

  it('can be aborted before a main-thread layout starts', async () => {
    const controller = new AbortController();
    const pending = layoutInWorker(graph, {}, {signal: controller.signal});
    controller.abort();
    await expect(pending).rejects.toMatchObject({name: 'AbortError'});
  });
});
