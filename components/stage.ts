/**
 * The picture's stage: zoom and pan (d3-zoom) with fit-to-view, the motion overlay kept aligned
 * with the picture, and the stage's size for the element's width. It keeps the picture readable:
 * where the whole graph would show its text smaller than {@link MIN_TEXT_PX}, the stage zooms in
 * to that size and follows the current step, panning to the nodes it lights.
 */
import {select} from 'd3-selection';
import 'd3-transition';
import {zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform} from 'd3-zoom';

/** A view as d3-zoom interpolates it: centre x, centre y and width. */
type ZoomView = [number, number, number];
import type {Layout} from '../src/graph/index.js';
import {SMALLEST_TEXT, type DrawResult, type GraphNodeDatum} from '../src/render/index.js';

/** The elements the stage works on, looked up when needed (Lit may replace them). */
export interface StageParts {
  readonly svg: SVGSVGElement | undefined;
  readonly overlay: SVGSVGElement | undefined;
  readonly overlayGroup: SVGGElement | undefined;
  readonly drawn: DrawResult | null;
}

/** The smallest text the stage shows on its own, in CSS pixels (the reader may zoom out further). */
export const MIN_TEXT_PX = 11;

/** Past this many nodes a pan is a jump, not a glide: every frame of a glide repaints the picture. */
const GLIDE_NODES = 400;

/** A rectangle in the picture's user units. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Who set the zoom last: the stage itself (`auto`: readable, re-done when the stage is resized)
 * or the reader (wheel, drag, the zoom and fit buttons), whose choice a resize keeps.
 */
type Mode = 'auto' | 'reader';

/** Zoom, pan and the overlay of one element's picture. */
export class ZoomStage {
  private behavior: ZoomBehavior<SVGSVGElement, unknown> | null = null;
  private transform = '';
  private zoomed: ZoomTransform = zoomIdentity;
  /**
   * The point of the graph its group is drawn around (set by the drawing, far into a huge graph):
   * the zoom's translation makes up for it, so no coordinate grows past what the browser's layout
   * units hold (~33 million px; a 5,000-node ribbon zoomed to readable text went past them and
   * showed nothing).
   */
  private shift: readonly [number, number] = [0, 0];
  private scale = 1;
  private mode: Mode = 'auto';
  /** Screen pixels per user unit with no zoom (the viewBox fitted to the SVG), 0 before measured. */
  private base = 0;
  private size = '';

  /**
   * @param parts The elements worked on.
   * @param moved Called after every change of zoom or pan (the drawing culls a big graph to it).
   */
  constructor(
    private readonly parts: () => StageParts,
    private readonly moved: () => void = () => undefined,
  ) {}

  /** The point of the graph drawn at its group's origin (see `shift`): [0, 0] unless moved. */
  get origin(): readonly [number, number] {
    return this.shift;
  }

  /** Draws the graph's group around (x, y) of the graph from now on (the caller draws it so). */
  setOrigin(x: number, y: number): void {
    this.shift = [x, y];
    this.applyTransform();
  }

  /** The viewport's transform: the zoom's, with the origin's shift made up for. */
  private applyTransform(): void {
    const t = this.zoomed;
    const [sx, sy] = this.shift;
    this.transform = `translate(${String(t.x + t.k * sx)},${String(t.y + t.k * sy)}) scale(${String(t.k)})`;
    this.parts().drawn?.viewport.attr('transform', this.transform);
  }

  /** The zoom factor now (1: the whole graph fitted). */
  get zoom(): number {
    return this.scale;
  }

  /** The size of the smallest text on screen now, in CSS pixels (0 before measured). */
  get textPx(): number {
    return this.base * this.scale * SMALLEST_TEXT;
  }

