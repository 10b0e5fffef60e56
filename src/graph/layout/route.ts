/**
 * Link routes: point lists from the source's outgoing side to the target's incoming side, running
 * straight through each layer a long link crosses (at its dummy's position), so a smooth curve
 * through them (d3-shape's curveBasis or curveMonotoneX) stays clear of the nodes in those layers.
 * The links of a multi-edge run side by side, LINK_SPREAD apart. Points are (rank, cross) pairs;
 * the caller maps them to (x, y).
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {FoldedEdge} from './prepare.js';

/** Where layers are, and where each node sits across them. */
export interface RankAxis {
  /** Start of each layer along the rank axis. */
  readonly start: Float64Array;
  /** Thickness of each layer along the rank axis. */
  readonly thickness: Float64Array;
  /** Centre of each node (real or dummy) across the layers. */
  readonly cross: Float64Array;
  /** Extent of each node across the layers. */
  readonly size: Float64Array;
  readonly layerGap: number;
}

type Point = [number, number];

/** One route per link of the edge, in the edge's link order, each from the link's source to its target. */
export function routeEdge(
  edge: FoldedEdge,
  chain: Int32Array,
  layerOf: Int32Array,
  axis: RankAxis,
  rankSizes: readonly number[],
  crossSizes: readonly number[],
  spread: number,
): Point[][] {
  const m = edge.links.length;
  return edge.links.map((_, j) => {
    const offset = (j - (m - 1) / 2) * spread;
    const points: Point[] = [];
    const push = (r: number, c: number): void => {
      const last = points[points.length - 1];
      if (!last || last[0] !== r || last[1] !== c) points.push([r, c]);
    };
    const endpointOffset = (v: number): number => {
      const limit = Math.max(0, crossSizes[v]! / 2 - 2);
      return Math.max(-limit, Math.min(limit, offset));
    };
    const from = chain[0]!;
    const to = chain[chain.length - 1]!;
    const lf = layerOf[from]!;
    const lt = layerOf[to]!;
    const centreFrom = axis.start[lf]! + axis.thickness[lf]! / 2;
    const centreTo = axis.start[lt]! + axis.thickness[lt]! / 2;
    const cf = axis.cross[from]! + endpointOffset(from);
    const ct = axis.cross[to]! + endpointOffset(to);
    push(centreFrom + rankSizes[from]! / 2, cf);
    push(axis.start[lf]! + axis.thickness[lf]!, cf);
    for (let k = 1; k + 1 < chain.length; k++) {
      const d = chain[k]!;
      const l = layerOf[d]!;
      push(axis.start[l]!, axis.cross[d]! + offset);
      push(axis.start[l]! + axis.thickness[l]!, axis.cross[d]! + offset);
    }
    push(axis.start[lt]!, ct);
    push(centreTo - rankSizes[to]! / 2, ct);
    // A route needs two points even when a node is as thick as its layer.
    if (points.length === 1) points.push([...points[0]!]);
    return edge.reversed ? points.reverse() : points;
  });
}

/** A small loop out of a node's outgoing side and back, for a link from a node to itself. */
export function routeSelfLink(
  v: number,
  k: number,
  layerOf: Int32Array,
  axis: RankAxis,
  rankSizes: readonly number[],
  crossSizes: readonly number[],
): Point[] {
  const l = layerOf[v]!;
  const edge = axis.start[l]! + axis.thickness[l]! / 2 + rankSizes[v]! / 2;
  const c = axis.cross[v]!;
  const q = Math.min(6, crossSizes[v]! / 4);
  const reach = (axis.layerGap / 3) * (1 + k * 0.5);
  return [
    [edge, c - q],
    [edge + reach, c - q - reach / 2],
    [edge + reach, c + q + reach / 2],
    [edge, c + q],
  ];
}
