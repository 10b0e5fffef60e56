/**
 * Culling a big graph: which of its nodes and links the element makes SVG elements for. A
 * browser spends seconds of style and layout on a few thousand node groups, most of them off
 * screen; so past {@link CULL_FROM} nodes only the part on screen (and a margin around it, so a
 * small pan needs nothing new) is in the document, added at most {@link CHUNK} nodes a frame
 * (the rest follow in the next frames), and where more than {@link OVERVIEW_FROM} nodes are on
 * screen at once (zoomed out: no text could be read) the whole graph is drawn as the overview's
 * few paths instead (src/render/overview.ts). The export draws the whole graph, never a plan.
 */
import type {Graph, Layout} from '../src/graph/index.js';
import type {DrawSubset} from '../src/render/index.js';
import type {Rect} from './stage.js';

/** Graphs with at least this many nodes draw only what is on screen. */
export const CULL_FROM = 400;
/** More nodes than this on screen: the overview instead of the nodes themselves. */
export const OVERVIEW_FROM = 600;
/** At most this many node elements are made in one frame; the rest come in the next frames. */
export const CHUNK = 150;
/** The margin drawn around the screen, as a fraction of its size on each side. */
const MARGIN = 0.5;

/** What to draw: the elements, and whether the overview is drawn (then there are none). */
export interface CullPlan {
  readonly only: DrawSubset;
  readonly overview: boolean;
  /** False while chunks of what is on screen are still to come (plan again next frame). */
  readonly complete: boolean;
}

/** Boxes of every node and link of one picture, in flat arrays (x0, y0, x1, y1 each). */
interface Boxes {
  readonly nodeIds: readonly string[];
  readonly nodes: Float64Array;
  readonly linkIds: readonly string[];
  readonly links: Float64Array;
  /** For each link, the indexes of its source and target in `nodeIds` (-1: not laid out). */
  readonly ends: Int32Array;
}

const boxCache = new WeakMap<Layout, WeakMap<Graph, Boxes>>();

function boxesOf(graph: Graph, layout: Layout): Boxes {
  let byGraph = boxCache.get(layout);
  if (!byGraph) {
    byGraph = new WeakMap();
    boxCache.set(layout, byGraph);
  }
  const cached = byGraph.get(graph);
  if (cached) return cached;
  const nodeIds: string[] = [];
  const at = new Map<string, number>();
  const nodes: number[] = [];
  for (const n of graph.nodes) {
    const b = layout.nodes[n.id];
    if (!b || at.has(n.id)) continue;
    at.set(n.id, nodeIds.length);
    nodeIds.push(n.id);
    nodes.push(b.x - b.width / 2, b.y - b.height / 2, b.x + b.width / 2, b.y + b.height / 2);
  }
  const linkIds: string[] = [];
  const links: number[] = [];
  const ends: number[] = [];
  for (const l of graph.links) {
    const s = at.get(l.source);
    const t = at.get(l.target);
    if (s === undefined || t === undefined) continue;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    const grow = (x: number, y: number) => {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    };
    for (const p of layout.links[l.id]?.points ?? []) grow(p[0], p[1]);
    for (const i of [s, t]) {
      grow(nodes[4 * i] ?? 0, nodes[4 * i + 1] ?? 0);
      grow(nodes[4 * i + 2] ?? 0, nodes[4 * i + 3] ?? 0);
    }
    linkIds.push(l.id);
    links.push(x0, y0, x1, y1);
    ends.push(s, t);
  }
  const boxes: Boxes = {
    nodeIds,
    nodes: Float64Array.from(nodes),
    linkIds,
    links: Float64Array.from(links),
    ends: Int32Array.from(ends),
  };
  byGraph.set(graph, boxes);
  return boxes;
}

function meets(a: Float64Array, i: number, r: Rect): boolean {
  return (
    (a[4 * i] ?? 0) <= r.x1 &&
    (a[4 * i + 2] ?? 0) >= r.x0 &&
    (a[4 * i + 1] ?? 0) <= r.y1 &&
    (a[4 * i + 3] ?? 0) >= r.y0
  );
}

function inside(a: Rect, b: Rect): boolean {
  return a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1;
}

const nothing: DrawSubset = {nodes: new Set(), links: new Set()};

/** Whether `graph` is big enough to cull. */
export function culls(graph: Graph): boolean {
  return graph.nodes.length >= CULL_FROM;
}

/** One element's culling: the plan drawn last, kept while the screen stays inside its margin. */
export class Culling {
  private plan: CullPlan = {only: nothing, overview: false, complete: true};
  private of: {graph: Graph; layout: Layout} | null = null;
  private covered: Rect | null = null;

  /** Forgets the plan (a new picture). */
  reset(): void {
    this.plan = {only: nothing, overview: false, complete: true};
    this.of = null;
    this.covered = null;
  }

  /**
   * The plan for the screen showing `view` (in the layout's coordinates; null before the stage
   * is measured: nothing yet). The same object as before when nothing needs to change, so the
   * caller can skip drawing.
   */
  planFor(graph: Graph, layout: Layout, view: Rect | null): CullPlan {
    if (this.of?.graph !== graph || this.of.layout !== layout) {
      this.reset();
      this.of = {graph, layout};
    }
    if (!view) return this.plan;
    const boxes = boxesOf(graph, layout);
    let onScreen = 0;
    const count = boxes.nodeIds.length;
    for (let i = 0; i < count && onScreen <= OVERVIEW_FROM; i++) {
      if (meets(boxes.nodes, i, view)) onScreen++;
    }
    if (onScreen > OVERVIEW_FROM) {
      this.covered = null;
      if (!this.plan.overview) this.plan = {only: nothing, overview: true, complete: true};
      return this.plan;
    }
    if (!this.plan.overview && this.plan.complete && this.covered && inside(view, this.covered))
      return this.plan;
    const w = view.x1 - view.x0;
    const h = view.y1 - view.y0;
    const covered = {
      x0: view.x0 - MARGIN * w,
      y0: view.y0 - MARGIN * h,
      x1: view.x1 + MARGIN * w,
      y1: view.y1 + MARGIN * h,
    };
    this.covered = covered;
    const before = this.plan.only.nodes;
    const nodes = new Set<string>();
    // What is new comes in chunks, what is on screen before what is in the margin.
    const fresh: string[] = [];
    const freshMargin: string[] = [];
    for (let i = 0; i < count; i++) {
      if (!meets(boxes.nodes, i, covered)) continue;
      const id = boxes.nodeIds[i] ?? '';
      if (before.has(id)) nodes.add(id);
      else (meets(boxes.nodes, i, view) ? fresh : freshMargin).push(id);
    }
    const waiting = fresh.concat(freshMargin);
    for (const id of waiting.slice(0, CHUNK)) nodes.add(id);
    const links = new Set<string>();
    for (let i = 0; i < boxes.linkIds.length; i++) {
      if (!meets(boxes.links, i, covered)) continue;
      const s = boxes.nodeIds[boxes.ends[2 * i] ?? -1] ?? '';
      const t = boxes.nodeIds[boxes.ends[2 * i + 1] ?? -1] ?? '';
      if (nodes.has(s) || nodes.has(t)) links.add(boxes.linkIds[i] ?? '');
    }
    const complete = waiting.length <= CHUNK;
    const same =
      !this.plan.overview &&
      nodes.size === before.size &&
      links.size === this.plan.only.links.size &&
      [...links].every((id) => this.plan.only.links.has(id)) &&
      [...nodes].every((id) => before.has(id));
    this.plan = same ? {...this.plan, complete} : {only: {nodes, links}, overview: false, complete};
    return this.plan;
  }
}