  /**
   * Puts zoom and pan on a freshly drawn picture: all of it when its text is readable so, else
   * zoomed to readable text around the current step.
   */
  attach(svg: SVGSVGElement): void {
    this.behavior ??= zoom<SVGSVGElement, unknown>().interpolate(straightGlide);
    this.behavior.on('zoom', (e: {transform: ZoomTransform; sourceEvent: unknown}) => {
      // Wheel, drag and pinch carry the pointer's event: the reader chose this view.
      if (e.sourceEvent) this.mode = 'reader';
      this.zoomed = e.transform;
      this.scale = e.transform.k;
      this.applyTransform();
      this.align();
      this.updateDetail();
      this.moved();
    });
    select(svg).call(this.behavior).on('dblclick.zoom', null);
    this.shift = [0, 0];
    this.mode = 'auto';
    this.size = '';
    this.resized();
  }

  /**
   * The SVG's size may have changed (the element's resize observer calls this): measure it again; a view the stage chose is chosen again
   * for the new size (the reader's own zoom stays).
   */
  resized(): void {
    const {svg} = this.parts();
    if (!svg || !this.behavior) return;
    const r = svg.getBoundingClientRect();
    const view = viewBoxOf(svg);
    if (!view || !r.width || !r.height) return;
    const size = `${String(r.width)}x${String(r.height)}|${String(view.width)}x${String(view.height)}`;
    if (size === this.size) return;
    this.size = size;
    this.base = Math.min(r.width / view.width, r.height / view.height);
    const readable = this.readableZoom();
    this.behavior.scaleExtent([0.2, Math.max(40, readable * 4)]);
    // A glide in flight ends where the old size wanted it: stop it first.
    select(svg).interrupt();
    if (this.mode === 'auto') this.apply(this.autoTransform(), null);
    else this.updateDetail();
  }

  /** The zoom at which the smallest text shows at {@link MIN_TEXT_PX} (1 or less: all fits). */
  readableZoom(): number {
    return this.base > 0 ? MIN_TEXT_PX / (SMALLEST_TEXT * this.base) : 1;
  }

  /**
   * Level of detail: where text would be drawn smaller than about 3 px (a big graph fitted to
   * the view) it is left out, which nobody could read and which costs most of the painting;
   * zooming in brings it back. Never measures (the size is measured on resize).
   */
  updateDetail(): void {
    const {svg} = this.parts();
    if (!svg || !this.base) return;
    svg.classList.toggle('gg-coarse', this.base * this.scale * 12 < 3);
  }

  /** Stops a glide in flight (it ends where it is). */
  stop(): void {
    const {svg} = this.parts();
    if (svg) select(svg).interrupt();
  }

  /** Shows the whole graph (the reader's choice: it stays until the reader zooms again). */
  fit(): void {
    this.mode = 'reader';
    this.apply(zoomIdentity, this.glideMs());
  }

  /** Zooms by `factor` around the middle of the view (the reader's choice). */
  zoomBy(factor: number): void {
    const {svg} = this.parts();
    if (!svg || !this.behavior) return;
    this.mode = 'reader';
    const ms = this.glideMs();
    if (ms === null) this.behavior.scaleBy(select(svg), factor);
    else this.behavior.scaleBy(select(svg).transition().duration(ms), factor);
  }

  /**
   * Keeps the current step in view: when the nodes it lights are not all inside the view, pans
   * (at the same zoom) to centre them. `motion`: whether the move may glide.
   */
  follow(motion: boolean): void {
    const {svg} = this.parts();
    const view = this.visible();
    if (!svg || !view || !this.base) return;
    const t = zoomTransform(svg);
    const k = this.mode === 'auto' ? Math.max(1, this.readableZoom()) : t.k;
    const focus = this.focus(k, view);
    if (!focus) return;
    const on = {
      x0: t.k * focus.x0 + t.x,
      y0: t.k * focus.y0 + t.y,
      x1: t.k * focus.x1 + t.x,
      y1: t.k * focus.y1 + t.y,
    };
    const pad = 8 / this.base;
    const inside =
      (this.mode !== 'auto' || t.k >= this.readableZoom() - 1e-6) &&
      on.x0 >= view.x0 + pad &&
      on.y0 >= view.y0 + pad &&
      on.x1 <= view.x1 - pad &&
      on.y1 <= view.y1 - pad;
    if (inside) return;
    this.apply(this.centred(k, focus, view), motion ? this.glideMs() : null);
  }

