/**
 * `draw(graph, layout, state, options)`: the picture of one step as SVG, built with d3-selection
 * joins keyed by node and link id, so calling it again on the same SVG updates it in place. Pure:
 * no timers, no layout queries, no Lit; it runs on a browser document or on the minimal one in
 * ./mini-dom.ts. Callers that animate (the component) transition the selections it returns.
 */
import {select, type Selection} from 'd3-selection';
import type {
  Graph,
  GraphLink,
  GraphNode,
  Lang,
  Layout,
  LinkState,
  GraphNodeState,
  State,
  Step,
} from '../graph/model.js';
import {drawNodeContent, nodeDescription, oneLine, type GraphNodeDatum} from './nodes.js';
import {drawOverview} from './overview.js';
import {clippedPoints, midpoint, round, routePath, type Outline, type Point} from './route.js';
import {topologicalOrder} from './topo.js';
import {words} from './words.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The narrowest picture that still carries a readable caption. */
const MIN_CAPTION_WIDTH = 440;

/** How to draw. */
export interface DrawOptions {
  /** The document that creates the elements: a page's, or `createMiniDocument()` in Node. */
  readonly document: Document;
  /** Language of the words the picture prints (default `en`). */
  readonly lang?: Lang;
  /** An SVG made by an earlier `draw` to update in place; a new one is made when absent. */
  readonly svg?: SVGSVGElement;
  /** The step the state belongs to: its phase colours what it lights. */
  readonly step?: Step | null;
  /** Total steps, for the caption. */
  readonly stepCount?: number;
  /** Prefix for the ids of the SVG's markers, unique per picture on a page (default `gg`). */
  readonly idPrefix?: string;
  /**
   * Make nodes focusable from script (tabindex -1, in topological order) for a roving tabindex:
   * the caller gives one node tabindex 0, so the picture is one tab stop.
   */
  readonly focusable?: boolean;
  /** Print the step and its narration under the graph (static pictures). */
  readonly caption?: boolean;
  /** A stylesheet to put inside the SVG (static pictures, so they stand alone). */
  readonly styles?: string;
  /** Space around the graph, in user units (default 16). */
  readonly margin?: number;
  /**
   * Draw only these nodes and links as elements, leaving the rest out of the document (a big
   * graph's part on screen: the element culls the rest); every node and link when absent.
   */
  readonly only?: DrawSubset;
  /** Also draw the whole graph as the overview's few paths (a big graph zoomed out: ./overview.ts). */
  readonly overview?: boolean;
  /**
   * The point of the graph drawn at the graph group's origin (default [0, 0]): a caller zoomed
   * far into a huge graph keeps its coordinates small so (and makes up for it in its zoom).
   */
  readonly origin?: readonly [number, number];
}

/** The nodes and links a draw makes elements for (by id). */
export interface DrawSubset {
  readonly nodes: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
}

/** Everything one link's drawing depends on. */
export interface LinkDatum {
  readonly link: GraphLink;
  readonly state: LinkState;
  /** The route, clipped to the node outlines. */
  readonly points: readonly Point[];
  /** The route as an SVG path. */
  readonly path: string;
}

interface Route {
  readonly points: readonly Point[];
  readonly path: string;
}

const routeCache = new WeakMap<Layout, Map<string, Route>>();

/** The selections of the last draw on an SVG, reused while graph and layout stay the same. */
interface Joined {
  readonly graph: Graph;
  readonly layout: Layout;
  readonly only: DrawSubset | undefined;
  readonly nodes: Selection<SVGGElement, GraphNodeDatum, SVGGElement, unknown>;
  readonly links: Selection<SVGGElement, LinkDatum, SVGGElement, unknown>;
}

/** An element with what it last showed, so an update can skip what did not change. */
type Memo<E> = E & {__ggKey?: string; __ggShell?: string; __ggPath?: string; __ggVisible?: boolean};

