/**
 * The lit part of a picture: the nodes some source lines made (a notebook's current cell), the
 * rest dimmed, so the whole session's graph stays in view while the reader sees which part a
 * cell added. Pure over the graph; applied to a draw's selections as one class.
 */
import type {Graph} from '../src/graph/index.js';
import type {DrawResult} from '../src/render/index.js';

/** Source lines, 1-based and inclusive. */
export interface FocusLines {
  readonly from: number;
  readonly to: number;
}

const memo = new WeakMap<Graph, {key: string; inside: ReadonlySet<string>}>();

/**
 * The ids of the nodes made by `lines`: each node whose span starts there, and each node with
 * no span of its own (a seed, an AccumulateGrad) next to one of those.
 */
export function nodesInside(graph: Graph, lines: FocusLines): ReadonlySet<string> {
  const key = `${lines.from}:${lines.to}`;
  const cached = memo.get(graph);
  if (cached?.key === key) return cached.inside;
  const inside = new Set<string>();
  const spanless = new Set<string>();
  for (const n of graph.nodes) {
    const line = n.span?.line;
    if (line === undefined) spanless.add(n.id);
    else if (line >= lines.from && line <= lines.to) inside.add(n.id);
  }
  const near: string[] = [];
  for (const l of graph.links) {
    if (spanless.has(l.source) && inside.has(l.target)) near.push(l.source);
    if (spanless.has(l.target) && inside.has(l.source)) near.push(l.target);
  }
  for (const id of near) inside.add(id);
  memo.set(graph, {key, inside});
  return inside;
}

/** Dims what `lines` did not make (class `gg-outside`); null lights everything. */
export function applyFocus(drawn: DrawResult, graph: Graph, lines: FocusLines | null): void {
  const inside = lines ? nodesInside(graph, lines) : null;
  drawn.nodes.classed('gg-outside', (d) => inside !== null && !inside.has(d.node.id));
  drawn.links.classed(
    'gg-outside',
    (d) => inside !== null && !(inside.has(d.link.source) && inside.has(d.link.target)),
  );
}
