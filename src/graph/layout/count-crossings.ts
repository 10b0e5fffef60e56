/**
 * countCrossings: edge crossings of a drawn layered layout, counted the way layered drawings count
 * them, from positions alone — so our layouts and other tools' (dagre, d3-dag, Graphviz dot) are
 * counted by one rule:
 *
 * 1. Layers are the distinct centre lines of the nodes along the rank axis (x for LR, y for TB;
 *    centres within half a unit are one line). Every tool places a layer's nodes on a common
 *    centre line.
 * 2. A link's position on a layer line is its endpoint node's centre on the lines of its own two
 *    nodes, and on every line in between, the point where its drawn route first crosses that line
 *    (the route is read as a polyline; pass curves in sampled).
 * 3. Between each pair of consecutive lines, every link spanning them is a segment; two segments
 *    cross when their order on one line is the reverse of their order on the other (strictly —
 *    segments that share an end do not cross). The count is the sum over all pairs of lines.
 *
 * Links within one layer and links to a node itself are not counted. O(L log L) per pair of lines.
 */
import type {Graph, Layout} from '../model.js';

/** Counts edge crossings between consecutive layers of a drawn layout (see the module comment). */
export function countCrossings(graph: Graph, layout: Layout): number {
  const lr = layout.direction === 'LR';
  const rankOf = (p: readonly [number, number]): number => (lr ? p[0] : p[1]);
  const crossOf = (p: readonly [number, number]): number => (lr ? p[1] : p[0]);

  const centres = graph.nodes.map((node) => {
    const box = layout.nodes[node.id];
    if (!box) throw new Error(`countCrossings: node "${node.id}" has no position`);
    return lr ? box.x : box.y;
  });
  const lines = distinctLines(centres);
  const lineOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => lineOf.set(node.id, nearestLine(lines, centres[i] ?? 0)));

  // segments[k]: [position on line k, position on line k + 1] for every link spanning them.
  const segments: [number, number][][] = lines.map(() => []);
  for (const link of graph.links) {
    const a = layout.nodes[link.source];
    const b = layout.nodes[link.target];
    const la = lineOf.get(link.source);
    const lb = lineOf.get(link.target);
    if (!a || !b || la === undefined || lb === undefined || la === lb) continue;
    const route = layout.links[link.id]?.points ?? [];
    const forward = la < lb;
    const [first, last] = forward ? [la, lb] : [lb, la];
    const [startBox, endBox] = forward ? [a, b] : [b, a];
    const points = forward ? route : [...route].reverse();
    const at: number[] = [lr ? startBox.y : startBox.x];
    let from = 0;
    for (let k = first + 1; k < last; k++) {
      const line = lines[k] ?? 0;
      const hit = crossingOf(points, from, line, rankOf, crossOf);
      if (hit) {
        at.push(hit.value);
        from = hit.segment;
      } else {
        // No route through this line: fall back to the straight line between the two centres.
        const s = lr ? [startBox.x, startBox.y] : [startBox.y, startBox.x];
        const e = lr ? [endBox.x, endBox.y] : [endBox.y, endBox.x];
        const t = (line - (s[0] ?? 0)) / ((e[0] ?? 0) - (s[0] ?? 0)) || 0;
        at.push((s[1] ?? 0) + t * ((e[1] ?? 0) - (s[1] ?? 0)));
      }
    }
    at.push(lr ? endBox.y : endBox.x);
    for (let k = first; k < last; k++)
      segments[k]?.push([at[k - first] ?? 0, at[k - first + 1] ?? 0]);
  }
  let total = 0;
  for (const list of segments) total += inversions(list);
  return total;
}

/** Sorted distinct values, merging values within half a unit of the previous one. */
function distinctLines(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const lines: number[] = [];
  for (const v of sorted) {
    const last = lines[lines.length - 1];
    if (last === undefined || v - last > 0.5) lines.push(v);
  }
  return lines;
}

function nearestLine(lines: readonly number[], value: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] ?? 0) <= value + 0.5) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where the polyline first crosses the rank coordinate `line`, searching from segment `from` on. */
function crossingOf(
  points: readonly (readonly [number, number])[],
  from: number,
  line: number,
  rankOf: (p: readonly [number, number]) => number,
  crossOf: (p: readonly [number, number]) => number,
): {value: number; segment: number} | null {
  for (let i = from; i + 1 < points.length; i++) {
    const p = points[i];
    const q = points[i + 1];
    if (!p || !q) break;
    const r0 = rankOf(p);
    const r1 = rankOf(q);
    if ((r0 - line) * (r1 - line) > 0) continue;
    const t = r1 === r0 ? 0 : (line - r0) / (r1 - r0);
    return {value: crossOf(p) + t * (crossOf(q) - crossOf(p)), segment: i};
  }
  return null;
}

/** Pairs of segments whose order on the second line strictly reverses their order on the first. */
function inversions(segments: readonly [number, number][]): number {
  if (segments.length < 2) return 0;
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const items = segments.map(([a, b]) => [round(a), round(b)] as const);
  items.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const values = [...new Set(items.map((p) => p[1]))].sort((a, b) => a - b);
  const rank = new Map(values.map((v, i) => [v, i + 1]));
  const tree = new Float64Array(values.length + 1);
  let inserted = 0;
  let count = 0;
  for (let i = 0; i < items.length;) {
    // Segments that share their first-line position do not cross each other: count the group
    // against what came before, then insert it.
    let j = i;
    while (j < items.length && items[j]?.[0] === items[i]?.[0]) j++;
    for (let k = i; k < j; k++) {
      let atMost = 0;
      for (let r = rank.get(items[k]?.[1] ?? 0) ?? 0; r > 0; r -= r & -r) atMost += tree[r] ?? 0;
      count += inserted - atMost;
    }
    for (let k = i; k < j; k++) {
      for (let r = rank.get(items[k]?.[1] ?? 0) ?? 0; r < tree.length; r += r & -r)
        tree[r] = (tree[r] ?? 0) + 1;
      inserted++;
    }
    i = j;
  }
  return count;
}
