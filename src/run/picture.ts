/**
 * The picture recipe, written once: a trace's graph for one view, its timeline and its layout
 * (buildGraph → buildTimeline → layoutGraph). The script worker, the elements and the CLI's
 * `render` all build pictures here; `pictureOf` (layout.ts) lays big graphs out in a worker.
 */
import {buildGraph, buildTimeline} from '../graph/index.js';
import type {Direction, Graph, Layout, Timeline, ViewKind} from '../graph/index.js';
import {layoutGraph} from '../graph/layout/layout-graph.js';
import type {Trace} from '../trace/index.js';

/** Which picture of a trace: a view, a direction, and the whole run or one iteration. */
export interface PictureRequest {
  readonly view: ViewKind;
  readonly direction: Direction;
  /**
   * One iteration of a training loop (0-based, clamped), or the whole run when absent. An
   * iteration the trace did not keep is recorded again first (LatestRun, `traceIteration`).
   */
  readonly iteration?: number;
}

/** One view's picture of a trace: the graph, its timeline and its layout (plain data). */
export interface Picture extends PictureRequest {
  readonly graph: Graph;
  readonly timeline: Timeline;
  readonly layout: Layout;
}

/** The graph and timeline of a picture, before the layout. */
export function graphOf(trace: Trace, request: PictureRequest): {graph: Graph; timeline: Timeline} {
  const graph = buildGraph(trace, {
    view: request.view,
    ...(request.iteration !== undefined ? {iteration: request.iteration} : {}),
  });
  return {graph, timeline: buildTimeline(trace, graph)};
}

/** The picture of `trace` for `request`, built here and now (layout included). */
export function buildPicture(trace: Trace, request: PictureRequest): Picture {
  const {graph, timeline} = graphOf(trace, request);
  const layout = layoutGraph(graph, {direction: request.direction});
  return {...request, graph, timeline, layout};
}
