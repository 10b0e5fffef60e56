import {describe, expect, it} from 'vitest';
import {countCrossings, layoutGraph} from '../../../src/graph/layout/index.js';
import {orderLayers} from '../../../src/graph/layout/order.js';
import {prepareGraph} from '../../../src/graph/layout/prepare.js';
import {properGraph} from '../../../src/graph/layout/proper.js';
import {
  adjacency,
  assignLayers,
  normalizeLayers,
  topologicalOrder,
} from '../../../src/graph/layout/rank.js';
import {networkSimplex} from '../../../src/graph/layout/simplex.js';
import type {Direction, Graph, Layout, LinkRoute, GraphNodeBox} from '../../../src/graph/model.js';
import {scalarMlpGraph, SCALAR_MLP_200, transformerGraph} from '../../../bench/graphs/index.js';
import {graphOf} from './helpers.js';

/**
 * A hand-drawn layout: nodes at [rank, cross] (x, y for LR; y, x for TB), routes as [rank, cross]
 * points (a straight line between the centres when none is given).
 */
function drawn(
  graph: Graph,
  at: Record<string, [number, number]>,
  routes: Record<string, [number, number][]> = {},
  direction: Direction = 'LR',
): Layout {
  const flip = ([r, c]: [number, number]): readonly [number, number] =>
    direction === 'LR' ? [r, c] : [c, r];
  const nodes: Record<string, GraphNodeBox> = {};
  for (const n of graph.nodes) {
    const [x, y] = flip(at[n.id] ?? [0, 0]);
    nodes[n.id] = {x, y, width: 10, height: 10, layer: 0};
  }
  const links: Record<string, LinkRoute> = {};
  for (const l of graph.links) {
    const points = routes[l.id] ?? [at[l.source] ?? [0, 0], at[l.target] ?? [0, 0]];
    links[l.id] = {points: points.map(flip)};
  }
  return {direction, width: 0, height: 0, nodes, links};
}

describe('countCrossings(graph, layout)', () => {
  const two = graphOf('a>d b>c');
  it('counts two links that swap order between two layers as one crossing', () => {
    expect(
      countCrossings(two, drawn(two, {a: [0, 0], b: [0, 10], c: [100, 0], d: [100, 10]})),
    ).toBe(1);
  });

  it('counts none when they keep their order', () => {
    expect(
      countCrossings(two, drawn(two, {a: [0, 0], b: [0, 10], c: [100, 10], d: [100, 0]})),
    ).toBe(0);
  });

  it('does not count links that share an end', () => {
    const g = graphOf('a>c a>d b>d');
    expect(countCrossings(g, drawn(g, {a: [0, 0], b: [0, 10], c: [100, 0], d: [100, 10]}))).toBe(0);
    const fan = graphOf('a>c b>c');
    expect(countCrossings(fan, drawn(fan, {a: [0, 10], b: [0, 0], c: [100, 5]}))).toBe(0);
  });

  it('reads the layers from the nodes alone, and a long link where its route crosses each layer', () => {
    // Layers at x = 0, 100, 200. a → e spans all three and passes layer 1 at y = 20, below m.
    const g = graphOf('a>e p>m m>e');
    const at: Record<string, [number, number]> = {a: [0, 0], p: [0, 10], m: [100, 10], e: [200, 0]};
    const below = drawn(g, at, {
      'a>e#0': [
        [0, 0],
        [100, 20],
        [200, 0],
      ],
    });
    // Between layers 0 and 1: a (0 → 20) crosses p → m (10 → 10); between 1 and 2 they share e.
    expect(countCrossings(g, below)).toBe(1);
    const above = drawn(g, at, {
      'a>e#0': [
        [0, 0],
        [100, 0],
        [200, 0],
      ],
    });
    expect(countCrossings(g, above)).toBe(0);
  });

  it('follows a sampled curve, not its end points', () => {
    const g = graphOf('a>e p>m q>n');
    // p → m and q → n end in layer 1; a → e wiggles through layer 1 between them.
    const at: Record<string, [number, number]> = {
      a: [0, 0],
      p: [0, 10],
      q: [0, 20],
      m: [100, 10],
      n: [100, 20],
      e: [200, 0],
    };
    const curve: [number, number][] = [
      [0, 0],
      [50, 12],
      [100, 15],
      [150, 8],
      [200, 0],
    ];
    expect(countCrossings(g, drawn(g, at, {'a>e#0': curve}))).toBe(1);
  });

  it('counts the same for TB as for LR', () => {
    const at: Record<string, [number, number]> = {a: [0, 0], b: [0, 10], c: [100, 0], d: [100, 10]};
    expect(countCrossings(two, drawn(two, at, {}, 'TB'))).toBe(1);
  });

  it('counts K3,3 between two layers as 9, and each link of a multi-edge separately', () => {
    const k = graphOf('a>d a>e a>f b>d b>e b>f c>d c>e c>f');
    const at: Record<string, [number, number]> = {
      a: [0, 0],
      b: [0, 10],
      c: [0, 20],
      d: [50, 0],
      e: [50, 10],
      f: [50, 20],
    };
    expect(countCrossings(k, drawn(k, at))).toBe(9);
    const multi = graphOf('a>d a>d b>c');
    expect(
      countCrossings(multi, drawn(multi, {a: [0, 0], b: [0, 10], c: [100, 0], d: [100, 10]})),
    ).toBe(2);
  });

  it('ignores links within one layer and loops', () => {
    const g = graphOf('a>b a>a b>c');
    expect(countCrossings(g, drawn(g, {a: [0, 0], b: [0, 10], c: [100, 0]}))).toBe(0);
  });

  it.each([
    ['scalar MLP (~200 nodes)', scalarMlpGraph(SCALAR_MLP_200)],
    ['transformer, 2 blocks', transformerGraph(2)],
  ])('agrees with the crossings the ordering stage counted, for %s', (_, graph) => {
    const p = prepareGraph(graph);
    const adj = adjacency(p.n, p.edges);
    const layer = assignLayers(p.n, adj, topologicalOrder(p.n, adj));
    networkSimplex(p.n, p.edges, layer);
    normalizeLayers(layer);
    const {crossings} = orderLayers(properGraph(p.n, layer, p.edges));
    expect(countCrossings(graph, layoutGraph(graph))).toBe(crossings);
    expect(countCrossings(graph, layoutGraph(graph, {direction: 'TB'}))).toBe(crossings);
  });
});
