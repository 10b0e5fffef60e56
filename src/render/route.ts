/** Turns a layout's link route into a smooth SVG path that starts and ends at the node borders. */
import {curveBasis, curveBumpX, curveBumpY, line} from 'd3-shape';
import type {Direction, LinkRoute, GraphNodeBox} from '../graph/model.js';

/** A point as [x, y]. */
export type Point = readonly [number, number];

/** What a node's outline is, for clipping link ends to it. */
export interface Outline {
  readonly box: GraphNodeBox;
  readonly round: boolean;
}

/**
 * Moves `inner` (inside the outline) onto the outline along the segment towards `outer`.
 * Points already outside are kept: the layout may have routed to the border itself.
 */
export function clipToOutline(inner: Point, outer: Point, outline: Outline): Point {
  const {box, round} = outline;
  const [x, y] = inner;
  const dx = outer[0] - x;
  const dy = outer[1] - y;
  if (round) {
    const r = Math.min(box.width, box.height) / 2;
    const cx = box.x;
    const cy = box.y;
    if ((x - cx) ** 2 + (y - cy) ** 2 >= r * r) return inner;
    // Solve |inner + t·d - c| = r for the t in (0, 1].
    const fx = x - cx;
    const fy = y - cy;
    const a = dx * dx + dy * dy;
    if (a === 0) return inner;
    const b = 2 * (fx * dx + fy * dy);
    const c = fx * fx + fy * fy - r * r;
    const t = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
    return [x + t * dx, y + t * dy];
  }
  const hw = box.width / 2;
  const hh = box.height / 2;
  if (Math.abs(x - box.x) >= hw || Math.abs(y - box.y) >= hh) return inner;
  let t = 1;
  if (dx !== 0) t = Math.min(t, ((dx > 0 ? box.x + hw : box.x - hw) - x) / dx);
  if (dy !== 0) t = Math.min(t, ((dy > 0 ? box.y + hh : box.y - hh) - y) / dy);
  return [x + t * dx, y + t * dy];
}

/** The points of a route with both ends clipped to their node outlines. */
export function clippedPoints(
  route: LinkRoute | undefined,
  source: Outline,
  target: Outline,
  gap = 2,
): Point[] {
  const pts: Point[] = route?.points.length
    ? route.points.map((p) => [p[0], p[1]] as const)
    : [
        [source.box.x, source.box.y],
        [target.box.x, target.box.y],
      ];
  if (pts.length === 1) pts.push([target.box.x, target.box.y]);
  const first = pts[0];
  const second = pts[1];
  const last = pts[pts.length - 1];
  const beforeLast = pts[pts.length - 2];
  if (!first || !second || !last || !beforeLast) return pts;
  pts[0] = pullBack(clipToOutline(first, second, source), second, gap);
  pts[pts.length - 1] = pullBack(clipToOutline(last, beforeLast, target), beforeLast, gap);
  return pts;
}

/** Moves p a little towards q, so an arrowhead does not touch the outline. */
function pullBack(p: Point, q: Point, by: number): Point {
  const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
  if (d <= by * 2) return p;
  return [p[0] + ((q[0] - p[0]) * by) / d, p[1] + ((q[1] - p[1]) * by) / d];
}

/** The SVG path of a route: a bump between two points, a B-spline through layer points. */
export function routePath(points: readonly Point[], direction: Direction): string {
  const curve = points.length > 2 ? curveBasis : direction === 'LR' ? curveBumpX : curveBumpY;
  const path = line<Point>()
    .x((p) => round(p[0]))
    .y((p) => round(p[1]))
    .curve(curve);
  return path(points) ?? '';
}

/** The point halfway along a polyline, where a link's gradient label sits. */
export function midpoint(points: readonly Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += dist(points[i - 1], points[i]);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const d = dist(a, b);
    if (a && b && d >= left && d > 0)
      return [a[0] + ((b[0] - a[0]) * left) / d, a[1] + ((b[1] - a[1]) * left) / d];
    left -= d;
  }
  return points[0] ?? [0, 0];
}

function dist(a: Point | undefined, b: Point | undefined): number {
  return a && b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : 0;
}

/** Rounds to 0.01 so paths are short and stable across platforms. */
export function round(v: number): number {
  return Math.round(v * 100) / 100;
}
