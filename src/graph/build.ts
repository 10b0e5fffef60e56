/**
 * buildGraph: one view of one iteration of a trace. A trace with several backward passes (a
 * training loop) has one graph per pass; `iteration` picks which (default: the first).
 */
import type {Trace} from '../trace/schema.js';
import {buildAutogradView} from './autograd-view.js';
import {buildDataflow} from './dataflow.js';
import {annotateGroups, collapseGroups} from './groups.js';
import {markHooks} from './hook-sites.js';
import {nodeSeqs} from './span-groups.js';
import {iterationKept, iterationOf, wholeRun} from './iterations.js';
import type {Graph, GraphGroup, ViewKind} from './model.js';

/** Which picture to build. */
export interface GraphOptions {
  /** `dataflow` (default) or `autograd`. */
  readonly view?: ViewKind;
  /**
   * Which iteration (backward pass) of a training loop (clamped), or `'all'` (the default): the
   * whole run, every backward pass in the order it ran.
   */
  readonly iteration?: number | 'all';
  /**
   * Past this many nodes, repeated structure is grouped (see `Graph.groups`). Default 400. A loop
   * of 20 iterations or more is grouped whatever the size.
   */
  readonly groupThreshold?: number;
  /**
   * Which groups to show collapsed (ids from `Graph.groups`); default all of them. Pass `[]` to
   * expand everything, or the ids the reader left collapsed.
   */
  readonly collapse?: readonly string[];
}

/** Builds the graph of one view of one iteration of a trace. */
export function buildGraph(trace: Trace, options: GraphOptions = {}): Graph {
  const all = (options.iteration ?? 'all') === 'all';
  const iteration = all ? wholeRun(trace) : iterationOf(trace, options.iteration as number);
  if (!all && !iterationKept(trace, iteration.index)) {
    // Drawing it from this trace would show an empty iteration: the run stage records it again.
    throw new Error(
      `iteration ${iteration.index} is not kept in this trace (record it again with traceIteration)`,
    );
  }
  const drawn =
    options.view === 'autograd'
      ? buildAutogradView(trace, iteration)
      : buildDataflow(trace, iteration);
  const graph = all ? {...drawn, whole: true} : drawn;
  const small = graph.nodes.length <= (options.groupThreshold ?? 400);
  if (small && !longLoop(trace, graph)) return markHooks(trace, graph);
  const annotated = annotateGroups(trace, graph);
  const ids = options.collapse ?? collapsedByDefault(annotated.groups ?? []);
  return markHooks(trace, ids.length === 0 ? annotated : collapseGroups(annotated, ids));
}

/** Iterations of one loop past which its graph is grouped whatever its size (see LONG_LOOP). */
const LONG_LOOP = 20;

/**
 * Whether the graph draws LONG_LOOP iterations or more of one loop (iterations that made at least
 * one of its nodes): a small graph then gets its groups too, so a 100-iteration loop scrubs as a
 * few collapsed blocks, not 100 times its steps.
 */
function longLoop(trace: Trace, graph: Graph): boolean {
  const loops = (trace.groups ?? []).filter((g) => g.kind === 'iteration');
  if (loops.length < LONG_LOOP) return false;
  const seqs = [...nodeSeqs(trace, graph).values()].sort((a, b) => a - b);
  const count = new Map<string, number>();
  for (const g of loops) {
    // The first node made after the iteration started: made inside it?
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seqs[mid] as number) <= g.startSeq) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= seqs.length || (seqs[lo] as number) >= g.endSeq) continue;
    const key = `${g.parent}:${g.span?.line}:${g.span?.column}`;
    const n = (count.get(key) ?? 0) + 1;
    if (n >= LONG_LOOP) return true;
    count.set(key, n);
  }
  return false;
}

/**
 * The groups a big graph starts with collapsed: every top-level span group but the last
 * iteration (the reader sees how the run ended, and expands any other), and every statement group.
 */
export function collapsedByDefault(groups: readonly GraphGroup[]): string[] {
  const top = groups.filter((g) => g.kind !== undefined && g.kind !== 'statement' && !g.parent);
  const last = top.at(-1);
  const keepOpen = last?.kind === 'iteration' ? last.id : null;
  return groups.filter((g) => g.id !== keepOpen).map((g) => g.id);
}
