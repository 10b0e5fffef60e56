/**
 * The script worker: runs `traceSource` off the main thread. It says `{kind: 'loaded'}` once its
 * code has loaded (so the page can tell a worker that never started — blocked by a Content
 * Security Policy — from one that failed mid-run), then answers each `{id, source, options}` with
 * `{kind: 'done', id, trace}` (the trace is plain JSON, schema v1, with the printed output and the
 * script's Python-style error inside) or `{kind: 'failed', id, failure}` if the recorder itself
 * threw.
 *
 * Bundled by Vite (`?worker&inline`), this file becomes the worker's inlined code, as the layout
 * worker does. Imported without Vite (tsx, Node), the same import specifier loads this module
 * itself: its default export then makes a module worker of this very file, and the handler below
 * only installs itself inside a worker, so importing it elsewhere is harmless.
 */
import {buildGraph} from './graph/build.js';
import {layoutGraph} from './graph/layout/layout-graph.js';
import type {Direction, Graph, Layout, Timeline, ViewKind} from './graph/model.js';
import {buildTimeline} from './graph/timeline.js';
import {traceSource, type TraceSourceOptions} from './pipeline.js';
import type {Trace} from './trace/schema.js';

/** Which picture to build next to the trace: a view and a direction. */
export interface PictureRequest {
  readonly view: ViewKind;
  readonly direction: Direction;
}

/** A picture built in the worker: the graph, its timeline and its layout (plain data). */
export interface BuiltPicture extends PictureRequest {
  readonly graph: Graph;
  readonly timeline: Timeline;
  readonly layout: Layout;
}

/** A request to the script worker. */
export interface RunRequest {
  readonly id: number;
  readonly source: string;
  readonly options: TraceSourceOptions;
  /** Also build this picture of the trace, so big graphs are not built on the main thread. */
  readonly picture?: PictureRequest;
}

/** An error that escaped the runner, in the element's terms (Python's type where it has one). */
export interface RunFailure {
  readonly type: string;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly traceback: string;
}

/** What the script worker posts. */
export type RunReply =
  | {readonly kind: 'loaded'}
  | {
      readonly kind: 'done';
      readonly id: number;
      readonly trace: Trace;
      readonly picture: BuiltPicture | null;
    }
  | {readonly kind: 'failed'; readonly id: number; readonly failure: RunFailure};

interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunReply): void;
}

/** Makes a module worker running this file (used only where no bundler replaced the import). */
export default function RunModuleWorker(options?: {name?: string}): Worker {
  const init: WorkerOptions = {type: 'module'};
  if (options?.name !== undefined) init.name = options.name;
  return new Worker(new URL(import.meta.url), init);
}

/**
 * The picture of a trace, built as the main thread would (buildGraph, buildTimeline, layoutGraph);
 * null if building fails — the main thread then builds it again and reports that failure.
 */
export function buildPicture(trace: Trace, request: PictureRequest): BuiltPicture | null {
  try {
    const graph = buildGraph(trace, {view: request.view});
    const timeline = buildTimeline(trace, graph);
    const layout = layoutGraph(graph, {direction: request.direction});
    return {...request, graph, timeline, layout};
  } catch {
    return null;
  }
}

/** Any thrown value as a RunFailure (a ScriptError keeps its Python type and place). */
export function failureOf(error: unknown): RunFailure {
  const r = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
  const type =
    typeof r.type === 'string' ? r.type : error instanceof Error ? error.name : 'RuntimeError';
  const message =
    typeof r.message === 'string' ? r.message : error instanceof Error ? '' : String(error);
  const span = (r.span && typeof r.span === 'object' ? r.span : {}) as Record<string, unknown>;
  const line =
    typeof r.line === 'number' ? r.line : typeof span.line === 'number' ? span.line : null;
  const column =
    typeof r.column === 'number' ? r.column : typeof span.column === 'number' ? span.column : null;
  const traceback = typeof r.traceback === 'string' ? r.traceback : `${type}: ${message}`;
  return {type, message, line, column, traceback};
}

const workerScope = (globalThis as {WorkerGlobalScope?: abstract new () => object})
  .WorkerGlobalScope;
if (workerScope !== undefined && globalThis instanceof workerScope) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const {id, source, options, picture} = event.data;
    try {
      const trace = traceSource(source, options);
      const built = picture ? buildPicture(trace, picture) : null;
      scope.postMessage({kind: 'done', id, trace, picture: built});
    } catch (error) {
      scope.postMessage({kind: 'failed', id, failure: failureOf(error)});
    }
  };
  scope.postMessage({kind: 'loaded'});
}
