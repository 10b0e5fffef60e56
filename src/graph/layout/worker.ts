/**
 * The layout worker: receives `{id, graph, options}`, answers `{id, layout}` or `{id, error}`.
 * It runs the same layoutGraph as the main thread, so the result is the same, number for number.
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

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  const {id, graph, options} = event.data;
  try {
    scope.postMessage({id, layout: layoutGraph(graph, options)});
  } catch (error) {
    scope.postMessage({id, error: error instanceof Error ? error.message : String(error)});
  }
};
