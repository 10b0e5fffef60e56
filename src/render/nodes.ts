/** The inside of each kind of graph node: tensor boxes, op circles, grad_fn boxes, the seed. */
import type {Selection} from 'd3-selection';
import type {DisplayTensor, GraphNode, NodeBox, NodeState} from '../graph/model.js';
import type {Words} from './words.js';

/** Everything one node's drawing depends on, computed by `draw` for each step. */
export interface NodeDatum {
  readonly node: GraphNode;
  readonly box: NodeBox;
  readonly state: NodeState;
  /** The phase of the step that lights it, or null when not lit. */
  readonly lit: 'forward' | 'backward' | null;
  /** How many gradients have been summed into this tensor (links out of it carrying a grad). */
  readonly summed: number;
  /** A leaf whose `.grad` is being accumulated into at this step. */
  readonly accumulating: boolean;
}

type G = Selection<SVGGElement, NodeDatum, null, undefined>;

/** Line height of the monospace value text, in px at the default 11px font. */
const LINE = 13;
/** Approximate advance of one monospace character at 11px (DejaVu Sans Mono is 0.602 em). */
const CHAR = 6.63;

function lines(t: DisplayTensor | undefined): string[] {
  return t ? t.text.split('\n') : [];
}

/** Appends `<text>` with one `<tspan>` per line, each set with `.text()` (never as markup). */
function multiline(
  g: G,
  cls: string,
  x: number,
  y: number,
  text: readonly string[],
  size: number,
): void {
  const t = g.append('text').attr('class', cls).attr('x', x).attr('y', y);
  if (size !== 11) t.attr('style', `font-size:${fmt(size)}px`);
  text.forEach((line, i) => {
    t.append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : fmt((LINE * size) / 11))
      .text(line);
  });
}

