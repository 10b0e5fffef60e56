/**
 * The layout worker: answers `{id, graph, options}` with the graph's layout, over the run's worker
 * channel (see channel.ts). It runs the same layoutGraph as the main thread, so the result is the
 * same, number for number.
 *
 * Bundled by Vite (`?worker&inline`), this file becomes the worker's inlined code. Imported without
 * Vite (tsx, Node, Deno), the same import specifier loads this module itself: its default export
 * then makes a module worker of this very file, and `serve` only installs itself inside a worker,
 * so importing it elsewhere is harmless.
 */
import type {Graph} from '../graph/index.js';
import {layoutGraph, type LayoutOptions} from '../graph/layout/layout-graph.js';
import {serve} from './channel.js';

/** What the layout worker is asked (the channel adds the id). */
export interface LayoutPayload {
  readonly graph: Graph;
  readonly options: LayoutOptions;
}

/** Makes a module worker running this file (used only where no bundler replaced the import). */
export default function LayoutModuleWorker(options?: {name?: string}): Worker {
  const init: WorkerOptions = {type: 'module'};
  if (options?.name !== undefined) init.name = options.name;
  return new Worker(new URL(import.meta.url), init);
}

serve<LayoutPayload>(({graph, options}) => layoutGraph(graph, options));
