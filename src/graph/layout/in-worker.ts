/**
 * layoutInWorker: the same layout off the main thread, for big graphs. The worker's code is
 * inlined into the bundle by Vite (`?worker&inline`: a Blob URL, or a data: URL if Blobs fail), so
 * the one-file bundle stays self-contained and needs no second file next to it. Where a worker
 * cannot start — no Worker (Node), or a Content Security Policy without `worker-src blob:` — or it
 * fails to load, the layout runs on the main thread instead: same numbers, only slower to arrive.
 */
import type {Graph, Layout} from '../model.js';
import {layoutGraph, type LayoutOptions} from './layout-graph.js';
import LayoutWorker from './worker.js?worker&inline';
import type {LayoutRequest} from './worker.js';

/** Graphs with at least this many nodes lay out in a worker; smaller ones on the main thread. */
export const WORKER_THRESHOLD = 1500;

/** How layoutInWorker runs. */
export interface WorkerLayoutControl {
  /** Aborting rejects the promise with the signal's reason and stops the worker. */
  readonly signal?: AbortSignal;
  /** Node count from which a worker is used (default WORKER_THRESHOLD). */
  readonly threshold?: number;
  /**
   * Makes the worker. The default is the inlined worker; pages whose CSP forbids blob: and data:
   * workers can pass one built from a served copy of `worker.ts`.
   */
  readonly createWorker?: () => Worker;
}

interface LayoutReply {
  readonly id: number;
  readonly layout?: Layout;
  readonly error?: string;
}

let nextId = 0;

/** Lays out a graph in a Web Worker when it is big (falling back to the main thread), cancellably. */
export function layoutInWorker(
  graph: Graph,
  options: LayoutOptions = {},
  control: WorkerLayoutControl = {},
): Promise<Layout> {
  const {signal, threshold = WORKER_THRESHOLD} = control;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const inProcess = (): Promise<Layout> =>
    new Promise((resolve, reject) => {
      // A macrotask first, so a caller can still abort before the synchronous work starts.
      setTimeout(() => {
        if (signal?.aborted) {
          reject(abortReason(signal));
          return;
        }
        try {
          resolve(layoutGraph(graph, options));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0);
    });
  if (graph.nodes.length < threshold) return inProcess();
  const worker = startWorker(control.createWorker);
  if (!worker) return inProcess();
  return new Promise<Layout>((resolve, reject) => {
    const id = nextId++;
    const finish = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, {once: true});
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      if (event.data.id !== id) return;
      finish();
      if (event.data.layout) resolve(event.data.layout);
      else reject(new Error(event.data.error ?? 'layout worker failed'));
    };
    // The worker could not load (e.g. blocked by CSP after construction): lay out here instead.
    worker.onerror = (event: Event) => {
      event.preventDefault();
      finish();
      inProcess().then(resolve, reject);
    };
    const request: LayoutRequest = {id, graph, options};
    worker.postMessage(request);
  });
}

function startWorker(create?: () => Worker): Worker | null {
  if (!create && typeof Worker === 'undefined') return null;
  try {
    return create ? create() : new LayoutWorker({name: 'grad-graph layout'});
  } catch {
    return null;
  }
}

/** The signal's reason when it is an Error (as AbortController.abort() makes it), else an AbortError. */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('The layout was aborted.', 'AbortError');
}
