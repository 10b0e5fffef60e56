/**
 * The overview of a big graph seen whole: every node and link drawn as part of a handful of
 * paths, one per look (a link at rest, a ghost, a node lit forward, …), instead of one group of
 * elements per node. Zoomed out that far no text can be read, and a few thousand elements cost the
 * browser seconds of style and layout; a few paths cost it next to nothing. Zooming in brings the
 * detailed drawing back (the element decides when: components/culling.ts).
 */
import type {GraphNodeDatum} from './nodes.js';
import {round, type Point} from './route.js';
import type {LinkDatum} from './draw.js';
import type {Theme} from './theme.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The overview's stylesheet (classes set by `drawOverview`): apart from `graphStyles`, since a
 * static picture never draws an overview. Lit looks are filled, so a step shows at any zoom.
 */
export function overviewStyles(t: Theme): string {
  return `
.gg-ov-link, .gg-ov-node { vector-effect: non-scaling-stroke; }
.gg-ov-link { fill: none; stroke: ${t.link}; stroke-width: 1.5; }
.gg-ov-link.gg-ghost, .gg-ov-node.gg-ghost { opacity: 0.35; }
.gg-ov-link.gg-active.gg-forward { stroke: ${t.forward}; stroke-width: 4; }
.gg-ov-link.gg-active.gg-backward { stroke: ${t.backward}; stroke-width: 4; }
.gg-ov-node { fill: ${t.nodeFill}; stroke: ${t.nodeStroke}; stroke-width: 1.2; }
.gg-ov-node.gg-role-leaf { fill: ${t.leafFill}; }
.gg-ov-node.gg-active.gg-forward { fill: ${t.forward}; stroke: ${t.forward}; stroke-width: 4; }
.gg-ov-node.gg-active.gg-backward { fill: ${t.backward}; stroke: ${t.backward}; stroke-width: 4; }
`;
}

/** A path element with the geometry it was last given, so an unchanged look is not rewritten. */
type Memo = SVGPathElement & {__ggPath?: string};

/** The class of the path a node is drawn in (its look; the theme styles `.gg-ov-node…`). */
function nodeLook(d: GraphNodeDatum): string {
  const c = ['gg-ov-node'];
  if (!d.state.visible) c.push('gg-ghost');
  else if (d.node.role === 'leaf') c.push('gg-role-leaf');
  if (d.lit) c.push('gg-active', `gg-${d.lit}`);
  return c.join(' ');
}

/** The class of the path a link is drawn in. */
function linkLook(d: LinkDatum): string {
  const c = ['gg-ov-link'];
  if (!d.state.visible) c.push('gg-ghost');
  if (d.state.active && d.state.flow) c.push('gg-active', `gg-${d.state.flow}`);
  return c.join(' ');
}

function polyline(points: readonly Point[]): string {
  let out = '';
  points.forEach(([x, y], i) => {
    out += `${i ? 'L' : 'M'}${String(round(x))} ${String(round(y))}`;
  });
  return out;
}

function rectangle(d: GraphNodeDatum): string {
  const {x, y, width, height} = d.box;
  return `M${String(round(x - width / 2))} ${String(round(y - height / 2))}h${String(round(width))}v${String(round(height))}h${String(-round(width))}z`;
}

/**
 * Draws `nodes` and `links` into `layer` (a group in the graph's coordinates) as one path per
 * look, links under nodes; with both lists empty the layer is emptied. Lit looks come last, so
 * they are painted over the rest.
 */
export function drawOverview(
  layer: SVGGElement,
  nodes: readonly GraphNodeDatum[],
  links: readonly LinkDatum[],
): void {
  const paths = new Map<string, string[]>();
  const add = (look: string, d: string) => {
    const list = paths.get(look);
    if (list) list.push(d);
    else paths.set(look, [d]);
  };
  for (const d of links) add(linkLook(d), polyline(d.points));
  for (const d of nodes) add(nodeLook(d), rectangle(d));
  const looks = [...paths.keys()].sort(
    (a, b) =>
      Number(a.startsWith('gg-ov-node')) - Number(b.startsWith('gg-ov-node')) ||
      Number(a.includes('gg-active')) - Number(b.includes('gg-active')) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  const existing = new Map<string, Memo>();
  for (const child of Array.from(layer.children)) {
    const look = child.getAttribute('class') ?? '';
    if (looks.includes(look) && !existing.has(look)) existing.set(look, child as Memo);
    else child.remove();
  }
  const doc = layer.ownerDocument;
  looks.forEach((look, i) => {
    let el = existing.get(look);
    if (!el) {
      el = doc.createElementNS(SVG_NS, 'path');
      el.setAttribute('class', look);
    }
    // Children follow the looks' order (lit ones painted last).
    if (layer.children[i] !== el) layer.insertBefore(el, layer.children[i] ?? null);
    const d = (paths.get(look) ?? []).join('');
    if (el.__ggPath !== d) {
      el.__ggPath = d;
      el.setAttribute('d', d);
    }
  });
}
