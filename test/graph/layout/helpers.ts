/** Small graphs for the layout tests, written as edge lists: `graphOf('a>b a>c b>d c>d')`. */
import type {Graph, GraphLink, GraphNode, Layout, GraphNodeBox} from '../../../src/graph/model.js';

/** A graph from space-separated `source>target` pairs; `ops` names the nodes drawn as small op circles. */
export function graphOf(edges: string, opts: {ops?: string; isolated?: string} = {}): Graph {
  const ids: string[] = [];
  const add = (id: string): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  const links: GraphLink[] = [];
  for (const pair of edges.split(/\s+/).filter(Boolean)) {
    const [source = '', target = ''] = pair.split('>');
    add(source);
    add(target);
    links.push({id: `${source}>${target}#${links.length}`, source, target});
  }
  for (const id of (opts.isolated ?? '').split(/\s+/).filter(Boolean)) add(id);
  const ops = new Set((opts.ops ?? '').split(/\s+/));
  const nodes: GraphNode[] = ids.map((id) =>
    ops.has(id)
      ? {id, kind: 'op', label: id, width: 28, height: 28}
      : {id, kind: 'tensor', label: id, width: 90, height: 40},
  );
  return {view: 'dataflow', nodes, links};
}

/** The box of a node, or a test failure. */
export function box(layout: Layout, id: string): GraphNodeBox {
  const b = layout.nodes[id];
  if (!b) throw new Error(`no box for ${id}`);
  return b;
}

/** Pairs of node ids whose boxes overlap (touching edges are allowed). */
export function overlaps(graph: Graph, layout: Layout): string[] {
  const found: string[] = [];
  const boxes = graph.nodes.map((n) => [n.id, box(layout, n.id)] as const);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [ia, a] = boxes[i] ?? ['', box(layout, '')];
      const [ib, b] = boxes[j] ?? ['', box(layout, '')];
      const dx = Math.abs(a.x - b.x) - (a.width + b.width) / 2;
      const dy = Math.abs(a.y - b.y) - (a.height + b.height) / 2;
      if (dx < -1e-6 && dy < -1e-6) found.push(`${ia}/${ib}`);
    }
  }
  return found;
}

/** Whether a point lies on the boundary of a box. */
export function onBoundary(p: readonly [number, number], b: GraphNodeBox): boolean {
  const dx = Math.abs(p[0] - b.x);
  const dy = Math.abs(p[1] - b.y);
  const eps = 1e-6;
  const onVertical = Math.abs(dx - b.width / 2) < eps && dy <= b.height / 2 + eps;
  const onHorizontal = Math.abs(dy - b.height / 2) < eps && dx <= b.width / 2 + eps;
  return onVertical || onHorizontal;
}
