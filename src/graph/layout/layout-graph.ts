/**
 * layoutGraph: the whole layered layout, stage by stage — prepare (fold multi-edges, break
 * cycles) → rank (longest path, then network simplex) → proper graph (dummy chains) → order
 * (crossing minimisation) → coordinates (priority method, quadratic smoothing) → routes. Pure and
 * deterministic: the same graph and options give the same numbers, bit for bit.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {Direction, Graph, GraphNode, Layout, LinkRoute, GraphNodeBox} from '../model.js';
import {assignCoordinates} from './priority.js';
import {orderLayers} from './order.js';
import {prepareGraph} from './prepare.js';
import {properGraph} from './proper.js';
import {adjacency, assignLayers, normalizeLayers, topologicalOrder} from './rank.js';
import {networkSimplex} from './simplex.js';
import {routeEdge, routeSelfLink, type RankAxis} from './route.js';

/** How to lay a graph out. */
export interface LayoutOptions {
  /** Layers run left to right (default) or top to bottom. */
  readonly direction?: Direction;
  /** Space between neighbouring nodes within a layer (default 20). */
  readonly nodeGap?: number;
  /** Space between consecutive layers (default 40). */
  readonly layerGap?: number;
}

/** Default gaps, in SVG user units. */
export const DEFAULT_NODE_GAP = 20;
/** Default space between layers. */
export const DEFAULT_LAYER_GAP = 40;
/** Distance between the parallel links of a multi-edge (e.g. the two links of `y * y`). */
export const LINK_SPREAD = 6;

/** Lays out a graph in layers: positions for every node and a route for every link. */
export function layoutGraph(graph: Graph, options: LayoutOptions = {}): Layout {
  const direction = options.direction ?? 'LR';
  const nodeGap = options.nodeGap ?? DEFAULT_NODE_GAP;
  const layerGap = options.layerGap ?? DEFAULT_LAYER_GAP;
  const prepared = prepareGraph(graph);
  const {n, edges} = prepared;
  if (n === 0) return {direction, width: 0, height: 0, nodes: {}, links: {}};

  const adj = adjacency(n, edges);
  const layer = assignLayers(n, adj, topologicalOrder(n, adj));
  networkSimplex(n, edges, layer);
  normalizeLayers(layer);
  const g = properGraph(n, layer, edges);
  const {layers} = orderLayers(g);

  const lr = direction === 'LR';
  const rankSize = (node: GraphNode): number => (lr ? node.width : node.height);
  const crossSize = (node: GraphNode): number => (lr ? node.height : node.width);
  const size = new Float64Array(g.total);
  for (let v = 0; v < g.total; v++) {
    size[v] = v < n ? crossSize(graph.nodes[v]!) : (g.through[v]! - 1) * LINK_SPREAD;
  }
  const cross = assignCoordinates(g, layers, {size, nodeGap, edgeGap: nodeGap / 2});

  // Layers are as thick as their thickest node; nodes sit on the layer's centre line.
  const start = new Float64Array(g.layerCount);
  const thickness = new Float64Array(g.layerCount);
  for (let v = 0; v < n; v++) {
    const l = g.layerOf[v]!;
    thickness[l] = Math.max(thickness[l]!, rankSize(graph.nodes[v]!));
  }
  for (let l = 1; l < g.layerCount; l++) start[l] = start[l - 1]! + thickness[l - 1]! + layerGap;
  const axis: RankAxis = {start, thickness, cross, size, layerGap};

  const point = lr
    ? (rank: number, across: number): readonly [number, number] => [rank, across]
    : (rank: number, across: number): readonly [number, number] => [across, rank];
  const nodes: Record<string, GraphNodeBox> = {};
  let crossExtent = 0;
  for (let v = 0; v < g.total; v++) crossExtent = Math.max(crossExtent, cross[v]! + size[v]! / 2);
  graph.nodes.forEach((node, v) => {
    const l = g.layerOf[v]!;
    const [x, y] = point(start[l]! + thickness[l]! / 2, cross[v]!);
    nodes[node.id] = {x, y, width: node.width, height: node.height, layer: l};
  });

  const rankSizes = graph.nodes.map(rankSize);
  const crossSizes = graph.nodes.map(crossSize);
  const links: Record<string, LinkRoute> = {};
  let rankExtent = start[g.layerCount - 1]! + thickness[g.layerCount - 1]!;
  edges.forEach((edge, i) => {
    const routes = routeEdge(
      edge,
      g.chains[i]!,
      g.layerOf,
      axis,
      rankSizes,
      crossSizes,
      LINK_SPREAD,
    );
    edge.links.forEach((id, j) => (links[id] = {points: routes[j]!.map(([r, c]) => point(r, c))}));
  });
  prepared.selfLinks.forEach(([id, v], k) => {
    const route = routeSelfLink(v, k, g.layerOf, axis, rankSizes, crossSizes);
    for (const [r] of route) rankExtent = Math.max(rankExtent, r);
    links[id] = {points: route.map(([r, c]) => point(r, c))};
  });
  // Keep every link in graph order, whichever stage produced its route.
  const ordered: Record<string, LinkRoute> = {};
  for (const link of graph.links) ordered[link.id] = links[link.id]!;

  const [width, height] = point(rankExtent, crossExtent);
  return {direction, width, height, nodes, links: ordered};
}
