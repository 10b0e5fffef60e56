/**
 * Turns a Graph into the indexed form the layout stages work on: nodes by index, links between
 * the same pair folded into one weighted edge (a multi-edge keeps all its link ids, so every link
 * gets its own route later), self-links set aside, and cycles broken by reversing DFS back edges.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {Graph} from '../model.js';

/** One edge of the folded graph, always pointing from a lower layer to a higher one. */
export interface FoldedEdge {
  /** Upper endpoint (node index). */
  readonly from: number;
  /** Lower endpoint (node index). */
  readonly to: number;
  /** The links drawn along this edge, in graph order; their count is the edge's weight. */
  readonly links: string[];
  /** True when the links point from `to` to `from` (a back edge turned round to break a cycle). */
  readonly reversed: boolean;
}

/** The graph as the layout stages see it. */
export interface PreparedGraph {
  /** Number of nodes; node i is `graph.nodes[i]`. */
  readonly n: number;
  readonly edges: readonly FoldedEdge[];
  /** Links whose source is their target: `[link id, node index]`. */
  readonly selfLinks: readonly (readonly [string, number])[];
}

/** Indexes the graph, folds multi-edges and breaks cycles. Throws on a link to an unknown node. */
export function prepareGraph(graph: Graph): PreparedGraph {
  const n = graph.nodes.length;
  const index = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (index.has(node.id)) throw new Error(`layout: duplicate node id "${node.id}"`);
    index.set(node.id, i);
  });
  const byPair = new Map<number, {from: number; to: number; links: string[]}>();
  const pairs: {from: number; to: number; links: string[]}[] = [];
  const selfLinks: [string, number][] = [];
  for (const link of graph.links) {
    const from = index.get(link.source);
    const to = index.get(link.target);
    if (from === undefined || to === undefined) {
      throw new Error(
        `layout: link "${link.id}" joins unknown node(s) ${link.source} → ${link.target}`,
      );
    }
    if (from === to) {
      selfLinks.push([link.id, from]);
      continue;
    }
    const key = from * n + to;
    let pair = byPair.get(key);
    if (!pair) {
      pair = {from, to, links: []};
      byPair.set(key, pair);
      pairs.push(pair);
    }
    pair.links.push(link.id);
  }
  const back = backEdges(n, pairs);
  const edges = pairs.map((p, i): FoldedEdge =>
    back[i] ? {from: p.to, to: p.from, links: p.links, reversed: true} : {...p, reversed: false},
  );
  return {n, edges, selfLinks};
}

/** Marks the edges that close a cycle in a depth-first search taken in node and link order. */
function backEdges(n: number, pairs: readonly {from: number; to: number}[]): Uint8Array {
  const start = new Int32Array(n + 1);
  for (const p of pairs) start[p.from + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const out = new Int32Array(pairs.length);
  pairs.forEach((p, i) => (out[fill[p.from]!++] = i));
  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  const back = new Uint8Array(pairs.length);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    let top = 0;
    stack[0] = root;
    state[root] = 1;
    cursor[root] = start[root]!;
    while (top >= 0) {
      const v = stack[top]!;
      const c = cursor[v]!;
      if (c < start[v + 1]!) {
        cursor[v] = c + 1;
        const e = out[c]!;
        const w = pairs[e]!.to;
        if (state[w] === 1) back[e] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          cursor[w] = start[w]!;
          stack[++top] = w;
        }
      } else {
        state[v] = 2;
        top--;
      }
    }
  }
  return back;
}