interface Structure {
  /** Every laid-out node in topological order, their ids, and each id's place in it. */
  readonly order: readonly GraphNode[];
  readonly ids: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  readonly nodeById: ReadonlyMap<string, GraphNode>;
  readonly linkById: ReadonlyMap<string, GraphLink>;
  readonly outlines: ReadonlyMap<string, Outline>;
  /** For each node, how many links leave it towards something other than a seed (its uses). */
  readonly uses: ReadonlyMap<string, number>;
}

const structureCache = new WeakMap<Layout, WeakMap<Graph, Structure>>();

/** What a graph and its layout fix for every step: order, outlines and uses, cached. */
function structureOf(graph: Graph, layout: Layout): Structure {
  let byGraph = structureCache.get(layout);
  if (!byGraph) {
    byGraph = new WeakMap();
    structureCache.set(layout, byGraph);
  }
  const cached = byGraph.get(graph);
  if (cached) return cached;
  const outlines = new Map<string, Outline>();
  for (const n of graph.nodes) {
    const box = layout.nodes[n.id];
    if (box) outlines.set(n.id, {box, round: n.kind === 'op' && box.width <= box.height + 1});
  }
  // A tensor used by several ops (or twice by one) receives a grad back along each use, and its
  // grad is their sum: count the uses, which the graph knows at every step.
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const uses = new Map<string, number>();
  for (const link of graph.links) {
    if (kinds.get(link.target) === 'seed') continue;
    uses.set(link.source, (uses.get(link.source) ?? 0) + 1);
  }
  const order = topologicalOrder(graph).filter((n) => layout.nodes[n.id]);
  const structure = {
    order,
    ids: order.map((n) => n.id),
    rank: new Map(order.map((n, i) => [n.id, i])),
    nodeById: new Map(order.map((n) => [n.id, n])),
    linkById: new Map(graph.links.map((l) => [l.id, l])),
    outlines,
    uses,
  };
  byGraph.set(graph, structure);
  return structure;
}

/**
 * The drawn route of each of `links` (every link of the graph when absent), cached per layout (a
 * layout is immutable once made), so a culled draw routes only the links it draws.
 */
function routesOf(
  graph: Graph,
  layout: Layout,
  outlines: ReadonlyMap<string, Outline>,
  links: readonly GraphLink[] = graph.links,
): Map<string, Route> {
  let routes = routeCache.get(layout);
  if (!routes) {
    routes = new Map();
    routeCache.set(layout, routes);
  }
  for (const link of links) {
    if (routes.has(link.id)) continue;
    const s = outlines.get(link.source);
    const t = outlines.get(link.target);
    if (!s || !t) continue;
    const points = clippedPoints(layout.links[link.id], s, t);
    routes.set(link.id, {points, path: routePath(points, layout.direction)});
  }
  return routes;
}

/** What `draw` made, for a caller that wants to transition or listen. */
export interface DrawResult {
  readonly svg: SVGSVGElement;
  /** The group that zoom and pan transform. */
  readonly viewport: Selection<SVGGElement, unknown, null, undefined>;
  /** The nodes drawn as elements (all of them unless `only` picked some). */
  readonly nodes: Selection<SVGGElement, GraphNodeDatum, SVGGElement, unknown>;
  readonly links: Selection<SVGGElement, LinkDatum, SVGGElement, unknown>;
  /** Ids of nodes that were hidden before this draw and are visible now. */
  readonly appeared: ReadonlySet<string>;
  /** Every node of the graph, drawn or not, in topological order (the order of their elements). */
  readonly order: readonly string[];
  /**
   * Every node's datum at this step, drawn or not, in the same order (made when first read: a
   * culled step of a big graph makes data only for what it draws and what it lights).
   */
  readonly data: readonly GraphNodeDatum[];
  /** The data of the nodes this step lights (active), drawn or not. */
  readonly lit: readonly GraphNodeDatum[];
}

const hiddenNode: GraphNodeState = {visible: false, active: false};
const hiddenLink: LinkState = {visible: false, active: false, flow: null};

