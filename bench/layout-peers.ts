/**
 * The layout peers the benchmark compares with — @dagrejs/dagre, d3-dag and Graphviz dot
 * (@viz-js/viz, wasm) — each run on our Graph with the same node sizes and gaps, and each
 * result read back into our Layout shape, so countCrossings counts every tool's drawing by the
 * same rule. Graphviz's splines are sampled into polylines for that.
 */
import dagre, {type EdgeLabel, type GraphLabel, type NodeLabel} from '@dagrejs/dagre';
import {
  coordGreedy,
  decrossTwoLayer,
  graph as dagGraph,
  layeringSimplex,
  sugiyama,
  type MutGraphNode,
} from 'd3-dag';
import {instance, type Viz} from '@viz-js/viz';
import type {Graph, GraphNode, Layout, LinkRoute, GraphNodeBox} from '../src/graph/model.js';
import {DEFAULT_LAYER_GAP, DEFAULT_NODE_GAP} from '../src/graph/layout/index.js';

/** A peer: a name and a function laying out a graph left to right. */
export interface Peer {
  readonly name: string;
  readonly layout: (graph: Graph) => Layout;
}

type Point = readonly [number, number];

/** dagre, left to right, multigraph so that repeated links stay separate. */
export const dagrePeer: Peer = {
  name: 'dagre',
  layout(graph) {
    const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({multigraph: true});
    g.setGraph({rankdir: 'LR', nodesep: DEFAULT_NODE_GAP, ranksep: DEFAULT_LAYER_GAP});
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of graph.nodes) g.setNode(node.id, {width: node.width, height: node.height});
    for (const link of graph.links) g.setEdge(link.source, link.target, {}, link.id);
    dagre.layout(g);
    const nodes: Record<string, GraphNodeBox> = {};
    for (const node of graph.nodes) {
      const {x = 0, y = 0} = g.node(node.id);
      nodes[node.id] = {x, y, width: node.width, height: node.height, layer: 0};
    }
    const links: Record<string, LinkRoute> = {};
    for (const link of graph.links) {
      const label = g.edge({v: link.source, w: link.target, name: link.id});
      links[link.id] = {points: (label.points ?? []).map((p) => [p.x, p.y] as const)};
    }
    const {width = 0, height = 0} = g.graph();
    return {direction: 'LR', width, height, nodes, links};
  },
};

/**
 * d3-dag's sugiyama with simplex layering, two-layer decrossing and greedy coordinates (its
 * default quadratic coordinates take minutes past ~100 nodes). d3-dag lays out top to bottom, so
 * node sizes go in turned a quarter round and the result is a TB layout of the same drawing.
 */
export const d3dagPeer: Peer = {
  name: 'd3-dag',
  layout(graph) {
    const g = dagGraph<GraphNode, string>();
    const byId = new Map<string, MutGraphNode<GraphNode, string>>();
    for (const node of graph.nodes) byId.set(node.id, g.node(node));
    for (const link of graph.links) {
      const s = byId.get(link.source);
      const t = byId.get(link.target);
      if (s && t) g.link(s, t, link.id);
    }
    const layout = sugiyama()
      .layering(layeringSimplex())
      .decross(decrossTwoLayer())
      .coord(coordGreedy())
      .nodeSize((n: {data: GraphNode}) => [n.data.height, n.data.width] as const)
      .gap([DEFAULT_NODE_GAP, DEFAULT_LAYER_GAP]);
    const {width, height} = layout(g);
    const nodes: Record<string, GraphNodeBox> = {};
    for (const n of g.nodes()) {
      nodes[n.data.id] = {x: n.x, y: n.y, width: n.data.height, height: n.data.width, layer: 0};
    }
    const links: Record<string, LinkRoute> = {};
    for (const l of g.links()) links[l.data] = {points: l.points.map(([x, y]) => [x, y] as const)};
    return {direction: 'TB', width, height, nodes, links};
  },
};

interface DotJson {
  objects?: {name: string; pos?: string}[];
  edges?: {id?: string; pos?: string}[];
  bb?: string;
}

/** Graphviz dot through @viz-js/viz (wasm); the instance loads asynchronously, once. */
export async function dotPeer(): Promise<Peer> {
  const viz: Viz = await instance();
  return {
    name: 'Graphviz dot',
    layout(graph) {
      const json = viz.renderJSON({
        directed: true,
        graphAttributes: {
          rankdir: 'LR',
          nodesep: DEFAULT_NODE_GAP / 72,
          ranksep: DEFAULT_LAYER_GAP / 72,
        },
        nodeAttributes: {shape: 'box', fixedsize: true, label: ''},
        nodes: graph.nodes.map((n) => ({
          name: n.id,
          attributes: {width: n.width / 72, height: n.height / 72},
        })),
        edges: graph.links.map((l) => ({tail: l.source, head: l.target, attributes: {id: l.id}})),
      }) as DotJson;
      const nodes: Record<string, GraphNodeBox> = {};
      const sizes = new Map(graph.nodes.map((n) => [n.id, n]));
      for (const o of json.objects ?? []) {
        const n = sizes.get(o.name);
        const [x = 0, y = 0] = (o.pos ?? '0,0').split(',').map(Number);
        if (n) nodes[n.id] = {x, y, width: n.width, height: n.height, layer: 0};
      }
      const links: Record<string, LinkRoute> = {};
      for (const e of json.edges ?? []) {
        if (e.id !== undefined) links[e.id] = {points: sampleSpline(e.pos ?? '')};
      }
      const [, , width = 0, height = 0] = (json.bb ?? '0,0,0,0').split(',').map(Number);
      return {direction: 'LR', width, height, nodes, links};
    },
  };
}

/** Graphviz's edge `pos` (optional s/e arrow points, then 3k+1 cubic Bézier points) as a polyline. */
function sampleSpline(pos: string): Point[] {
  const control = pos
    .split(/\s+/)
    .filter((token) => token !== '' && !token.startsWith('e,') && !token.startsWith('s,'))
    .map((token) => token.split(',').map(Number) as [number, number]);
  const out: Point[] = [];
  const first = control[0];
  if (!first) return out;
  out.push(first);
  for (let i = 0; i + 3 < control.length; i += 3) {
    const [p0, p1, p2, p3] = [control[i], control[i + 1], control[i + 2], control[i + 3]];
    if (!p0 || !p1 || !p2 || !p3) break;
    for (let s = 1; s <= 8; s++) {
      const t = s / 8;
      const a = (1 - t) ** 3;
      const b = 3 * (1 - t) ** 2 * t;
      const c = 3 * (1 - t) * t ** 2;
      const d = t ** 3;
      out.push([
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
      ]);
    }
  }
  return out;
}