  /**
   * The part of the graph on screen now, in the layout's coordinates (those of the node boxes),
   * or null before the stage is measured.
   */
  window(): Rect | null {
    const {svg, drawn} = this.parts();
    const view = this.visible();
    if (!svg || !drawn || !view) return null;
    const t = zoomTransform(svg);
    const [ox, oy] = this.offsetOf(drawn);
    return {
      x0: (view.x0 - t.x) / t.k - ox,
      y0: (view.y0 - t.y) / t.k - oy,
      x1: (view.x1 - t.x) / t.k - ox,
      y1: (view.y1 - t.y) / t.k - oy,
    };
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

  /** The view the stage chooses: everything, or readable text centred on the current step. */
  private autoTransform(): ZoomTransform {
    const k = this.readableZoom();
    if (k <= 1) return zoomIdentity;
    const view = this.visible();
    const focus = view ? (this.focus(k, view) ?? this.first()) : null;
    if (!view || !focus) return zoomIdentity;
    return this.centred(k, focus, view);
  }

  /** The transform at zoom k that puts the middle of `focus` in the middle of `view`. */
  private centred(k: number, focus: Rect, view: Rect): ZoomTransform {
    const cx = (view.x0 + view.x1) / 2;
    const cy = (view.y0 + view.y1) / 2;
    const fx = (focus.x0 + focus.x1) / 2;
    const fy = (focus.y0 + focus.y1) / 2;
    return zoomIdentity.translate(cx - k * fx, cy - k * fy).scale(k);
  }

  private apply(t: ZoomTransform, ms: number | null): void {
    const {svg} = this.parts();
    if (!svg || !this.behavior) return;
    if (ms === null) this.behavior.transform(select(svg), t);
    else this.behavior.transform(select(svg).transition().duration(ms), t);
  }

  /** How long a pan glides (null: a jump), from the reader's motion setting and the graph's size. */
  private glideMs(): number | null {
    const nodes = this.parts().drawn?.order.length ?? 0;
    if (nodes > GLIDE_NODES || matchMedia('(prefers-reduced-motion: reduce)').matches) return null;
    return 350;
  }

  /**
   * The part of the picture's user space the SVG shows, zoom aside (the viewBox is centred and
   * fitted: one side fills the SVG, the other shows more than the viewBox).
   */
  private visible(): Rect | null {
    const {svg} = this.parts();
    const view = svg ? viewBoxOf(svg) : null;
    if (!svg || !view || !this.base) return null;
    const [w, h] = this.size.split('|')[0]?.split('x').map(Number) ?? [0, 0];
    if (!w || !h) return null;
    const halfW = w / this.base / 2;
    const halfH = h / this.base / 2;
    return {
      x0: view.width / 2 - halfW,
      y0: view.height / 2 - halfH,
      x1: view.width / 2 + halfW,
      y1: view.height / 2 + halfH,
    };
  }

  /**
   * What to keep in view at zoom k: the nodes the current step lights (a rectangle in the zoomed
   * group's units); where they do not fit in `view` together, the ops among them (the grad_fn an
   * engine step runs, the op a forward step computes), and where those do not fit either (an
   * optimizer step lights parameters all over the graph), the first of them in topological
   * order, so the view shows a lit node rather than the empty middle between them; null when
   * the step lights nothing.
   */
  private focus(k: number, view: Rect): Rect | null {
    const lit = this.parts().drawn?.lit ?? [];
    const fits = (r: Rect) =>
      (r.x1 - r.x0) * k <= view.x1 - view.x0 && (r.y1 - r.y0) * k <= view.y1 - view.y0;
    const all = this.boxes(lit);
    if (!all || fits(all)) return all;
    const ops = lit.filter((d) => d.node.kind !== 'tensor');
    const some = ops.length ? ops : lit;
    const box = this.boxes(some);
    return box && fits(box) ? box : this.boxes(some.slice(0, 1));
  }

  /** The first node drawn (a source of the graph), when the step lights none. */
  private first(): Rect | null {
    return this.boxes(this.parts().drawn?.data.slice(0, 1) ?? []);
  }

  /** Where the graph group sits inside the zoomed group (draw's margin), the origin's shift aside. */
  private offsetOf(drawn: DrawResult): [number, number] {
    const inner = drawn.viewport.node()?.firstElementChild?.getAttribute('transform') ?? '';
    const m = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)/.exec(inner);
    return m ? [Number(m[1]) + this.shift[0], Number(m[2]) + this.shift[1]] : [0, 0];
  }

