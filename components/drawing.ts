/**
 * The element's drawing: the current step of a picture drawn with src/render's `draw` into the
 * element's SVG, the states of recent steps cached (stepping back and forth recomputes nothing),
 * the motion to a neighbouring step, the selected node marked, and the stage (zoom, pan, fit).
 * A big graph is culled to the screen (./culling.ts): drawn again, in chunks across frames, when
 * zoom or pan bring what is not drawn yet on screen.
 */
import type {Lang, State} from '../src/graph/index.js';
import type {NodeMove} from './keys.js';
import {stateAt} from '../src/graph/index.js';
import {draw, type DrawResult} from '../src/render/index.js';
import type {Shown} from './run-controller.js';
import {Culling, culls, type CullPlan} from './culling.js';
import {applyFocus, type FocusLines} from './focus.js';
import {ZoomStage} from './stage.js';
import {animateStep, stopAnimations} from './transitions.js';

/** The elements drawn into, looked up when needed (Lit may replace them). */
export interface DrawingParts {
  readonly svg: SVGSVGElement | undefined;
  readonly overlay: SVGSVGElement | undefined;
  readonly overlayGroup: SVGGElement | undefined;
}

/** How many steps' states are kept; past it the cache starts again. */
const CACHED_STATES = 64;

/** One element's drawing of its picture. */
export class PictureDrawing {
  /** The last draw (its selections), or null before the first. */
  last: DrawResult | null = null;
  /** Zoom, pan and the motion overlay's alignment. */
  readonly stage: ZoomStage;
  private drawn: {picture: Shown; step: number; lang: Lang} | null = null;
  private states = new Map<number, State>();
  private statesOf: Shown | null = null;
  private marked: string | null = null;
  private selected: string | null = null;
  private readonly culling = new Culling();
  /** The culling plan drawn last (null: the whole graph was drawn). */
  private plan: CullPlan | null = null;
  /** The animation frame a re-cull waits for (0: none). */
  private frame = 0;
  /** A big graph's first draw waits for the next frame. */
  private firstFrame = false;
  /** The lines whose part of the graph is lit (the rest dimmed); null: all lit. */
  private focused: FocusLines | null = null;
  private focusShown = false;
  /** The node that is the picture's one tab stop (tabindex 0), once the reader has been on one. */
  private roving: string | null = null;
  private tabStop: SVGGElement | null = null;

  constructor(private readonly parts: () => DrawingParts) {
    this.stage = new ZoomStage(
      () => ({...parts(), drawn: this.last}),
      () => {
        this.cullNextFrame();
      },
    );
  }

  /** The state of `picture` at step k (cached). */
  stateOf(picture: Shown, k: number): State {
    if (this.statesOf !== picture) {
      this.states.clear();
      this.statesOf = picture;
    }
    let s = this.states.get(k);
    if (!s) {
      s = stateAt(picture.timeline, k);
      if (this.states.size > CACHED_STATES) this.states.clear();
      this.states.set(k, s);
    }
    return s;
  }

  /**
   * Draws step k of `picture` unless it is drawn already; with `motionMs`, animates the move from
   * the step drawn before (a neighbour: the caller decides). Returns whether it drew.
   */
  draw(picture: Shown, k: number, lang: Lang, motionMs: number | null): boolean {
    const {svg, overlayGroup} = this.parts();
    if (!svg) return false;
    if (this.drawn?.picture === picture && this.drawn.step === k && this.drawn.lang === lang)
      return false;
    const first = this.drawn?.picture !== picture;
    stopAnimations(overlayGroup);
    this.drawn = {picture, step: k, lang};
    if (first && culls(picture.graph)) {
      // A big graph's first picture is drawn at the next frame, in a task of its own: the
      // element's update that brought it (panels, text alternative) is one already.
      this.culling.reset();
      this.firstFrame = true;
      this.cullNextFrame();
      return true;
    }
    // Until then, a step only changes what that first draw will show.
    if (this.firstFrame) return true;
    this.render(svg, culls(picture.graph) ? this.planNow() : null);
    if (first) {
      this.marked = null;
      this.stage.attach(svg);
    }
    this.mark(this.selected);
    this.showFocus(picture);
    this.stage.align();
    // Where the picture is zoomed in (to keep its text readable), the view follows the step.
    if (!first) this.stage.follow(motionMs !== null);
    this.cull();
    if (motionMs !== null && !first && overlayGroup && this.last)
      animateStep(this.last, overlayGroup, motionMs);
    return true;
  }

  /** Draws the step drawn last again with `plan` (null: every node); `measured`: the stage is attached. */
  private render(svg: SVGSVGElement, plan: CullPlan | null, measured = true): void {
    const drawn = this.drawn;
    if (!drawn) return;
    const {picture, step, lang} = drawn;
    this.plan = plan;
    const origin = plan && measured ? this.originFor() : ([0, 0] as const);
    this.last = draw(picture.graph, picture.layout, this.stateOf(picture, step), {
      document,
      svg,
      lang,
      step: picture.timeline.steps[step] ?? null,
      focusable: true,
      origin,
      ...(plan ? {only: plan.only, overview: plan.overview} : {}),
    });
    const [x, y] = this.stage.origin;
    if (x !== origin[0] || y !== origin[1]) this.stage.setOrigin(origin[0], origin[1]);
    this.rove(this.roving);
  }