/** Finds or makes the one child group with this `data-layer`, so repeated draws reuse it. */
function layer<P extends Element>(
  parent: Selection<P, unknown, null, undefined>,
  name: string,
  tag = 'g',
): Selection<SVGGElement, unknown, null, undefined> {
  const found = childWhere(parent.node(), (el) => el.getAttribute('data-layer') === name);
  if (found) return select(found as SVGGElement);
  return parent.append<SVGGElement>(tag).attr('data-layer', name);
}

/** The children of `parent` that pass `test` (no CSS selectors: the minimal document has none). */
function childrenWhere(parent: Element | null, test: (el: Element) => boolean): Element[] {
  return parent ? Array.from(parent.children).filter(test) : [];
}

function childWhere(parent: Element | null, test: (el: Element) => boolean): Element | undefined {
  return childrenWhere(parent, test)[0];
}

/** The phase a step lights in: its own, or inferred from the links it makes flow. */
function phaseOf(step: Step | null | undefined, state: State): 'forward' | 'backward' {
  if (step) return step.phase;
  const flows = Object.values(state.links).map((l) => l.flow);
  return flows.includes('backward') ? 'backward' : 'forward';
}

/** Draws (or updates) the picture of `state` and returns what it made. */
export function draw(graph: Graph, layout: Layout, state: State, options: DrawOptions): DrawResult {
  const doc = options.document;
  const w = words[options.lang ?? 'en'];
  const prefix = options.idPrefix ?? 'gg';
  const margin = options.margin ?? 16;
  const phase = phaseOf(options.step, state);
  const svgEl = options.svg ?? doc.createElementNS(SVG_NS, 'svg');
  const svg = select<SVGSVGElement, unknown>(svgEl);

  const {order, ids, rank, nodeById, linkById, outlines, uses} = structureOf(graph, layout);

  const caption = options.caption
    ? captionLines(state, options, w, Math.max(layout.width, MIN_CAPTION_WIDTH))
    : [];
  const captionHeight = caption.length ? caption.length * 17 + 14 : 0;
  // A caption needs room to be read: narrow graphs are centred in a wider picture.
  const contentWidth = caption.length ? Math.max(layout.width, MIN_CAPTION_WIDTH) : layout.width;
  const shift = (contentWidth - layout.width) / 2;
  const width = round(contentWidth + 2 * margin);
  const height = round(layout.height + 2 * margin + captionHeight);
  // Attributes of the whole picture are written only when they change: rewriting a viewBox or
  // a transform with the same value still makes the browser lay the whole SVG out again.
  setAttrs(svgEl, {
    class: 'gg-graph',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'group',
    'aria-label': w.graphLabel(graph.nodes.length, graph.links.length),
  });

  if (options.styles !== undefined) {
    const style = layer(svg, 'style', 'style');
    if (style.text() !== options.styles) style.text(options.styles);
  }
  drawMarkers(layer(svg, 'defs', 'defs'), prefix);
  const background = layer(svg, 'background', 'rect').node();
  if (background) setAttrs(background, {class: 'gg-background', width, height});

  const viewport = layer(svg, 'viewport');
  const inner = layer(viewport, 'graph');
  const innerEl = inner.node();
  const [ox, oy] = options.origin ?? [0, 0];
  if (innerEl) {
    setAttrs(innerEl, {
      transform: `translate(${round(margin + shift - ox)},${round(margin - oy)})`,
    });
  }

  const only = options.only;
  // A culled draw looks at the subset only (a step of a big graph walks none of the rest); the
  // overview draws every link.
  const culled = only && !options.overview ? only : null;
  const wanted = culled ? pick(culled.links, linkById) : graph.links;
  // Routes depend on the layout only, which stays the same while stepping: compute them once.
  const routes = routesOf(graph, layout, outlines, wanted);
  const linkData: LinkDatum[] = [];
  for (const link of wanted) {
    const route = routes.get(link.id);
    if (!route) continue;
    linkData.push({
      link,
      state: state.links[link.id] ?? hiddenLink,
      points: route.points,
      path: route.path,
    });
  }

  const drawnLinks = only ? linkData.filter((d) => only.links.has(d.link.id)) : linkData;
  // Redrawing the same graph, layout and subset keeps every element where it is: the data are
  // rebound by position, which skips the keyed join and its reordering (a big graph's every step).
  const joined = (svgEl as Memo<SVGSVGElement> & {__ggJoined?: Joined}).__ggJoined;
  const same = joined?.graph === graph && joined.layout === layout && joined.only === only;
  const links = same
    ? joined.links.data(drawnLinks)
    : layer(inner, 'links')
        .selectChildren<SVGGElement, LinkDatum>()
        .data(drawnLinks, (d) => d.link.id)
        .join((enter) => {
          const g = enter.append('g').attr('part', 'link');
          g.append('path').attr('class', 'gg-edge');
          return g;
        });
  links.each(function (d) {
    // Only what changed is touched: a step changes few links of a big graph.
    const el = this as Memo<SVGGElement>;
    const backward = d.state.active && d.state.flow === 'backward';
    const arrow = d.state.active && d.state.flow ? d.state.flow : 'plain';
    const label =
      d.state.visible && d.state.active && d.state.grad ? shortText(d.state.grad.text) : '';
    const key = `${linkClass(d.state)}|${arrow}|${prefix}|${label}|${d.state.grad?.text ?? ''}`;
    if (el.__ggKey === key && el.__ggPath === d.path) return;
    el.__ggKey = key;
    el.__ggPath = d.path;
    el.setAttribute('data-id', d.link.id);
    el.setAttribute('class', linkClass(d.state));
    const g = select<SVGGElement, LinkDatum>(this);
    select(childWhere(this, (c) => c.localName === 'path') ?? this)
      .attr('d', d.path)
      .attr('marker-end', backward ? null : `url(#${prefix}-arrow-${arrow})`)
      .attr('marker-start', backward ? `url(#${prefix}-arrow-backward)` : null);
    // The label is one text child or none: found and changed by hand (a d3 join per link costs
    // more than the rest of a big graph's step together).
    const had = childWhere(this, (c) => c.getAttribute('class') === 'gg-link-grad');
    if (!label) had?.remove();
    if (label) {
      const text = select(
        (had ?? g.append('text').attr('class', 'gg-link-grad').node()) as SVGTextElement,
      );
      const [mx, my] = midpoint(d.points);
      // A link bowed below (or right of) the straight chord gets its label on that side, so the
      // labels of parallel links do not sit on each other.
      const first = d.points[0] ?? [mx, my];
      const last = d.points[d.points.length - 1] ?? [mx, my];
      const side = (last[0] - first[0]) * (my - first[1]) - (last[1] - first[1]) * (mx - first[0]);
      const below = layout.direction === 'LR' ? side > 1 : side < -1;
      text
        .attr('x', round(mx + (layout.direction === 'TB' ? (below ? 6 : -6) : 0)))
        .attr('y', round(layout.direction === 'LR' ? (below ? my + 13 : my - 5) : my + 4))
        .attr('text-anchor', layout.direction === 'TB' ? (below ? 'start' : 'end') : 'middle')
        .text(label);
      text.selectChildren().remove();
      text.append('title').text(oneLine(d.state.grad?.text ?? ''));
    }
  });

  const appeared = new Set<string>();
  const datumOf = (n: GraphNode): GraphNodeDatum => {
    const st = state.nodes[n.id] ?? hiddenNode;
    return {
      node: n,
      box: layout.nodes[n.id] as Layout['nodes'][string],
      state: st,
      lit: st.active ? phase : null,
      summed: n.kind === 'tensor' ? (uses.get(n.id) ?? 0) : 0,
      accumulating:
        st.active && phase === 'backward' && n.kind === 'tensor' && n.role === 'leaf' && !!st.grad,
    };
  };
  let nodeData: GraphNodeDatum[] | null = culled ? null : order.map(datumOf);
  let drawnNodes: GraphNodeDatum[];
  let lit: GraphNodeDatum[];
  if (nodeData) {
    drawnNodes = only ? nodeData.filter((d) => only.nodes.has(d.node.id)) : nodeData;
    lit = nodeData.filter((d) => d.state.active);
  } else {
    // The subset in topological order, and the nodes the step lights (from the step's own list
    // when there is one: the state lights exactly those).
    const byRank = (a: GraphNode, b: GraphNode) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0);
    drawnNodes = pick(culled?.nodes ?? new Set(), nodeById)
      .sort(byRank)
      .map(datumOf);
    const candidates = options.step ? pick(new Set(options.step.nodeIds), nodeById) : order;
    lit = candidates
      .filter((n) => state.nodes[n.id]?.active)
      .sort(byRank)
      .map(datumOf);
  }
  const lang = options.lang ?? 'en';
  const nodes = same
    ? joined.nodes.data(drawnNodes)
    : layer(inner, 'nodes')
        .selectChildren<SVGGElement, GraphNodeDatum>()
        .data(drawnNodes, (d) => d.node.id)
        .join('g');
  (svgEl as SVGSVGElement & {__ggJoined?: Joined}).__ggJoined = {graph, layout, only, nodes, links};
  nodes.each(function (d) {
    // Only what changed is touched, and a node's inside is redrawn only when what it shows
    // changed: playing a big graph touches few nodes per step.
    const el = this as Memo<SVGGElement>;
    if (el.__ggVisible === false && d.state.visible) appeared.add(d.node.id);
    el.__ggVisible = d.state.visible;
    const content = contentKey(d, lang);
    const shell = `${nodeClass(d)}|${d.box.x},${d.box.y}|${options.focusable ? 1 : 0}`;
    if (el.__ggShell !== shell || el.__ggKey !== content) {
      el.__ggShell = shell;
      el.setAttribute('data-id', d.node.id);
      el.setAttribute('part', `node ${d.node.kind}`);
      el.setAttribute('class', nodeClass(d));
      el.setAttribute(
        'transform',
        `translate(${round(d.box.x - d.box.width / 2)},${round(d.box.y - d.box.height / 2)})`,
      );
      if (options.focusable) {
        // An image named by its description (what it is, its value and grad, in words): a
        // button's name would have to repeat the box's text as drawn (axe: label-content-name).
        el.setAttribute('tabindex', '-1');
        el.setAttribute('role', 'img');
      } else {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-roledescription');
      }
    }
    if (el.__ggKey === content) return;
    el.__ggKey = content;
    el.setAttribute('aria-label', nodeDescription(d, w));
    if (options.focusable) el.setAttribute('aria-roledescription', w.node);
    drawNodeContent(select<SVGGElement, GraphNodeDatum>(this), d, w);
  });

  // The overview's layer exists only once asked for, so pictures that never use it are unchanged.
  const overview = childWhere(innerEl, (el) => el.getAttribute('data-layer') === 'overview');
  if (options.overview || overview) {
    const el = overview ?? layer(inner, 'overview').node();
    if (el) {
      if (options.overview) nodeData ??= order.map(datumOf);
      drawOverview(
        el as SVGGElement,
        options.overview ? (nodeData ?? []) : [],
        options.overview ? linkData : [],
      );
    }
  }

  const cap = layer(svg, 'caption');
  const capEl = cap.node();
  if (capEl) {
    setAttrs(capEl, {transform: `translate(${margin},${round(layout.height + 2 * margin + 6)})`});
  }
  cap
    .selectChildren<SVGTextElement, string>()
    .data(caption)
    .join('text')
    .attr('class', (_, i) => (i === 0 ? 'gg-caption gg-caption-title' : 'gg-caption'))
    .attr('y', (_, i) => i * 17 + 12)
    .text((d) => d);

  return {
    svg: svgEl,
    viewport,
    nodes,
    links,
    appeared,
    order: ids,
    get data() {
      nodeData ??= order.map(datumOf);
      return nodeData;
    },
    lit,
  };
}

