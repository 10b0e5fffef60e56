/**
 * layoutInWorker: the same layout off the main thread, for big graphs, over the run's worker
 * channel. The worker's code is inlined into the bundle by Vite (`?worker&inline`: a Blob URL, or
 * a data: URL if Blobs fail), so the one-file bundle needs no second file next to it; elsewhere it
 * is a chunk of its own, loaded the first time a graph is big enough, so a page of small graphs
 * never downloads it. Where a worker cannot load or start, the layout runs on the main thread:
 * same numbers, only later.
 */
import type {Graph, Layout} from '../graph/index.js';
import type {Trace} from '../trace/index.js';
import {layoutGraph, type LayoutOptions} from '../graph/layout/layout-graph.js';
import {abortReason, callWorker, inlineWorker} from './channel.js';
import type {LayoutPayload} from './layout-worker.js';
import {graphOf, type Picture, type PictureRequest} from './picture.js';

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
   * workers can pass one built from a served copy of `layout-worker.ts`.
   */
  readonly createWorker?: () => Worker;
}

/** Lays out a graph in a Web Worker when it is big (falling back to the main thread), cancellably. */
export function layoutInWorker(
  graph: Graph,
  options: LayoutOptions = {},
  control: WorkerLayoutControl = {},
): Promise<Layout> {
  const {signal, threshold = WORKER_THRESHOLD} = control;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const here = (): Layout => layoutGraph(graph, options);
  const small = graph.nodes.length < threshold;
  const call = (start: () => Worker): Promise<Layout> =>
    callWorker<LayoutPayload, Layout>({payload: {graph, options}, start, fallback: here, signal});
  if (small) {
    return call(() => {
      throw new Error('small graph: laid out here');
    });
  }
  if (control.createWorker) return call(control.createWorker);
  return loadLayoutWorker().then((LayoutWorker) =>
    call(() => {
      if (!LayoutWorker) throw new Error('the layout worker did not load');
      return inlineWorker(LayoutWorker, 'grad-graph layout');
    }),
  );
}

type InlineWorker = new (options?: {name?: string}) => Worker;

/** The inlined layout worker's constructor, loaded once; null where it cannot load. */
let layoutWorker: Promise<InlineWorker | null> | null = null;

function loadLayoutWorker(): Promise<InlineWorker | null> {
  layoutWorker ??= Promise.resolve()
    .then(() => import('./layout-worker.js?worker&inline'))
    .then(
      (m) => m.default,
      () => {
        layoutWorker = null;
        return null;
      },
    );
  return layoutWorker;
}

/**
 * The picture of `trace` for `request`: built at once when the graph is small, else a promise
 * whose layout runs in a Web Worker (cancelled by `signal`), so a big graph never blocks a page.
 */
export function pictureOf(
  trace: Trace,
  request: PictureRequest,
  signal?: AbortSignal,
): Picture | Promise<Picture> {
  const {graph, timeline} = graphOf(trace, request);
  const {direction} = request;
  if (graph.nodes.length < WORKER_THRESHOLD) {
    return {...request, graph, timeline, layout: layoutGraph(graph, {direction})};
  }
  return layoutInWorker(graph, {direction}, signal ? {signal} : {}).then((layout) => ({
    ...request,
    graph,
    timeline,
    layout,
  }));
}
