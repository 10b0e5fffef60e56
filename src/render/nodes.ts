/** The inside of each kind of graph node: tensor boxes, op circles, grad_fn boxes, the seed. */
import type {Selection} from 'd3-selection';
import type {DisplayTensor, GraphNode, GraphNodeBox, GraphNodeState} from '../graph/model.js';
import {CHAR_WIDTH, FONT_SIZE, LINE_HEIGHT, PADDING} from '../graph/size.js';
import type {Words} from './words.js';

/** Everything one node's drawing depends on, computed by `draw` for each step. */
export interface GraphNodeDatum {
  readonly node: GraphNode;
  readonly box: GraphNodeBox;
  readonly state: GraphNodeState;
  /** The phase of the step that lights it, or null when not lit. */
  readonly lit: 'forward' | 'backward' | null;
  /** How many gradients have been summed into this tensor (links out of it carrying a grad). */
  readonly summed: number;
  /** A leaf whose `.grad` is being accumulated into at this step. */
  readonly accumulating: boolean;
}

type G = Selection<SVGGElement, GraphNodeDatum, null, undefined>;

/**
 * The view sizes boxes for text in rows of LINE_HEIGHT, monospace at FONT_SIZE with CHAR_WIDTH
 * advance, PADDING inside (src/graph/size.ts); the renderer draws with the same metrics, and
 * shrinks the text only if what it must show does not fit the box it was given.
 */
const LINE = LINE_HEIGHT;
const CHAR = CHAR_WIDTH;
const FONT = FONT_SIZE;

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
  const t = g.append('text').attr('class', cls).attr('x', x).attr('y', fmt(y));
  if (size !== FONT) t.attr('style', `font-size:${fmt(size)}px`);
  text.forEach((line, i) => {
    t.append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : fmt((LINE * size) / FONT))
      .text(line);
  });
}

