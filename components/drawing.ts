/**
 * The element's drawing: the current step of a picture drawn with src/render's `draw` into the
 * element's SVG, the states of recent steps cached (stepping back and forth recomputes nothing),
 * the motion to a neighbouring step, the selected node marked, and the stage (zoom, pan, fit).
 */
import type {Lang, State} from '../src/graph/index.js';
import {stateAt} from '../src/graph/index.js';
import {draw, type DrawResult} from '../src/render/index.js';
import type {Shown} from './run-controller.js';
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

  constructor(private readonly parts: () => DrawingParts) {
    this.stage = new ZoomStage(() => ({...parts(), drawn: this.last}));
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
    this.last = draw(picture.graph, picture.layout, this.stateOf(picture, k), {
      document,
      svg,
      lang,
      step: picture.timeline.steps[k] ?? null,
      focusable: true,
    });
    this.drawn = {picture, step: k, lang};
    if (first) {
      this.marked = null;
      this.stage.attach(svg);
    }
    this.mark(this.selected);
    this.stage.align();
    // Where the picture is zoomed in (to keep its text readable), the view follows the step.
    if (!first) this.stage.follow(motionMs !== null);
    if (motionMs !== null && !first && overlayGroup) animateStep(this.last, overlayGroup, motionMs);
    return true;
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

  /** Forgets the drawn picture (its states, what was drawn) and stops its motion. */
  clear(): void {
    this.stop();
    this.states.clear();
    this.statesOf = null;
    this.drawn = null;
  }

  /** Stops the motion in flight (a step's, and the view's glide). */
  stop(): void {
    stopAnimations(this.parts().overlayGroup);
    this.stage.stop();
  }
}
