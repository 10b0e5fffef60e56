/**
 * Layering: which layer (rank) each node sits in. Longest path from the sources first, so every
 * link points to a later layer and the loss ends up last; then each node slides within its slack
 * towards the side with more link weight, which shortens links the way network simplex would for
 * single nodes: a parameter or input moves up to just before the op that reads it, instead of
 * waiting in layer 0 with a long link.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {FoldedEdge} from './prepare.js';

/** Compressed adjacency in both directions, with each edge's weight. */
export interface Adjacency {
  readonly outStart: Int32Array;
  readonly outNode: Int32Array;
  readonly outWeight: Int32Array;
  readonly inStart: Int32Array;
  readonly inNode: Int32Array;
  readonly inWeight: Int32Array;
}

/** Builds compressed out- and in-lists (in edge order) for `n` nodes. */
export function adjacency(n: number, edges: readonly FoldedEdge[]): Adjacency {
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (const e of edges) {
    outStart[e.from + 1]!++;
    inStart[e.to + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  const outNode = new Int32Array(edges.length);
  const outWeight = new Int32Array(edges.length);
  const inNode = new Int32Array(edges.length);
  const inWeight = new Int32Array(edges.length);
  for (const e of edges) {
    const o = outFill[e.from]!++;
    outNode[o] = e.to;
    outWeight[o] = e.links.length;
    const i = inFill[e.to]!++;
    inNode[i] = e.from;
    inWeight[i] = e.links.length;
  }
  return {outStart, outNode, outWeight, inStart, inNode, inWeight};
}

/** A topological order (Kahn's algorithm, ties in node order), for an acyclic adjacency. */
export function topologicalOrder(n: number, adj: Adjacency): Int32Array {
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) indegree[v] = adj.inStart[v + 1]! - adj.inStart[v]!;
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let e = adj.outStart[v]!; e < adj.outStart[v + 1]!; e++) {
      const w = adj.outNode[e]!;
      if (--indegree[w]! === 0) order[tail++] = w;
    }
  }
  return order;
}

/** Assigns layers: 0 for the first, every edge at least one layer long. */
export function assignLayers(n: number, adj: Adjacency, order: Int32Array): Int32Array {
  const layer = new Int32Array(n);
  for (const v of order) {
    let l = 0;
    for (let e = adj.inStart[v]!; e < adj.inStart[v + 1]!; e++)
      l = Math.max(l, layer[adj.inNode[e]!]! + 1);
    layer[v] = l;
  }
  // Slide nodes towards their heavier side until nothing moves (a few rounds at most).
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (let k = n - 1; k >= 0; k--) {
      const v = order[k]!;
      const [win, wout] = weights(adj, v);
      if (wout > win) {
        let lowest = Infinity;
        for (let e = adj.outStart[v]!; e < adj.outStart[v + 1]!; e++)
          lowest = Math.min(lowest, layer[adj.outNode[e]!]!);
        if (lowest - 1 > layer[v]!) {
          layer[v] = lowest - 1;
          moved = true;
        }
      }
    }
    for (const v of order) {
      const [win, wout] = weights(adj, v);
      if (win > wout) {
        let highest = -Infinity;
        for (let e = adj.inStart[v]!; e < adj.inStart[v + 1]!; e++)
          highest = Math.max(highest, layer[adj.inNode[e]!]!);
        if (highest + 1 < layer[v]!) {
          layer[v] = highest + 1;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return layer;
}

/** Shifts layers so that the first is 0. */
export function normalizeLayers(layer: Int32Array): void {
  let min = Infinity;
  for (const l of layer) min = Math.min(min, l);
  if (min !== 0 && min !== Infinity) for (let v = 0; v < layer.length; v++) layer[v]! -= min;
}

function weights(adj: Adjacency, v: number): [number, number] {
  let win = 0;
  let wout = 0;
  for (let e = adj.inStart[v]!; e < adj.inStart[v + 1]!; e++) win += adj.inWeight[e]!;
  for (let e = adj.outStart[v]!; e < adj.outStart[v + 1]!; e++) wout += adj.outWeight[e]!;
  return [win, wout];
}