/** The items of `byId` named in `wanted`, in the set's order (ids it lacks are skipped). */
function pick<T>(wanted: ReadonlySet<string>, byId: ReadonlyMap<string, T>): T[] {
  const out: T[] = [];
  for (const id of wanted) {
    const item = byId.get(id);
    if (item) out.push(item);
  }
  return out;
}

function nodeClass(d: GraphNodeDatum): string {
  const c = ['gg-node', `gg-${d.node.kind}`];
  if (d.node.role) c.push(`gg-role-${d.node.role}`);
  if (!d.state.visible) c.push('gg-ghost');
  if (d.lit) c.push('gg-active', `gg-${d.lit}`);
  return c.join(' ');
}

function linkClass(s: LinkState): string {
  const c = ['gg-link'];
  if (!s.visible) c.push('gg-ghost');
  if (s.active) c.push('gg-active');
  if (s.active && s.flow) c.push(`gg-${s.flow}`);
  return c.join(' ');
}

function contentKey(d: GraphNodeDatum, lang: Lang): string {
  const s = d.state;
  return [
    lang,
    d.node.label,
    d.node.sublabel ?? '',
    d.box.width,
    d.box.height,
    s.visible ? 1 : 0,
    s.visible ? (s.value?.text ?? '') : '',
    s.visible ? (s.grad?.text ?? '') : '',
    d.summed,
    d.accumulating ? 1 : 0,
  ].join('\u0000');
}

