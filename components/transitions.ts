/**
 * The motion between two neighbouring steps, applied to what `draw` returned: nodes that appear
 * fade in, and the links the step lights are drawn along their direction of flow (source to
 * target forward, target to source backward). Only d3-transition timers run, and
 * `stopAnimations` ends them (before the next draw, and when the element leaves the page).
 */
import {select} from 'd3-selection';
import 'd3-transition';
import type {DrawResult} from '../src/render/draw.js';

const NAME = 'grad-graph-step';

/** Starts the transitions of one step, lasting `ms`. */
export function animateStep(result: DrawResult, ms: number): void {
  result.nodes
    .filter((d) => result.appeared.has(d.node.id))
    .attr('opacity', 0)
    .transition(NAME)
    .duration(ms)
    .attr('opacity', 1)
    .on('end interrupt', function () {
      this.removeAttribute('opacity');
    });
  result.links
    .filter((d) => d.state.active && d.state.flow !== null)
    .each(function (d) {
      const path = this.querySelector('path');
      if (!path || typeof path.getTotalLength !== 'function') return;
      const length = path.getTotalLength();
      const from = d.state.flow === 'backward' ? -length : length;
      select(path)
        .style('stroke-dasharray', `${length} ${length}`)
        .style('stroke-dashoffset', String(from))
        .transition(NAME)
        .duration(ms)
        .style('stroke-dashoffset', '0')
        .on('end interrupt', function () {
          this.style.removeProperty('stroke-dasharray');
          this.style.removeProperty('stroke-dashoffset');
        });
    });
}

/** Ends every running transition of a drawn picture, leaving it at its final state. */
export function stopAnimations(result: DrawResult | null): void {
  if (!result) return;
  result.nodes.interrupt(NAME);
  result.links.each(function () {
    const path = this.querySelector('path');
    if (path) select(path).interrupt(NAME);
  });
}