function fmt(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A tensor box: name and shape on top, the values, then (once it has one) the grad. */
function drawTensor(g: G, d: NodeDatum, w: Words): void {
  const {width, height} = d.box;
  g.append('rect')
    .attr('class', 'gg-shape')
    .attr('width', width)
    .attr('height', height)
    .attr('rx', 5);
  g.append('text').attr('class', 'gg-label').attr('x', 8).attr('y', 16).text(d.node.label);
  if (d.node.sublabel) {
    g.append('text')
      .attr('class', 'gg-sublabel')
      .attr('x', width - 8)
      .attr('y', 16)
      .attr('text-anchor', 'end')
      .text(d.node.sublabel);
  }
  const value = d.state.visible ? lines(d.state.value) : [];
  const grad = d.state.visible ? lines(d.state.grad) : [];
  const gradTitle = d.accumulating
    ? w.accumulate
    : d.summed > 1
      ? `${d.node.role === 'leaf' ? w.leafGrad : w.grad} = ${w.sumOf(d.summed)}`
      : d.node.role === 'leaf'
        ? w.leafGrad
        : w.grad;
  // Fit the body into the box the view sized: shrink the font rather than overflow.
  const rows = value.length + (grad.length ? grad.length + 1.6 : 0);
  const longest = Math.max(0, ...value.map((l) => l.length), ...grad.map((l) => l.length));
  const room = height - 26;
  const size = Math.max(
    6,
    Math.min(
      11,
      rows ? (room / (rows * LINE)) * 11 : 11,
      longest ? ((width - 14) / (longest * CHAR)) * 11 : 11,
    ),
  );
  const lh = (LINE * size) / 11;
  let y = 24 + lh;
  if (value.length) {
    multiline(g, 'gg-value', 8, y, value, size);
    y += value.length * lh;
  }
  if (grad.length) {
    g.append('line')
      .attr('class', 'gg-rule')
      .attr('x1', 6)
      .attr('x2', width - 6)
      .attr('y1', fmt(y - lh + 5))
      .attr('y2', fmt(y - lh + 5));
    g.append('text')
      .attr('class', 'gg-grad-title')
      .attr('x', 8)
      .attr('y', fmt(y + 0.6 * lh))
      .text(gradTitle);
    multiline(g, 'gg-grad', 8, y + 1.6 * lh, grad, size);
  }
  if (d.summed > 1 && grad.length) badge(g, width - 2, 2, 'Σ', w.sumOf(d.summed));
  if (d.accumulating) badge(g, 0, height / 2, '+=', w.accumulate);
}

/** A small filled marker on a node's border that says a sum or an accumulation happens here. */
function badge(g: G, x: number, y: number, text: string, title: string): void {
  const b = g
    .append('g')
    .attr('class', 'gg-badge')
    .attr('transform', `translate(${fmt(x)},${fmt(y)})`);
  b.append('title').text(title);
  b.append('circle').attr('r', 9);
  b.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').text(text);
}

/** An op: a small circle, its label inside when short, else beside it. */
function drawOp(g: G, d: NodeDatum): void {
  const {width, height} = d.box;
  const r = Math.min(width, height) / 2;
  g.append('circle')
    .attr('class', 'gg-shape')
    .attr('cx', fmt(width / 2))
    .attr('cy', fmt(height / 2))
    .attr('r', fmt(r));
  const inside = d.node.label.length * 7.5 <= 2 * r;
  g.append('text')
    .attr('class', 'gg-label')
    .attr('x', fmt(width / 2))
    .attr('y', fmt(inside ? height / 2 : height + 12))
    .attr('dy', inside ? '0.35em' : '0')
    .attr('text-anchor', 'middle')
    .text(d.node.label);
}

/** A grad_fn, AccumulateGrad or seed: a rounded box with its name and, for the seed, its value. */
function drawBox(g: G, d: NodeDatum, w: Words): void {
  const {width, height} = d.box;
  g.append('rect')
    .attr('class', 'gg-shape')
    .attr('width', width)
    .attr('height', height)
    .attr('rx', d.node.kind === 'seed' ? 10 : 4);
  const value =
    d.node.kind === 'seed' && d.state.visible ? lines(d.state.grad ?? d.state.value) : [];
  const label = d.node.kind === 'seed' && !d.node.label ? w.seed : d.node.label;
  const top = value.length ? 16 : height / 2;
  g.append('text')
    .attr('class', 'gg-label')
    .attr('x', fmt(width / 2))
    .attr('y', fmt(top))
    .attr('dy', value.length ? 0 : d.node.sublabel ? '-0.1em' : '0.35em')
    .attr('text-anchor', 'middle')
    .text(label);
  if (d.node.sublabel && !value.length) {
    g.append('text')
      .attr('class', 'gg-sublabel')
      .attr('x', fmt(width / 2))
      .attr('y', fmt(height / 2 + 12))
      .attr('text-anchor', 'middle')
      .text(d.node.sublabel);
  }
  if (value.length) {
    const longest = Math.max(...value.map((l) => l.length));
    const size = Math.max(
      6,
      Math.min(
        11,
        ((height - 24) / (value.length * LINE)) * 11,
        ((width - 12) / (longest * CHAR)) * 11,
      ),
    );
    multiline(g, 'gg-grad', 8, 24 + (LINE * size) / 11, value, size);
  }
}

/** Replaces a node group's contents with the drawing for its datum. */
export function drawNodeContent(g: G, d: NodeDatum, w: Words): void {
  g.selectChildren().remove();
  if (d.node.kind === 'tensor') drawTensor(g, d, w);
  else if (d.node.kind === 'op') drawOp(g, d);
  else drawBox(g, d, w);
}

/** The accessible name of a node: its label, shape, and what it shows now. */
export function nodeDescription(d: NodeDatum, w: Words): string {
  const parts = [d.node.label || (d.node.kind === 'seed' ? w.seed : d.node.kind)];
  if (d.node.sublabel) parts.push(d.node.sublabel);
  if (!d.state.visible) parts.push(w.notYet);
  if (d.state.visible && d.state.value) parts.push(`${w.value} ${oneLine(d.state.value.text)}`);
  if (d.state.visible && d.state.grad) parts.push(`${w.grad} ${oneLine(d.state.grad.text)}`);
  return parts.join(', ');
}

/** Collapses a multi-line tensor text to one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
