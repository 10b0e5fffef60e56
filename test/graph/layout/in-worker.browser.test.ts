import {describe, expect, it} from 'vitest';
import {layoutGraph} from '../../../src/graph/layout/index.js';
import {layoutInWorker} from '../../../src/run/index.js';
import {scalarMlpGraph, SCALAR_MLP_200} from '../../../bench/graphs/index.js';

describe('layoutInWorker in Chromium', () => {
  const graph = scalarMlpGraph(SCALAR_MLP_200);

  it('runs in a real (inlined) worker and gives exactly the in-process numbers', async () => {
    const Original = globalThis.Worker;
    const urls: string[] = [];
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        urls.push(String(url));
      }
    };
    try {
      const layout = await layoutInWorker(graph, {direction: 'TB'}, {threshold: 0});
      expect(urls).toHaveLength(1);
      expect(layout).toEqual(layoutGraph(graph, {direction: 'TB'}));
    } finally {
      globalThis.Worker = Original;
    }
  });

  it('can be aborted while the worker runs', async () => {
    const controller = new AbortController();
    const pending = layoutInWorker(graph, {}, {threshold: 0, signal: controller.signal});
    controller.abort();
    await expect(pending).rejects.toMatchObject({name: 'AbortError'});
  });
});