function fmt(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The font size at which `rows` rows of at most `columns` characters fit in w × h. */
function fitSize(rows: number, columns: number, w: number, h: number): number {
  const byHeight = rows ? ((h - 2 * PADDING) / (rows * LINE)) * FONT : FONT;
  const byWidth = columns ? ((w - 2 * PADDING) / (columns * CHAR)) * FONT : FONT;
  return Math.max(6, Math.min(FONT, byHeight, byWidth));
}

/** A tensor box: name and shape on top, the values, then (once it has one) the grad. */
function drawTensor(g: G, d: GraphNodeDatum, w: Words): void {
  const {width, height} = d.box;
  g.append('rect')
    .attr('class', 'gg-shape')
    .attr('width', width)
    .attr('height', height)
    .attr('rx', 5);
  const value = d.state.visible ? lines(d.state.value) : [];
  const grad = d.state.visible ? lines(d.state.grad) : [];
  const sub = d.node.sublabel ?? '';
  const columns = Math.floor((width - 2 * PADDING) / CHAR);
  // Name and shape share the first row when they fit, which frees a row for the grad's title.
  const oneHeader = !sub || d.node.label.length + sub.length + 2 <= columns;
  const stored = d.state.gradStored ?? d.node.role === 'leaf';
  const gradTitle = d.accumulating
    ? w.accumulate
    : d.summed > 1
      ? `${stored ? w.leafGrad : w.grad} = ${w.sumOf(d.summed)}`
      : stored
        ? w.leafGrad
        : w.grad;
  const available = Math.floor((height - 2 * PADDING) / LINE);
  // A shape that needs a row of its own gives it up when the box has none to spare: it is in
  // the node's accessible name and details, and the values matter more.
  const showSub = oneHeader || 2 + value.length + grad.length <= available;
  const headerRows = oneHeader || !showSub ? 1 : 2;
  // The grad's title takes a row of its own only where the box has one to spare; otherwise the
  // colour, the badges and the accessible name carry it.
  const titled = grad.length > 0 && headerRows + value.length + grad.length + 1 <= available;
  const rows = headerRows + value.length + grad.length + (titled ? 1 : 0);
  const longest = Math.max(
    oneHeader
      ? d.node.label.length + sub.length + 2
      : Math.max(d.node.label.length, showSub ? sub.length : 0),
    ...value.map((l) => l.length),
    ...grad.map((l) => l.length),
  );
  const size = fitSize(rows, longest, width, height);
  const lh = (LINE * size) / FONT;
  const base = PADDING + lh * 0.78;
  const header = (cls: string, text: string, row: number, right: boolean) => {
    const t = g
      .append('text')
      .attr('class', cls)
      .attr('x', right ? width - PADDING : PADDING)
      .attr('y', fmt(base + row * lh))
      .text(text);
    if (right) t.attr('text-anchor', 'end');
    if (size !== FONT) t.attr('style', `font-size:${fmt(size)}px`);
  };
  header('gg-label', d.node.label, 0, false);
  if (sub && showSub) header('gg-sublabel', sub, oneHeader ? 0 : 1, oneHeader);
  let row = headerRows;
  if (value.length) {
    multiline(g, 'gg-value', PADDING, base + row * lh, value, size);
    row += value.length;
  }
  if (grad.length) {
    const ruleY = fmt(PADDING + row * lh + 1);
    g.append('line')
      .attr('class', 'gg-rule')
      .attr('x1', 4)
      .attr('x2', width - 4)
      .attr('y1', ruleY)
      .attr('y2', ruleY);
    if (titled) header('gg-grad-title', gradTitle, row, false);
    multiline(g, 'gg-grad', PADDING, base + (row + (titled ? 1 : 0)) * lh, grad, size);
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
function drawOp(g: G, d: GraphNodeDatum): void {
  const {width, height} = d.box;
  const r = Math.min(width, height) / 2;
  if (width > height + 1) {
    // A long label makes a pill; the view sized it to hold the label.
    g.append('rect')
      .attr('class', 'gg-shape')
      .attr('width', width)
      .attr('height', height)
      .attr('rx', fmt(r));
  } else {
    g.append('circle')
      .attr('class', 'gg-shape')
      .attr('cx', fmt(width / 2))
      .attr('cy', fmt(height / 2))
      .attr('r', fmt(r));
  }
  const inside = d.node.label.length * CHAR <= width;
  g.append('text')
    .attr('class', 'gg-label')
    .attr('x', fmt(width / 2))
    .attr('y', fmt(inside ? height / 2 : height + 12))
    .attr('dy', inside ? '0.35em' : '0')
    .attr('text-anchor', 'middle')
    .text(d.node.label);
}

/** A grad_fn, AccumulateGrad, group or seed: a rounded box with its name; the seed shows its value. */
function drawBox(g: G, d: GraphNodeDatum, w: Words): void {
  const {width, height} = d.box;
  g.append('rect')
    .attr('class', 'gg-shape')
    .attr('width', width)
    .attr('height', height)
    .attr('rx', d.node.kind === 'seed' ? 10 : 4);
  const seed = d.node.kind === 'seed';
  const value = seed && d.state.visible ? lines(d.state.grad ?? d.state.value) : [];
  const label = seed && !d.node.label ? w.seed : d.node.label;
  if (!value.length) {
    g.append('text')
      .attr('class', 'gg-label')
      .attr('x', fmt(width / 2))
      .attr('y', fmt(height / 2))
      .attr('dy', d.node.sublabel ? '-0.15em' : '0.35em')
      .attr('text-anchor', 'middle')
      .text(label);
    if (d.node.sublabel) {
      g.append('text')
        .attr('class', 'gg-sublabel')
        .attr('x', fmt(width / 2))
        .attr('y', fmt(height / 2 + LINE * 0.75))
        .attr('text-anchor', 'middle')
        .text(d.node.sublabel);
    }
    return;
  }
  const longest = Math.max(label.length, ...value.map((l) => l.length));
  const size = fitSize(1 + value.length, longest, width, height);
  const lh = (LINE * size) / FONT;
  const base = PADDING + lh * 0.78;
  g.append('text').attr('class', 'gg-label').attr('x', PADDING).attr('y', fmt(base)).text(label);
  if (
    d.node.sublabel &&
    label.length + d.node.sublabel.length + 2 <= (width - 2 * PADDING) / CHAR
  ) {
    g.append('text')
      .attr('class', 'gg-sublabel')
      .attr('x', width - PADDING)
      .attr('y', fmt(base))
      .attr('text-anchor', 'end')
      .text(d.node.sublabel);
  }
  multiline(g, 'gg-grad', PADDING, base + lh, value, size);
}

/** Replaces a node group's contents with the drawing for its datum. */
export function drawNodeContent(g: G, d: GraphNodeDatum, w: Words): void {
  g.selectChildren().remove();
  if (d.node.kind === 'tensor') drawTensor(g, d, w);
  else if (d.node.kind === 'op') drawOp(g, d);
  else drawBox(g, d, w);
  // A hook acts here: marked at the top-left corner (its names in the title).
  if (d.node.hooks?.length) badge(g, 0, 0, '↪', w.hooked(d.node.hooks));
}

/** The accessible name of a node: its label, shape, and what it shows now. */
export function nodeDescription(d: GraphNodeDatum, w: Words): string {
  const parts = [d.node.label || (d.node.kind === 'seed' ? w.seed : d.node.kind)];
  if (d.node.sublabel) parts.push(d.node.sublabel);
  if (d.node.hooks?.length) parts.push(w.hooked(d.node.hooks));
  if (!d.state.visible) parts.push(w.notYet);
  if (d.state.visible && d.state.value) parts.push(`${w.value} ${oneLine(d.state.value.text)}`);
  if (d.state.visible && d.state.grad) parts.push(`${w.grad} ${oneLine(d.state.grad.text)}`);
  return parts.join(', ');
}

/** Collapses a multi-line tensor text to one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
