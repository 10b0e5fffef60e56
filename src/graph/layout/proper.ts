/**
 * The proper layered graph: every edge longer than one layer is cut into a chain of dummy nodes,
 * one per layer it crosses, so that all segments join consecutive layers. Real nodes keep their
 * indices 0…n−1; dummies follow.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {FoldedEdge} from './prepare.js';

/** Nodes (real and dummy) with their layers and their neighbours in the layers above and below. */
export interface ProperGraph {
  /** Real nodes. */
  readonly n: number;
  /** Real plus dummy nodes. */
  readonly total: number;
  readonly layerCount: number;
  readonly layerOf: Int32Array;
  /** Neighbours in the layer above (compressed lists) and the weight of each segment. */
  readonly upStart: Int32Array;
  readonly upNode: Int32Array;
  readonly upWeight: Int32Array;
  /** Neighbours in the layer below. */
  readonly downStart: Int32Array;
  readonly downNode: Int32Array;
  readonly downWeight: Int32Array;
  /** For each folded edge, its nodes from upper to lower end, dummies in between. */
  readonly chains: readonly Int32Array[];
  /** For each node, how many links run through it if it is a dummy (0 for real nodes). */
  readonly through: Int32Array;
}

/** Cuts long edges into dummy chains and builds both neighbour lists. */
export function properGraph(
  n: number,
  layer: Int32Array,
  edges: readonly FoldedEdge[],
): ProperGraph {
  let total = n;
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, layer[v]! + 1);
  for (const e of edges) total += layer[e.to]! - layer[e.from]! - 1;
  const layerOf = new Int32Array(total);
  layerOf.set(layer.subarray(0, n));
  const through = new Int32Array(total);
  const chains: Int32Array[] = [];
  let next = n;
  let segments = 0;
  for (const e of edges) {
    const span = layer[e.to]! - layer[e.from]!;
    const chain = new Int32Array(span + 1);
    chain[0] = e.from;
    chain[span] = e.to;
    for (let k = 1; k < span; k++) {
      chain[k] = next;
      layerOf[next] = layer[e.from]! + k;
      through[next] = e.links.length;
      next++;
    }
    chains.push(chain);
    segments += span;
  }
  const upStart = new Int32Array(total + 1);
  const downStart = new Int32Array(total + 1);
  for (const chain of chains) {
    for (let k = 1; k < chain.length; k++) {
      downStart[chain[k - 1]! + 1]!++;
      upStart[chain[k]! + 1]!++;
    }
  }
  for (let v = 0; v < total; v++) {
    upStart[v + 1]! += upStart[v]!;
    downStart[v + 1]! += downStart[v]!;
  }
  const upFill = upStart.slice(0, total);
  const downFill = downStart.slice(0, total);
  const upNode = new Int32Array(segments);
  const upWeight = new Int32Array(segments);
  const downNode = new Int32Array(segments);
  const downWeight = new Int32Array(segments);
  chains.forEach((chain, i) => {
    const weight = edges[i]!.links.length;
    for (let k = 1; k < chain.length; k++) {
      const a = chain[k - 1]!;
      const b = chain[k]!;
      const d = downFill[a]!++;
      downNode[d] = b;
      downWeight[d] = weight;
      const u = upFill[b]!++;
      upNode[u] = a;
      upWeight[u] = weight;
    }
  });
  return {
    n,
    total,
    layerCount,
    layerOf,
    upStart,
    upNode,
    upWeight,
    downStart,
    downNode,
    downWeight,
    chains,
    through,
  };
}
