/**
 * The loss curve of the MLP demo, drawn with d3-selection and d3-shape: loss against iteration,
 * a marker on the chosen iteration, and a click or drag on the chart to choose another.
 */
import {select} from 'd3-selection';
import {line} from 'd3-shape';

/** A linear map from a domain to a range, with round tick values (d3-scale is not a dependency). */
export interface Linear {
  (x: number): number;
  invert(y: number): number;
  ticks(count: number): number[];
}

/** `linear([d0, d1], [r0, r1])`: the straight line through (d0, r0) and (d1, r1). */
export function linear(
  domain: readonly [number, number],
  range: readonly [number, number],
): Linear {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((x: number) => r0 + ((x - d0) / span) * (r1 - r0)) as Linear;
  f.invert = (y: number) => d0 + ((y - r0) / (r1 - r0 || 1)) * span;
  f.ticks = (count: number) => {
    const raw = span / Math.max(1, count);
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
    const out: number[] = [];
    for (let v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) {
      out.push(Number(v.toPrecision(12)));
    }
    return out;
  };
  return f;
}

const MARGIN = {top: 12, right: 16, bottom: 30, left: 52};

/** Draws `losses` into `svg` (its width from the layout) with iteration `current` marked. */
export function drawLossChart(
  svg: SVGSVGElement,
  losses: readonly number[],
  current: number,
  labels: {readonly x: string; readonly y: string},
): {x: Linear} {
  const width = Math.max(240, svg.clientWidth || 600);
  const height = Math.max(140, svg.clientHeight || 220);
  const root = select(svg).attr('viewBox', `0 0 ${String(width)} ${String(height)}`);
  root.selectAll('*').remove();
  const n = losses.length;
  const x = linear([0, Math.max(1, n - 1)], [MARGIN.left, width - MARGIN.right]);
  // A diverging run (loss to 1e28, then NaN) must not flatten the rest: cap the scale, clip the line.
  const finite = losses.filter((v) => Number.isFinite(v));
  const first = finite[0] ?? 1;
  const top = Math.min(Math.max(...finite, 1e-9), first * 10);
  const y = linear([0, top * 1.05], [height - MARGIN.bottom, MARGIN.top]);
  const clamp = (v: number) => y(Math.min(v, top * 1.05));
  const axes = root.append('g').attr('class', 'axes');
  for (const t of y.ticks(4)) {
    const g = axes.append('g').attr('transform', `translate(0,${String(y(t))})`);
    g.append('line')
      .attr('x1', MARGIN.left)
      .attr('x2', width - MARGIN.right)
      .attr('class', 'grid');
    g.append('text')
      .attr('x', MARGIN.left - 6)
      .attr('dy', '0.32em')
      .attr('text-anchor', 'end')
      .text(String(t));
  }
  for (const t of x.ticks(Math.min(10, Math.max(1, n - 1)))) {
    axes
      .append('text')
      .attr('x', x(t))
      .attr('y', height - MARGIN.bottom + 16)
      .attr('text-anchor', 'middle')
      .text(String(t));
  }
  axes
    .append('text')
    .attr('class', 'label')
    .attr('x', width - MARGIN.right)
    .attr('y', height - 2)
    .attr('text-anchor', 'end')
    .text(labels.x);
  axes
    .append('text')
    .attr('class', 'label')
    .attr('x', MARGIN.left)
    .attr('y', MARGIN.top - 2)
    .text(labels.y);
  const path = line<number>()
    .defined((d) => Number.isFinite(d))
    .x((_, i) => x(i))
    .y((d) => clamp(d));
  root
    .append('path')
    .attr('class', 'loss')
    .attr('d', path(losses as number[]) ?? '');
  const k = Math.min(Math.max(current, 0), n - 1);
  const loss = losses[k];
  if (loss !== undefined && Number.isFinite(loss)) {
    root
      .append('line')
      .attr('class', 'cursor')
      .attr('x1', x(k))
      .attr('x2', x(k))
      .attr('y1', MARGIN.top)
      .attr('y2', height - MARGIN.bottom);
    root
      .append('circle')
      .attr('class', 'point')
      .attr('cx', x(k))
      .attr('cy', clamp(loss))
      .attr('r', 4.5);
  }
  return {x};
}
