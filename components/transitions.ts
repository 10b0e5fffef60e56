/**
 * The motion between two neighbouring steps. The picture itself changes at once (draw is pure);
 * the motion is drawn on an overlay SVG above it, in its own compositing layer: a stroke running
 * along each link the step lights (source to target forward, target to source backward) and a
 * fading outline on each node that appears. So a frame of motion repaints only the overlay, never
 * the (possibly big) picture. Only d3-transition timers run, and `stopAnimations` ends them
 * (before the next step, and when the element leaves the page).
 */
import {select} from 'd3-selection';
import 'd3-transition';
import type {DrawResult} from '../src/render/index.js';

const NAME = 'grad-graph-step';

/**
 * A length at least that of the curve drawn through `points`: the polyline's, with room for the
 * curve's bends, so a dash that long covers the whole link. (Not getTotalLength(): that forces a
 * layout of the whole picture.)
 */
function routeLength(points: readonly (readonly [number, number])[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b) total += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return Math.ceil(total * 1.25) + 1;
}

/** Starts the motion of one step on `overlay` (a group aligned with the picture), lasting `ms`. */
export function animateStep(result: DrawResult, overlay: SVGGElement, ms: number): void {
  const layer = select(overlay);
  result.links.each((d) => {
    if (!d.state.active || d.state.flow === null) return;
    const length = routeLength(d.points);
    layer
      .append('path')
      .attr('class', `gg-flow gg-flow-${d.state.flow}`)
      .attr('d', d.path)
      .attr('stroke-dasharray', `${length} ${length}`)
      .attr('stroke-dashoffset', d.state.flow === 'backward' ? -length : length)
      .transition(NAME)
      .duration(ms)
      .attr('stroke-dashoffset', 0)
      .remove();
  });
  result.nodes.each((d) => {
    if (!result.appeared.has(d.node.id)) return;
    const round = d.node.kind === 'op';
    layer
      .append('rect')
      .attr('class', `gg-pulse gg-pulse-${d.lit ?? 'forward'}`)
      .attr('x', d.box.x - d.box.width / 2 - 3)
      .attr('y', d.box.y - d.box.height / 2 - 3)
      .attr('width', d.box.width + 6)
      .attr('height', d.box.height + 6)
      .attr('rx', round ? (d.box.height + 6) / 2 : 7)
      .attr('opacity', 1)
      .transition(NAME)
      .duration(ms)
      .attr('opacity', 0)
      .remove();
  });
}

/** Ends the motion at once: every running transition stops and the overlay is emptied. */
export function stopAnimations(overlay: SVGGElement | null | undefined): void {
  if (!overlay) return;
  const children = select(overlay).selectChildren();
  children.interrupt(NAME);
  children.remove();
}