/**
 * A tensor's text short enough for a link: one number when every element is equal (the node
 * and the link's title show the whole tensor), else the text cut to fit.
 */
function shortText(text: string): string {
  const numbers = text.match(/-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan)/g) ?? [];
  const first = numbers[0];
  if (first !== undefined && numbers.length > 1 && numbers.every((n) => n === first)) return first;
  const flat = oneLine(text);
  return flat.length > 26 ? `${flat.slice(0, 25)}…` : flat;
}

/** Arrowheads: plain, forward and backward; ids carry the picture's prefix. */
function drawMarkers(defs: Selection<SVGGElement, unknown, null, undefined>, prefix: string): void {
  const el: Memo<SVGGElement> | null = defs.node();
  if (!el || el.__ggKey === prefix) return;
  el.__ggKey = prefix;
  defs
    .selectChildren<SVGMarkerElement, string>()
    .data(['plain', 'forward', 'backward'])
    .join((enter) => {
      const m = enter.append('marker');
      m.append('path').attr('d', 'M0,0 L10,5 L0,10 z');
      return m;
    })
    .attr('id', (d) => `${prefix}-arrow-${d}`)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('orient', 'auto-start-reverse')
    .attr('class', (d) => (d === 'plain' ? 'gg-arrow' : `gg-arrow gg-arrow-${d}`));
}

