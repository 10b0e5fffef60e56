import {describe, expect, it} from 'vitest';
import type {Graph} from '../../src/graph/model.js';
import {
  createMiniDocument,
  draw,
  renderSVG,
  serializeMini,
  topologicalOrder,
} from '../../src/render/index.js';
import {MAX_PNG_PIXELS, MAX_PNG_SIDE, pngScale} from '../../src/render/export.js';
import {clipToOutline} from '../../src/render/route.js';
import {fixtureLayout, seedGraph, seedStateAt, seedTimeline} from './fixtures/seed.js';

const layout = fixtureLayout(seedGraph);

function drawAt(k: number, svg?: SVGSVGElement) {
  return draw(seedGraph, layout, seedStateAt(k), {
    document: createMiniDocument(),
    step: seedTimeline.steps[k] ?? null,
    ...(svg ? {svg} : {}),
  });
}

function textOf(el: Element): string {
  return el.textContent;
}

describe('draw(graph, layout, state, {document})', () => {
  it('makes one group per node in topological order and one per link', () => {
    const {nodes, links, order} = drawAt(0);
    expect(nodes.size()).toBe(seedGraph.nodes.length);
    expect(links.size()).toBe(seedGraph.links.length);
    expect(order).toEqual(topologicalOrder(seedGraph).map((n) => n.id));
    expect(nodes.nodes().map((n) => n.getAttribute('data-id'))).toEqual(order);
  });

  it('updates the same SVG in place, keeping each node element', () => {
    const first = drawAt(0);
    const before = first.nodes.nodes();
    const second = drawAt(8, first.svg);
    expect(second.svg).toBe(first.svg);
    expect(second.nodes.nodes()).toEqual(before);
  });

  it('reports nodes that became visible since the last draw', () => {
    const first = drawAt(0);
    const second = drawAt(1, first.svg);
    expect([...second.appeared].sort()).toEqual(
      (seedTimeline.steps[1]?.nodeIds ?? []).filter((id) => !first.appeared.has(id)).sort(),
    );
  });

  it('shows a tensor box as name, shape, values, then grad', () => {
    const {nodes} = drawAt(9);
    const x = nodes.filter((d) => d.node.id === 't0').node();
    expect(x).not.toBeNull();
    const texts = Array.from(x?.children ?? [])
      .filter((c) => c.localName === 'text')
      .map((c) => [c.getAttribute('class'), textOf(c)]);
    expect(texts.map((t) => t[0])).toEqual([
      'gg-label',
      'gg-sublabel',
      'gg-value',
      'gg-grad-title',
      'gg-grad',
    ]);
    expect(texts[0]?.[1]).toBe('x');
    expect(texts[4]?.[1]).toContain(seedStateAt(9).nodes.t0?.grad?.text.split('\n')[0]);
  });

  it('marks a sum where a tensor fed several ops and the += into a leaf .grad', () => {
    const atSum = drawAt(8);
    const y = atSum.nodes.filter((d) => d.node.id === 't1');
    expect(y.datum().summed).toBe(2);
    expect(serializeMini(y.node() as Element)).toContain('>Σ<');
    const atLeaf = drawAt(9);
    const x = atLeaf.nodes.filter((d) => d.node.id === 't0');
    expect(x.datum().accumulating).toBe(true);
    expect(serializeMini(x.node() as Element)).toContain('.grad +=');
  });

  it('draws backward flow in its own class with the arrow at the start', () => {
    const {links} = drawAt(8);
    const l2 = links.filter((d) => d.link.id === 'l2').node();
    expect(l2?.getAttribute('class')).toContain('gg-backward');
    const path = l2?.children[0];
    expect(path?.getAttribute('marker-start')).toBe('url(#gg-arrow-backward)');
    expect(path?.getAttribute('marker-end')).toBeNull();
    const fwd = drawAt(1)
      .links.filter((d) => d.link.id === 'l0')
      .node();
    expect(fwd?.getAttribute('class')).toContain('gg-forward');
  });

  it('puts user text in as text, never as markup', () => {
    const evil: Graph = {
      view: 'dataflow',
      nodes: [
        {id: 't0', kind: 'tensor', label: '<script>alert(1)</script>', width: 120, height: 40},
      ],
      links: [],
    };
    const svg = renderSVG(evil, fixtureLayout(evil), {
      step: 0,
      nodes: {t0: {visible: true, active: false}},
      links: {},
      span: null,
      narration: {en: 'a & b <i>', zh: ''},
      output: '',
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('a &amp; b &lt;i&gt;');
  });

  it('renderSVG stands alone: xmlns, viewBox, styles and named fonts inside', () => {
    const svg = renderSVG(seedGraph, layout, seedStateAt(0));
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(svg).toMatch(/viewBox="0 0 [\d.]+ [\d.]+"/);
    expect(svg).toContain('<style');
    expect(svg).toContain('font-family: "Helvetica Neue"');
    expect(svg).not.toContain('var(--');
  });
});

describe('topologicalOrder(graph)', () => {
  it('puts every source before its targets, ties in graph order', () => {
    const g: Graph = {
      view: 'dataflow',
      nodes: ['c', 'b', 'a', 'd'].map((id) => ({
        id,
        kind: 'op' as const,
        label: id,
        width: 10,
        height: 10,
      })),
      links: [
        {id: '1', source: 'a', target: 'c'},
        {id: '2', source: 'b', target: 'c'},
        {id: '3', source: 'c', target: 'd'},
      ],
    };
    expect(topologicalOrder(g).map((n) => n.id)).toEqual(['b', 'a', 'c', 'd']);
  });
});

describe('clipToOutline(inner, outer, outline)', () => {
  const box = {x: 0, y: 0, width: 20, height: 10, layer: 0};
  it('moves a centre onto a box border towards the outer point', () => {
    expect(clipToOutline([0, 0], [30, 0], {box, round: false})).toEqual([10, 0]);
    expect(clipToOutline([0, 0], [0, -30], {box, round: false})).toEqual([0, -5]);
  });
  it('moves a centre onto a circle', () => {
    const [x, y] = clipToOutline([0, 0], [0, 40], {box, round: true});
    expect(x).toBeCloseTo(0);
    expect(y).toBeCloseTo(5);
  });
  it('keeps a point that is already outside', () => {
    expect(clipToOutline([15, 0], [30, 0], {box, round: false})).toEqual([15, 0]);
  });
});

describe('pngScale(width, height, requested)', () => {
  it('keeps the scale asked for when the canvas fits', () => {
    expect(pngScale(800, 600, 2)).toBe(2);
  });

  it('lowers it so a picture of any size stays within the canvas limits', () => {
    for (const [w, h] of [
      [60000, 900],
      [9000, 9000],
      [400, 120000],
    ] as const) {
      const s = pngScale(w, h, 2);
      expect(s).toBeLessThan(2);
      expect(w * s).toBeLessThanOrEqual(MAX_PNG_SIDE);
      expect(h * s).toBeLessThanOrEqual(MAX_PNG_SIDE);
      expect(w * s * h * s).toBeLessThanOrEqual(MAX_PNG_PIXELS * 1.0001);
    }
  });
});
