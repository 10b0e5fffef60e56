/**
 * The layout worker: receives `{id, graph, options}`, answers `{id, layout}` or `{id, error}`.
 * It runs the same layoutGraph as the main thread, so the result is the same, number for number.
 *
 * Bundled by Vite (`?worker&inline`), this file becomes the worker's inlined code. Imported without
 * Vite (tsx, Node, Deno), the same import specifier loads this module itself: its default export
 * then makes a module worker of this very file, and the handler below only installs itself inside
 * a worker, so importing it elsewhere is harmless.
 */
import type {Graph} from '../model.js';
import {layoutGraph, type LayoutOptions} from './layout-graph.js';

/** A request to the layout worker. */
export interface LayoutRequest {
  readonly id: number;
  readonly graph: Graph;
  readonly options: LayoutOptions;
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: unknown): void;
}

/** Makes a module worker running this file (used only where no bundler replaced the import). */
export default function LayoutModuleWorker(options?: {name?: string}): Worker {
  const init: WorkerOptions = {type: 'module'};
  if (options?.name !== undefined) init.name = options.name;
  return new Worker(new URL(import.meta.url), init);
}

const workerScope = (globalThis as {WorkerGlobalScope?: abstract new () => object})
  .WorkerGlobalScope;
if (workerScope !== undefined && globalThis instanceof workerScope) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const {id, graph, options} = event.data;
    try {
      scope.postMessage({id, layout: layoutGraph(graph, options)});
    } catch (error) {
      scope.postMessage({id, error: error instanceof Error ? error.message : String(error)});
    }
  };
}