  /** The rectangle around the boxes of `data` (null: none), in the zoomed group's units. */
  private boxes(data: readonly GraphNodeDatum[]): Rect | null {
    const drawn = this.parts().drawn;
    if (!drawn) return null;
    const [ox, oy] = this.offsetOf(drawn);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    // Drawn or culled: the step may light nodes that are off screen.
    for (const d of data) {
      x0 = Math.min(x0, d.box.x - d.box.width / 2);
      y0 = Math.min(y0, d.box.y - d.box.height / 2);
      x1 = Math.max(x1, d.box.x + d.box.width / 2);
      y1 = Math.max(y1, d.box.y + d.box.height / 2);
    }
    if (x0 === Infinity) return null;
    return {x0: x0 + ox, y0: y0 + oy, x1: x1 + ox, y1: y1 + oy};
  }
}

/**
 * A glide's path from view a to view b (each [centre x, centre y, width]): the centre moves in a
 * straight line and the width changes geometrically, so a pan at the same zoom keeps its zoom
 * all the way. d3's default (van Wijk and Nuij's smooth zoom) zooms out in the middle of a long
 * pan, which showed readable text at 9 px while the picture followed the step.
 */
function straightGlide(a: ZoomView, b: ZoomView): (t: number) => ZoomView {
  return (t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] * (b[2] / a[2]) ** t];
}

/** The viewBox's size, or null. */
function viewBoxOf(svg: SVGSVGElement): {width: number; height: number} | null {
  const parts = svg.getAttribute('viewBox')?.split(' ').map(Number);
  const width = parts?.[2] ?? 0;
  const height = parts?.[3] ?? 0;
  return width > 0 && height > 0 ? {width, height} : null;
}

/** Below this width (px) the panels go under the picture. */
const NARROW = 640;

/**
 * How the stage sits in an element `width` px wide: whether the panels go under the picture (a
 * narrow element, or a wide left-to-right graph that needs the whole width to stay readable),
 * and the picture's height, between the element's min and max custom properties (`fill` px
 * when given: the screen's height left by the controls, in full screen).
 */
export function stageSize(
  width: number,
  layout: Layout | undefined,
  panelsHidden: boolean,
  style: CSSStyleDeclaration,
  fill = 0,
): {narrow: boolean; height: number} {
  const wide = layout ? layout.width > 2.2 * Math.max(layout.height, 1) : false;
  const narrow = width > 0 && (width < NARROW || wide);
  if (!layout || width === 0) return {narrow, height: 0};
  const stageWidth = narrow || panelsHidden ? width : (width * 3) / 5;
  const max = parseFloat(style.getPropertyValue('--grad-graph-max-height')) || 520;
  const min = parseFloat(style.getPropertyValue('--grad-graph-min-height')) || 180;
  if (fill > 0) return {narrow, height: Math.round(Math.max(min, fill))};
  const natural = ((layout.height + 32) / Math.max(1, layout.width + 32)) * stageWidth;
  return {narrow, height: Math.round(Math.min(max, Math.max(min, natural)))};
}

/** Below this width (px) an element whose `direction` is `auto` lays its graph out top to bottom. */
export const NARROW_DIRECTION = 560;

/** The direction `auto` means in an element `width` px wide: top to bottom in a narrow panel. */
export function autoDirection(width: number): 'LR' | 'TB' {
  return width > 0 && width < NARROW_DIRECTION ? 'TB' : 'LR';
}