/** Sets the attributes whose values differ from what the element has. */
function setAttrs(el: Element, attrs: Readonly<Record<string, string | number>>): void {
  for (const [name, value] of Object.entries(attrs)) {
    const text = String(value);
    if (el.getAttribute(name) !== text) el.setAttribute(name, text);
  }
}

/** The caption: the step and its narration, wrapped to the picture's width. */
function captionLines(
  state: State,
  options: DrawOptions,
  w: (typeof words)[Lang],
  width: number,
): string[] {
  const lang = options.lang ?? 'en';
  const total = options.stepCount;
  const phase = phaseOf(options.step, state);
  const title = total !== undefined ? w.step(state.step + 1, total, phase) : '';
  const text = state.narration[lang];
  // CJK characters are about twice as wide as Latin ones at the same size.
  const budget = Math.floor(width / 6.6);
  const out: string[] = title ? [title] : [];
  for (const para of text.split('\n')) out.push(...wrap(para, budget));
  return out.filter((l, i) => l !== '' || i > 0);
}

function wrap(text: string, budget: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const token of text.match(/[\u2e80-\uffff]|\s+|[^\s\u2e80-\uffff]+/g) ?? []) {
    // A CJK token is one character, about twice as wide as a Latin one.
    const c = /^[\u2e80-\uffff]$/.test(token) ? 2 : token.length;
    if (used + c > budget && line.trim()) {
      lines.push(line.trimEnd());
      line = /^\s+$/.test(token) ? '' : token;
      used = line.length ? c : 0;
    } else {
      line += token;
      used += c;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
