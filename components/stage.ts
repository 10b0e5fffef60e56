/**
 * The picture's stage: zoom and pan (d3-zoom) with fit-to-view, the motion overlay kept aligned
 * with the picture, and the stage's size for the element's width.
 */
import {select} from 'd3-selection';
import {zoom, zoomIdentity, type ZoomBehavior} from 'd3-zoom';
import type {Layout} from '../src/graph/index.js';
import type {DrawResult} from '../src/render/index.js';

/** The elements the stage works on, looked up when needed (Lit may replace them). */
export interface StageParts {
  readonly svg: SVGSVGElement | undefined;
  readonly overlay: SVGSVGElement | undefined;
  readonly overlayGroup: SVGGElement | undefined;
  readonly drawn: DrawResult | null;
}

/** Zoom, pan and the overlay of one element's picture. */
export class ZoomStage {
  private behavior: ZoomBehavior<SVGSVGElement, unknown> | null = null;
  private transform = '';
  private scale = 1;

  constructor(private readonly parts: () => StageParts) {}

  /** Puts zoom and pan on a freshly drawn picture and shows all of it. */
  attach(svg: SVGSVGElement): void {
    this.behavior ??= zoom<SVGSVGElement, unknown>().scaleExtent([0.2, 40]);
    this.behavior.on('zoom', (e: {transform: {k: number; toString(): string}}) => {
      this.transform = e.transform.toString();
      this.scale = e.transform.k;
      this.parts().drawn?.viewport.attr('transform', this.transform);
      this.align();
      this.updateDetail();
    });
    select(svg).call(this.behavior).on('dblclick.zoom', null);
    this.behavior.transform(select(svg), zoomIdentity);
  }

  /**
   * Level of detail: where text would be drawn smaller than about 3 px (a big graph fitted to
   * the view) it is left out, which nobody could read and which costs most of the painting;
   * zooming in brings it back. Called on zoom and resize, never per step (it measures).
   */
  updateDetail(): void {
    const {svg} = this.parts();
    if (!svg) return;
    const viewWidth = Number(svg.getAttribute('viewBox')?.split(' ')[2] ?? 0);
    const shown = svg.getBoundingClientRect().width;
    if (!viewWidth || !shown) return;
    const pixelsPerUnit =
      Math.min(
        shown / viewWidth,
        svg.getBoundingClientRect().height /
          Number(svg.getAttribute('viewBox')?.split(' ')[3] ?? 1),
      ) * this.scale;
    svg.classList.toggle('gg-coarse', pixelsPerUnit * 12 < 3);
  }

  /** Shows the whole graph again (undoes zoom and pan). */
  fit(): void {
    const {svg} = this.parts();
    if (svg && this.behavior) this.behavior.transform(select(svg), zoomIdentity);
  }

  /** Gives the motion overlay the picture's viewBox and the graph group's (zoomed) transform. */
  align(): void {
    const {svg, overlay, overlayGroup, drawn} = this.parts();
    if (!svg || !overlay || !overlayGroup) return;
    const viewBox = svg.getAttribute('viewBox');
    if (viewBox && overlay.getAttribute('viewBox') !== viewBox)
      overlay.setAttribute('viewBox', viewBox);
    const inner = drawn?.viewport.node()?.firstElementChild;
    const t = `${this.transform} ${inner?.getAttribute('transform') ?? ''}`.trim();
    if (overlayGroup.getAttribute('transform') !== t) overlayGroup.setAttribute('transform', t);
  }
}

/** Below this width (px) the panels go under the picture. */
const NARROW = 640;

/**
 * How the stage sits in an element `width` px wide: whether the panels go under the picture (a
 * narrow element, or a wide left-to-right graph that needs the whole width to stay readable),
 * and the picture's height, between the element's min and max custom properties.
 */
export function stageSize(
  width: number,
  layout: Layout | undefined,
  panelsHidden: boolean,
  style: CSSStyleDeclaration,
): {narrow: boolean; height: number} {
  const wide = layout ? layout.width > 2.2 * Math.max(layout.height, 1) : false;
  const narrow = width > 0 && (width < NARROW || wide);
  if (!layout || width === 0) return {narrow, height: 0};
  const stageWidth = narrow || panelsHidden ? width : (width * 3) / 5;
  const max = parseFloat(style.getPropertyValue('--grad-graph-max-height')) || 520;
  const min = parseFloat(style.getPropertyValue('--grad-graph-min-height')) || 180;
  const natural = ((layout.height + 32) / Math.max(1, layout.width + 32)) * stageWidth;
  return {narrow, height: Math.round(Math.min(max, Math.max(min, natural)))};
}
