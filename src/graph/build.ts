/**
 * buildGraph: one view of one iteration of a trace. A trace with several backward passes (a
 * training loop) has one graph per pass; `iteration` picks which (default: the first).
 */
import type {Trace} from '../trace/schema.js';
import {buildAutogradView} from './autograd-view.js';
import {buildDataflow} from './dataflow.js';
import {annotateGroups, collapseGroups} from './groups.js';
import {iterationOf} from './iterations.js';
import type {Graph, ViewKind} from './model.js';

/** Which picture to build. */
export interface GraphOptions {
  /** `dataflow` (default) or `autograd`. */
  readonly view?: ViewKind;
  /** Which iteration (backward pass) of a training loop; clamped; default 0. */
  readonly iteration?: number;
  /** Past this many nodes, repeated structure is grouped (see `Graph.groups`). Default 400. */
  readonly groupThreshold?: number;
  /**
   * Which groups to show collapsed (ids from `Graph.groups`); default all of them. Pass `[]` to
   * expand everything, or the ids the reader left collapsed.
   */
  readonly collapse?: readonly string[];
}

/** Builds the graph of one view of one iteration of a trace. */
export function buildGraph(trace: Trace, options: GraphOptions = {}): Graph {
  const iteration = iterationOf(trace, options.iteration ?? 0);
  const graph =
    options.view === 'autograd'
      ? buildAutogradView(trace, iteration)
      : buildDataflow(trace, iteration);
  if (graph.nodes.length <= (options.groupThreshold ?? 400)) return graph;
  const annotated = annotateGroups(trace, graph);
  const ids = options.collapse ?? (annotated.groups ?? []).map((g) => g.id);
  return ids.length === 0 ? annotated : collapseGroups(annotated, ids);
}
