/**
 * From what the author gave (source text or a trace) to everything the element draws: the trace,
 * the graph of the chosen view, its layout (once per graph) and its timeline. Only the public
 * functions of the stages below are used.
 */
import {buildGraph} from '../src/graph/index.js';
import {layoutGraph, layoutInWorker, WORKER_THRESHOLD} from '../src/graph/layout/index.js';
import type {Direction, Graph, Layout, Timeline, ViewKind} from '../src/graph/index.js';
import {buildTimeline} from '../src/graph/index.js';
import type {TraceSourceOptions} from '../src/pipeline.js';
import {
  runInWorker,
  type BuiltPicture,
  type PictureRequest,
  type WorkerSlot,
} from '../src/run-worker-client.js';
import type {Trace} from '../src/trace/index.js';
import {validateTrace} from '../src/trace/index.js';
import type {GradErrorInfo} from './events.js';

/** Everything drawn for one source, view and direction. */
export interface Picture {
  readonly trace: Trace;
  readonly graph: Graph;
  readonly layout: Layout;
  readonly timeline: Timeline;
  /** The error the script stopped with, if it did (the picture shows what ran before it). */
  readonly error: GradErrorInfo | null;
}

/**
 * How long a script may run on the main thread before it goes to a worker: under the 50 ms of a
 * long task, so typing and scrolling stay smooth; the seed tutorial takes a few milliseconds.
 */
export const MAIN_THREAD_BUDGET_MS = 30;

/** A run's result in the element's terms: the trace, and the error the script stopped with. */
export interface Traced {
  readonly trace: Trace | null;
  readonly error: GradErrorInfo | null;
  /** Its picture, when the worker built it along with the trace. */
  readonly built?: BuiltPicture | null;
}

/**
 * Runs `source` and records it: on the main thread when it finishes within MAIN_THREAD_BUDGET_MS,
 * else in a Web Worker (on the main thread after all where no worker can start);
 * an error that escapes the runner becomes a trace-less error. Never rejects: an aborted run
 * resolves with null, which the caller drops.
 */
export async function traceOf(
  source: string,
  options: TraceSourceOptions,
  signal: AbortSignal,
  slot?: WorkerSlot,
  picture?: PictureRequest,
): Promise<Traced | null> {
  try {
    const run = await runInWorker(source, options, {
      signal,
      mainThreadBudgetMs: MAIN_THREAD_BUDGET_MS,
      ...(slot ? {slot} : {}),
      ...(picture ? {picture} : {}),
    });
    return {trace: run.trace, error: errorOf(run.trace), built: run.picture};
  } catch (e) {
    return signal.aborted ? null : {trace: null, error: toErrorInfo(e)};
  }
}

/**
 * A trace from outside (the `trace` property): untrusted, so validated first; malformed or hostile
 * JSON becomes a clear TraceValidationError naming the bad field, not a broken element.
 */
export function checkedTraceOf(value: unknown): Traced {
  try {
    const trace = validateTrace(value);
    return {trace, error: errorOf(trace)};
  } catch (e) {
    return {trace: null, error: toErrorInfo(e)};
  }
}

/** The trace's own error, in the element's terms. */
export function errorOf(trace: Trace): GradErrorInfo | null {
  const e = trace.error;
  if (!e) return null;
  return {
    type: e.type,
    message: e.message,
    line: e.span?.line ?? null,
    column: e.span?.column ?? null,
    traceback: e.traceback,
  };
}

/** Any thrown value as an error report; a ScriptError keeps its Python type, place and traceback. */
export function toErrorInfo(e: unknown): GradErrorInfo {
  if (e && typeof e === 'object') {
    const r = e as Record<string, unknown>;
    const type = typeof r.type === 'string' ? r.type : e instanceof Error ? e.name : 'Error';
    const message = typeof r.message === 'string' ? r.message : JSON.stringify(e);
    const line = typeof r.line === 'number' ? r.line : null;
    const column = typeof r.column === 'number' ? r.column : null;
    const traceback = typeof r.traceback === 'string' ? r.traceback : `${type}: ${message}`;
    return {type, message, line, column, traceback};
  }
  return {
    type: 'Error',
    message: String(e),
    line: null,
    column: null,
    traceback: `Error: ${String(e)}`,
  };
}

/**
 * Builds the graph, layout and timeline of a trace, or takes them from `built` (made in the script
 * worker) when that is the same view and direction. Big graphs lay out in a Web Worker, so the
 * result is then a promise (cancelled by `signal`); small ones are laid out at once.
 */
export function pictureOf(
  trace: Trace,
  options: {view: ViewKind; direction: Direction},
  error: GradErrorInfo | null = errorOf(trace),
  signal?: AbortSignal,
  built?: BuiltPicture | null,
): Picture | Promise<Picture> {
  if (built?.view === options.view && built.direction === options.direction) {
    return {trace, graph: built.graph, layout: built.layout, timeline: built.timeline, error};
  }
  const graph = buildGraph(trace, {view: options.view});
  const timeline = buildTimeline(trace, graph);
  if (graph.nodes.length >= WORKER_THRESHOLD) {
    return layoutInWorker(graph, {direction: options.direction}, signal ? {signal} : {}).then(
      (layout) => ({trace, graph, layout, timeline, error}),
    );
  }
  const layout = layoutGraph(graph, {direction: options.direction});
  return {trace, graph, layout, timeline, error};
}
