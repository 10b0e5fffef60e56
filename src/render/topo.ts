/** Orders graph nodes so every link points forward: the order keyboard focus and text alternatives follow. */
import type {Graph, GraphNode} from '../graph/model.js';

/**
 * The nodes in topological order (Kahn's algorithm); ties keep the graph's own order, so the result
 * is deterministic. Nodes on a cycle (which a valid graph has not) come last in graph order.
 */
export function topologicalOrder(graph: Graph): GraphNode[] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const indegree = new Array<number>(graph.nodes.length).fill(0);
  const out = graph.nodes.map((): number[] => []);
  for (const link of graph.links) {
    const s = index.get(link.source);
    const t = index.get(link.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s]?.push(t);
    indegree[t] = (indegree[t] ?? 0) + 1;
  }
  // A sorted ready list keeps ties in graph order; graphs are small enough for insertion sort.
  const ready: number[] = [];
  indegree.forEach((d, i) => {
    if (d === 0) ready.push(i);
  });
  const order: number[] = [];
  const placed = new Array<boolean>(graph.nodes.length).fill(false);
  while (ready.length) {
    const i = ready.shift() ?? 0;
    order.push(i);
    placed[i] = true;
    for (const t of out[i] ?? []) {
      indegree[t] = (indegree[t] ?? 0) - 1;
      if (indegree[t] === 0) {
        let at = ready.length;
        while (at > 0 && (ready[at - 1] ?? 0) > t) at--;
        ready.splice(at, 0, t);
      }
    }
  }
  placed.forEach((p, i) => {
    if (!p) order.push(i);
  });
  return order.map((i) => graph.nodes[i]).filter((n): n is GraphNode => n !== undefined);
}
