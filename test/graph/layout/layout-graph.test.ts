import {describe, expect, it} from 'vitest';
import {countCrossings, layoutGraph, LINK_SPREAD} from '../../../src/graph/layout/index.js';
import type {Graph} from '../../../src/graph/model.js';
import {
  scalarMlpGraph,
  SCALAR_MLP_200,
  tensorMlpGraph,
  transformerGraph,
} from '../../../bench/graphs/index.js';
import {box, graphOf, onBoundary, overlaps} from './helpers.js';

const fixtures: [string, Graph][] = [
  ['tensor MLP', tensorMlpGraph()],
  ['scalar MLP (~200 nodes)', scalarMlpGraph(SCALAR_MLP_200)],
  ['transformer, 1 block', transformerGraph(1)],
  ['diamond', graphOf('a>b a>c b>d c>d', {ops: 'b c'})],
];

describe('layoutGraph(graph)', () => {
  it('gives an empty layout for an empty graph', () => {
    const layout = layoutGraph({view: 'dataflow', nodes: [], links: []});
    expect(layout).toEqual({direction: 'LR', width: 0, height: 0, nodes: {}, links: {}});
  });

  it('places a single node at its own size', () => {
    const layout = layoutGraph(graphOf('', {isolated: 'x'}));
    expect(box(layout, 'x')).toEqual({x: 45, y: 20, width: 90, height: 40, layer: 0});
    expect([layout.width, layout.height]).toEqual([90, 40]);
  });

  it.each(fixtures)('is deterministic: the same numbers for %s', (_, graph) => {
    const first = layoutGraph(graph);
    const again = layoutGraph(structuredClone(graph));
    expect(again).toEqual(first);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  for (const direction of ['LR', 'TB'] as const) {
    it.each(fixtures)(`${direction}: no two node boxes overlap in %s`, (_, graph) => {
      expect(overlaps(graph, layoutGraph(graph, {direction}))).toEqual([]);
    });

    it.each(fixtures)(
      `${direction}: every route runs from its source's box to its target's in %s`,
      (_, graph) => {
        const layout = layoutGraph(graph, {direction});
        for (const link of graph.links) {
          const points = layout.links[link.id]?.points ?? [];
          expect(points.length).toBeGreaterThanOrEqual(2);
          expect(onBoundary(points[0] ?? [NaN, NaN], box(layout, link.source))).toBe(true);
          expect(
            onBoundary(points[points.length - 1] ?? [NaN, NaN], box(layout, link.target)),
          ).toBe(true);
        }
      },
    );

    it.each(fixtures)(
      `${direction}: links point to later layers, along the flow, in %s`,
      (_, graph) => {
        const layout = layoutGraph(graph, {direction});
        for (const link of graph.links) {
          const s = box(layout, link.source);
          const t = box(layout, link.target);
          expect(t.layer).toBeGreaterThan(s.layer);
          if (direction === 'LR') expect(t.x).toBeGreaterThan(s.x);
          else expect(t.y).toBeGreaterThan(s.y);
        }
      },
    );

    it.each(fixtures)(`${direction}: everything fits in width × height for %s`, (_, graph) => {
      const layout = layoutGraph(graph, {direction});
      for (const b of Object.values(layout.nodes)) {
        expect(b.x - b.width / 2).toBeGreaterThanOrEqual(-1e-6);
        expect(b.y - b.height / 2).toBeGreaterThanOrEqual(-1e-6);
        expect(b.x + b.width / 2).toBeLessThanOrEqual(layout.width + 1e-6);
        expect(b.y + b.height / 2).toBeLessThanOrEqual(layout.height + 1e-6);
      }
      for (const route of Object.values(layout.links)) {
        for (const [x, y] of route.points) {
          expect(x).toBeGreaterThanOrEqual(-1e-6);
          expect(y).toBeGreaterThanOrEqual(-1e-6);
          expect(x).toBeLessThanOrEqual(layout.width + 1e-6);
          expect(y).toBeLessThanOrEqual(layout.height + 1e-6);
        }
      }
    });
  }

  it('LR puts a layer on a vertical line, TB on a horizontal one, with the same layers', () => {
    const graph = scalarMlpGraph(SCALAR_MLP_200);
    const lr = layoutGraph(graph, {direction: 'LR'});
    const tb = layoutGraph(graph, {direction: 'TB'});
    expect(tb.direction).toBe('TB');
    const lineOf = new Map<number, {x: number; y: number}>();
    for (const node of graph.nodes) {
      const a = box(lr, node.id);
      const b = box(tb, node.id);
      expect(b.layer).toBe(a.layer);
      const line = lineOf.get(a.layer);
      if (line) {
        expect(a.x).toBe(line.x);
        expect(b.y).toBe(line.y);
      } else lineOf.set(a.layer, {x: a.x, y: b.y});
    }
  });

  it('puts leaves first and the loss last', () => {
    const graph = scalarMlpGraph(SCALAR_MLP_200);
    const layout = layoutGraph(graph);
    const loss = graph.nodes[graph.nodes.length - 1]?.id ?? '';
    const last = Math.max(...Object.values(layout.nodes).map((b) => b.layer));
    expect(box(layout, loss).layer).toBe(last);
    const targets = new Set(graph.links.map((l) => l.target));
    const sources = graph.nodes.filter((n) => !targets.has(n.id));
    expect(Math.min(...sources.map((n) => box(layout, n.id).layer))).toBe(0);
  });

  it('respects nodeGap and layerGap', () => {
    const graph = graphOf('a>c b>c', {ops: 'c'});
    const layout = layoutGraph(graph, {nodeGap: 50, layerGap: 100});
    expect(Math.abs(box(layout, 'a').y - box(layout, 'b').y)).toBeGreaterThanOrEqual(40 + 50);
    expect(box(layout, 'c').x - 14 - (box(layout, 'a').x + 45)).toBe(100);
  });

  it('draws both links of y * y, LINK_SPREAD apart all along', () => {
    const graph = graphOf('x>add add>y y>mul y>mul mul>z', {ops: 'add mul'});
    const layout = layoutGraph(graph);
    const [first, second] = graph.links
      .filter((l) => l.source === 'y')
      .map((l) => layout.links[l.id]?.points ?? []);
    expect(first?.length).toBe(second?.length);
    first?.forEach(([x, y], i) => {
      const [x2, y2] = second?.[i] ?? [NaN, NaN];
      expect(x2).toBe(x);
      expect(Math.abs(y2 - y)).toBeCloseTo(LINK_SPREAD, 9);
    });
  });

  it('keeps three parallel links inside a small op and separated', () => {
    const graph = graphOf('a>f a>f a>f', {ops: 'f'});
    const layout = layoutGraph(graph);
    const ends = graph.links.map((l) => layout.links[l.id]?.points.at(-1)?.[1] ?? NaN);
    expect(new Set(ends).size).toBe(3);
    const f = box(layout, 'f');
    for (const y of ends) expect(Math.abs(y - f.y)).toBeLessThan(f.height / 2);
  });

  it('routes a long link through the layers it crosses, clear of their nodes', () => {
    // a → b → c → d, and a → d skips two layers.
    const graph = graphOf('a>b b>c c>d a>d');
    const layout = layoutGraph(graph);
    const route = layout.links['a>d#3']?.points ?? [];
    expect(route.length).toBeGreaterThan(2);
    for (const id of ['b', 'c']) {
      const b = box(layout, id);
      for (const [x, y] of route) {
        const inside = Math.abs(x - b.x) < b.width / 2 && Math.abs(y - b.y) < b.height / 2;
        expect(inside).toBe(false);
      }
    }
  });

  it('lays out disconnected components and isolated nodes without overlaps', () => {
    const graph = graphOf('a>b b>c p>q q>r q>s', {isolated: 'lonely alone', ops: 'b q'});
    const layout = layoutGraph(graph);
    expect(Object.keys(layout.nodes).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(overlaps(graph, layout)).toEqual([]);
    expect(countCrossings(graph, layout)).toBe(0);
    expect(layoutGraph(graph)).toEqual(layout);
  });

  it.each([
    ['a chain', 'a>b b>c c>d d>e'],
    ['a diamond', 'a>b a>c b>d c>d'],
    ['a sum tree', 'p>s1 q>s1 r>s2 t>s2 s1>u s2>u u>loss'],
    ['a fan-out and fan-in', 'x>a x>b x>c a>y b>y c>y'],
    ['two diamonds sharing a node', 'a>b a>c b>d c>d d>e d>f e>g f>g'],
    [
      'a micrograd neuron',
      'x0>m0 w0>m0 m0>p0 b>a0 p0>a0 a0>s0 x1>m1 w1>m1 m1>p1 s0>a1 p1>a1 a1>s1 s1>t t>out',
    ],
  ])('draws %s without crossings', (_, edges) => {
    const graph = graphOf(edges);
    expect(countCrossings(graph, layoutGraph(graph))).toBe(0);
  });

  it('leaves the unavoidable 9 crossings of K3,3 between two layers', () => {
    const graph = graphOf('a>d a>e a>f b>d b>e b>f c>d c>e c>f');
    expect(countCrossings(graph, layoutGraph(graph))).toBe(9);
  });

  it('turns a cycle round but still routes every link from its source to its target', () => {
    const graph = graphOf('a>b b>c c>a');
    const layout = layoutGraph(graph);
    for (const link of graph.links) {
      const points = layout.links[link.id]?.points ?? [];
      expect(onBoundary(points[0] ?? [NaN, NaN], box(layout, link.source))).toBe(true);
      expect(onBoundary(points.at(-1) ?? [NaN, NaN], box(layout, link.target))).toBe(true);
    }
    expect(overlaps(graph, layout)).toEqual([]);
  });

  it('draws a link from a node to itself as a loop on that node', () => {
    const graph = graphOf('a>a a>b');
    const layout = layoutGraph(graph);
    const loop = layout.links['a>a#0']?.points ?? [];
    expect(loop.length).toBe(4);
    expect(onBoundary(loop[0] ?? [NaN, NaN], box(layout, 'a'))).toBe(true);
    expect(onBoundary(loop.at(-1) ?? [NaN, NaN], box(layout, 'a'))).toBe(true);
    for (const [x, y] of loop) {
      expect(x).toBeLessThanOrEqual(layout.width);
      expect(y).toBeLessThanOrEqual(layout.height);
    }
  });

  it('rejects a link to a node that is not in the graph, and duplicate node ids', () => {
    const graph = graphOf('a>b');
    expect(() => layoutGraph({...graph, links: [{id: 'l', source: 'a', target: 'zz'}]})).toThrow(
      'layout: link "l" joins unknown node(s) a → zz',
    );
    expect(() => layoutGraph({...graph, nodes: [...graph.nodes, ...graph.nodes]})).toThrow(
      'layout: duplicate node id "a"',
    );
  });
});