  /**
   * The point a culled graph is drawn around: kept while the screen stays within a few screens
   * of it, else the middle of the screen, so drawn coordinates stay small however far the
   * reader goes into a huge graph (see ZoomStage's origin).
   */
  private originFor(): readonly [number, number] {
    const view = this.last ? this.stage.window() : null;
    const [x, y] = this.stage.origin;
    if (!view) return [x, y];
    const w = view.x1 - view.x0;
    const h = view.y1 - view.y0;
    const cx = (view.x0 + view.x1) / 2;
    const cy = (view.y0 + view.y1) / 2;
    if (Math.abs(cx - x) <= 4 * w && Math.abs(cy - y) <= 4 * h) return [x, y];
    return [Math.round(cx), Math.round(cy)];
  }

  /** The culling plan for the screen now (`measured`: false before the stage is attached). */
  private planNow(measured = true): CullPlan {
    const p = this.drawn?.picture;
    if (!p) throw new Error('nothing drawn to cull');
    return this.culling.planFor(p.graph, p.layout, measured ? this.stage.window() : null);
  }

  /**
   * Culls a big graph to the screen now: draws again when what should be drawn changed (and
   * asks for the next frame while chunks of it are still to come).
   */
  private cull(): void {
    const {svg} = this.parts();
    if (!svg || !this.drawn || !culls(this.drawn.picture.graph)) return;
    if (this.firstFrame) {
      // The first draw of a big graph has no screen to cull to yet (the stage measures it once
      // the SVG exists): it makes the SVG, and the cull below fills in what is on screen.
      this.firstFrame = false;
      this.render(svg, this.planNow(false), false);
      this.marked = null;
      this.stage.attach(svg);
      this.stage.align();
      // What is on screen comes at the next frames, each a task of its own: making the SVG and
      // measuring the stage are one already.
      this.cullNextFrame();
      return;
    }
    const plan = this.planNow();
    const before = this.plan;
    if (!before || plan.only !== before.only || plan.overview !== before.overview) {
      this.render(svg, plan);
      this.mark(this.selected);
      this.showFocus(this.drawn.picture);
    }
    if (!plan.complete) this.cullNextFrame();
  }

  /** Culls again at the next frame (once, however often zoom and pan move meanwhile). */
  private cullNextFrame(): void {
    if (this.frame || !this.drawn || !culls(this.drawn.picture.graph)) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.cull();
    });
  }

  /**
   * Makes node `id` (default: the first in topological order) the picture's one tab stop: it gets
   * tabindex 0, every other node -1 (draw gives them that), so Tab enters the graph once and the
   * arrows move inside it.
   */
  rove(id: string | null): void {
    const svg = this.parts().svg;
    const first = this.last?.order[0];
    if (!svg || first === undefined) return;
    const find = (nodeId: string) =>
      svg.querySelector<SVGGElement>(`.gg-node[data-id="${CSS.escape(nodeId)}"]`);
    const el = (id === null ? null : find(id)) ?? find(first);
    if (this.tabStop && this.tabStop !== el) this.tabStop.setAttribute('tabindex', '-1');
    el?.setAttribute('tabindex', '0');
    this.tabStop = el;
    this.roving = el?.getAttribute('data-id') ?? null;
  }

  /** Moves the focus from node `from` (or the tab stop) to another, and the tab stop with it. */
  moveFocus(move: NodeMove, from: string | null): void {
    const order = this.last?.order ?? [];
    if (order.length === 0) return;
    const focused = from ?? this.roving;
    const at = focused === null ? -1 : order.indexOf(focused);
    const to =
      move === 'node-first'
        ? 0
        : move === 'node-last'
          ? order.length - 1
          : Math.max(0, Math.min(order.length - 1, at + (move === 'node-next' ? 1 : -1)));
    this.rove(order[to] ?? null);
    this.tabStop?.focus();
  }

  /** Marks the selected node (and unmarks the previous one), touching only those two. */
  mark(selected: string | null): void {
    this.selected = selected;
    const before = this.marked;
    this.last?.nodes
      .filter((d) => d.node.id === selected || d.node.id === before)
      .classed('gg-selected', (d) => d.node.id === selected);
    this.marked = selected;
  }

  /** Lights the part of the graph `lines` made and dims the rest (null: all lit). */
  focus(lines: FocusLines | null): void {
    const same =
      lines === this.focused ||
      (lines !== null && lines.from === this.focused?.from && lines.to === this.focused.to);
    this.focused = lines;
    if (!same && this.drawn) this.showFocus(this.drawn.picture);
  }

  /** Applies the focus to the last draw (a draw rewrites node classes); nothing when never set. */
  private showFocus(picture: Shown): void {
    if (!this.last || (!this.focused && !this.focusShown)) return;
    applyFocus(this.last, picture.graph, this.focused);
    this.focusShown = this.focused !== null;
  }

  /** Forgets the drawn picture (its states, what was drawn) and stops its motion. */
  clear(): void {
    this.stop();
    this.states.clear();
    this.statesOf = null;
    this.drawn = null;
    this.plan = null;
    this.firstFrame = false;
    this.culling.reset();
  }

  /** Stops the motion in flight (a step's, and the view's glide) and the culls to come. */
  stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    stopAnimations(this.parts().overlayGroup);
    this.stage.stop();
  }
}
