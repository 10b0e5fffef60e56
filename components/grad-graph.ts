/**
 * `<grad-graph>`: runs a PyTorch-flavoured script, draws its computation graph and plays it
 * forward and backward, step by step. Lit owns the chrome (controls, code, narration); the picture
 * is drawn by src/render's `draw`, which this element calls again for every step and whose
 * selections it transitions.
 */
import {LitElement, type PropertyValues} from 'lit';
import {customElement, property, query, state} from 'lit/decorators.js';
import 'd3-transition';
import {lastFigureStep} from '../src/graph/index.js';
import type {Direction, Lang, Step, ViewKind} from '../src/graph/index.js';
import {renderSVG} from '../src/render/index.js';
import type {Trace} from '../src/trace/index.js';
import {gradEvent, type GradErrorInfo} from './events.js';
import {gradGraphStyles} from './grad-graph.styles.js';
import {chrome, type ChromeWords} from './words.js';
import {limitNames, type PictureRequest, type RunError, type RunInputs} from '../src/run/index.js';
import {RunController, type Shown} from './run-controller.js';
import {RunLimitsMixin} from './limits.js';
import {PlaybackController} from './playback.js';
import {SourceController} from './source.js';
import {svgToPNG, themeOf} from './export.js';
import {PictureDrawing} from './drawing.js';
import type {FocusLines} from './focus.js';
import {Interaction} from './interaction.js';
import {graphView} from './grad-graph-view.js';
import {scrollCodeToCurrent, stageTools, statusText} from './grad-graph-chrome.js';
import {autoDirection, stageSize} from './stage.js';
import {ThemeController, type ThemeChoice} from './theme.js';
import {PageWatch} from './watch.js';

export type {GradErrorInfo} from './events.js';
export type {ThemeChoice} from './theme.js';

/** Milliseconds between steps at speed 1. */
const BASE_INTERVAL = 1200;

/**
 * Draws the computation graph of a PyTorch-flavoured script and steps through its forward values
 * and backward gradients.
 *
 * A script that needs more than a frame (~30 ms) runs in a Web Worker, so the page stays
 * responsive; a new `source` (or removing the element) stops the run in flight, and only the
 * latest source's picture ever shows (`busy` is true meanwhile). Where no worker can start (a
 * Content Security Policy without `worker-src blob:`), it runs on the main thread, bounded by
 * `time-budget-ms`. The limit attributes stop a runaway script with a clear error at its line;
 * changing a limit runs the script again.
 *
 * @summary The autograd graph of a script, played step by step.
 *
 * @slot - An inline `<script type="text/x-python">` holding the source (never rendered itself).
 *
 * @fires {CustomEvent<GradReadyDetail>} grad-ready - The picture is built. `detail: {stepCount}`.
 * @fires {CustomEvent<GradStepDetail>} grad-step - Playback or the reader moved to another step (not when code sets `step`). `detail: {index, step}`.
 * @fires {CustomEvent<GradErrorDetail>} grad-error - The script stopped with an error, or `src` could not be loaded. `detail: {error}` with `type`, `message`, `line`, `column`, `traceback`.
 * @fires {CustomEvent<GradNodeSelectDetail>} grad-node-select - The reader picked a node (click, or Enter on a focused node). `detail: {node, tensor}`.
 *
 * @csspart graph - The SVG picture.
 * @csspart node - Every node of the picture.
 * @csspart tensor - A tensor box.
 * @csspart op - An op node.
 * @csspart link - A link between nodes.
 * @csspart controls - The playback controls.
 * @csspart tools - Zoom, fit, export and full screen, over the picture.
 * @csspart narration - What the current step does, with its numbers.
 * @csspart code - The source, current line highlighted.
 * @csspart output - What the script printed so far.
 * @csspart error - The script's error.
 *
 * @cssprop [--grad-graph-forward=#0072b2] - Colour of forward flow (Okabe–Ito blue).
 * @cssprop [--grad-graph-backward=#d55e00] - Colour of backward flow and grads (Okabe–Ito vermillion).
 * @cssprop [--grad-graph-forward-tint=#e3f1fa] - Fill of a node lit by a forward step.
 * @cssprop [--grad-graph-backward-tint=#fcebdf] - Fill of a node lit by a backward step.
 * @cssprop [--grad-graph-background=#ffffff] - Background.
 * @cssprop [--grad-graph-text=#1b1f24] - Text colour.
 * @cssprop [--grad-graph-muted=#5f6b76] - Secondary text (shapes, line numbers).
 * @cssprop [--grad-graph-link=#a3adb7] - Links at rest.
 * @cssprop [--grad-graph-node-fill=#ffffff] - Fill of tensor boxes.
 * @cssprop [--grad-graph-node-stroke=#6b7782] - Outline of nodes.
 * @cssprop [--grad-graph-op-fill=#eef1f4] - Fill of op nodes.
 * @cssprop [--grad-graph-leaf-fill=#fff6d8] - Fill of leaves that require grad.
 * @cssprop [--grad-graph-font=system sans-serif stack] - Font of labels and text.
 * @cssprop [--grad-graph-mono-font=monospace stack] - Font of values, code and output.
 * @cssprop [--grad-graph-code-highlight=#fff3bf] - Background of the current source line.
 * @cssprop [--grad-graph-border=#d5dbe1] - Borders.
 * @cssprop [--grad-graph-radius=8px] - Corner radius of the element.
 * @cssprop [--grad-graph-max-height=520px] - Tallest the picture grows.
 * @cssprop [--grad-graph-min-height=180px] - Shortest the picture gets.
 */
@customElement('grad-graph')
export class GradGraph extends RunLimitsMixin(LitElement) {
  static override styles = gradGraphStyles;

  /** The current step (0-based), reflected; clamped to the steps there are. Setting it fires no event. */
  @property({type: Number, reflect: true}) step = 0;
  /** Which picture: `dataflow` (tensors and ops) or `autograd` (grad_fn nodes, as torchviz draws them). */
  @property() view: ViewKind = 'dataflow';
  /**
   * Layers run left to right (`LR`), top to bottom (`TB`), or `auto`: top to bottom in a panel
   * narrower than 560 px, left to right otherwise (laid out again when the width crosses it).
   */
  @property() direction: Direction | 'auto' = 'auto';
  /**
   * Which iteration (backward pass) of a training loop to draw, 0-based (clamped); unset: the
   * whole run. An iteration the run's trace did not keep (a long loop keeps the first and last
   * few) is recorded again in the worker, bit for bit, while `busy` is true.
   */
  @property({type: Number}) iteration: number | null = null;
  /** Start playing once the picture is built. */
  @property({type: Boolean}) autoplay = false;
  /** Start again from the first step after the last. */
  @property({type: Boolean}) loop = false;
  /** Playback speed, a multiplier (1 = a step every 1.2 s). */
  @property({type: Number}) speed = 1;
  /** Language of narration and labels: `en` or `zh`. */
  @property() override lang: Lang = 'en';
  /** Hide the playback controls. */
  @property({type: Boolean, attribute: 'no-controls'}) noControls = false;
  /** Hide the source panel. */
  @property({type: Boolean, attribute: 'no-code'}) noCode = false;
  /** Hide the narration. */
  @property({type: Boolean, attribute: 'no-narration'}) noNarration = false;
  /**
   * Hide the controls' Iteration field (a host that picks the iteration itself, as
   * `<grad-notebook>` does, shows its own).
   */
  @property({type: Boolean, attribute: 'no-iteration'}) noIteration = false;
  /** URL of a Python file to run (used when neither `trace` nor `source` is set). */
  @property() src: string | null = null;
  /** Python source to run; takes precedence over `src` and inline script. */
  @property() source: string | null = null;
  /**
   * Light or dark: `light`, `dark`, or `auto` (default) to follow the page — the theme a docs tool
   * sets on `<html>` (VitePress's `dark` class, Docusaurus's `data-theme`), else the page's
   * `color-scheme`, else the reader's system setting.
   */
  @property() theme: ThemeChoice = 'auto';
  /** A recorded trace to show (from `traceSource` or a validated JSON file); takes precedence over everything. */
  @property({attribute: false}) trace: Trace | null = null;
  /**
   * Pictures of `trace` built ahead of time (the docs-tool plugins write them at build time, see
   * src/run/prebuilt.ts): drawn as they are, so a page that plays them never loads the code that
   * builds pictures. Checked before use; set it before `trace`.
   */
  @property({attribute: false}) pictures: unknown = null;
  /**
   * Source lines (`{from, to}`, 1-based, inclusive) whose part of the graph is lit, the rest
   * dimmed: `<grad-notebook>` lights the current cell's part of the session's graph. Null: all lit.
   */
  @property({attribute: false}) focusLines: FocusLines | null = null;
  @state() private picture: Shown | null = null;
  /** The `src` file could not be loaded: shown until the inputs change. */
  @state() private failure: RunError | null = null;
  /**
   * The error of the latest outcome that has nothing to draw (the run failed, or recording a
   * forgotten iteration again did): it goes with the next picture, e.g. of a kept iteration.
   */
  @state() private unshown: RunError | null = null;
  /** Bumped when the inline script or the `src` file's text changes. */
  @state() private sourceVersion = 0;
  @state() private seen = false;
  @state() private narrow = false;
  @state() private stageHeight = 0;
  @state() private fullScreen = false;

  @query('svg[part="graph"]') private svgEl?: SVGSVGElement;
  @query('svg.overlay') private overlaySvg?: SVGSVGElement;
  @query('svg.overlay > g') private overlayEl?: SVGGElement;

  private readonly playback = new PlaybackController(this);
  private readonly run = new RunController(this);
  private readonly sourceText = new SourceController(this);
  private readonly themeState = new ThemeController(this);
  private readonly drawing = new PictureDrawing(() => ({
    svg: this.svgEl,
    overlay: this.overlaySvg,
    overlayGroup: this.overlayEl,
  }));
  private readonly interaction = new Interaction(this, {
    shown: () => this.picture,
    command: (command) => {
      if (command === 'toggle') this.onPlayButton();
      else if (command === 'next') this.next();
      else if (command === 'prev') this.prev();
      else if (command === 'first') this.goTo(0, false);
      else this.goTo(this.stepCount - 1, false);
    },
    markSelected: (id) => {
      this.drawing.mark(id);
      this.drawing.rove(id);
    },
    moveFocus: (move, from) => {
      this.drawing.moveFocus(move, from);
    },
  });
  private readonly watch = new PageWatch(this, {
    seen: () => this.seen,
    cameIntoView: () => {
      this.seen = true;
    },
    resized: () => {
      this.onResize();
    },
  });
  private scrolledTo: Element | null = null;
  private pendingEvents: CustomEvent[] = [];
  /** The run's iteration count, kept while another iteration's picture is on its way. */
  private lastIterations = 1;
  private animateNext = false;

  /** How many steps the timeline has (0 before the picture is built). */
  get stepCount(): number {
    return this.picture?.timeline.steps.length ?? 0;
  }

  /** How many iterations (backward passes) the run has: 1 before the picture is built. */
  get iterationCount(): number {
    return this.picture?.iterations ?? this.lastIterations;
  }

  /** The iteration drawn (0-based, clamped), or null for the whole run. */
  private get drawnIteration(): number | null {
    const i = this.iteration;
    if (typeof i !== 'number' || !Number.isFinite(i)) return null;
    return Math.min(Math.max(0, Math.trunc(i)), this.iterationCount - 1);
  }

  /** Every step of the timeline, in order (empty before the picture is built). */
  get steps(): readonly Step[] {
    return this.picture?.timeline.steps ?? [];
  }

  /** The current step's data, or null before the picture is built. */
  get currentStep(): Step | null {
    return this.picture?.timeline.steps[this.clampedStep] ?? null;
  }

  /** The direction the picture is laid out in (what `auto` resolved to), or null before it is built. */
  get layoutDirection(): Direction | null {
    return this.picture?.layout.direction ?? null;
  }

  /** Everything the script printed. */
  get output(): string {
    return this.picture?.trace.prints.map((p) => p.text).join('') ?? '';
  }

  /** The script's error (or the failure to load it), if any. */
  get error(): GradErrorInfo | null {
    return this.failure ?? this.picture?.error ?? this.unshown;
  }

  /** True while the script runs (in a Web Worker) or a big graph is laid out: a result is on its way. */
  get busy(): boolean {
    return this.run.busy;
  }

  /** True while playing. */
  get playing(): boolean {
    return this.playback.playing;
  }

  /** Milliseconds between steps at the current speed (used by playback). */
  get stepInterval(): number {
    const speed = Number.isFinite(this.speed) && this.speed > 0 ? this.speed : 1;
    return BASE_INTERVAL / Math.min(Math.max(speed, 0.1), 64);
  }

  private get clampedStep(): number {
    const n = this.stepCount;
    const k = Number.isFinite(this.step) ? Math.trunc(this.step) : 0;
    return n ? Math.min(Math.max(k, 0), n - 1) : 0;
  }

  private get words(): ChromeWords {
    return chrome[this.lang === 'zh' ? 'zh' : 'en'];
  }

  /** Starts playing (from the first step if at the last). */
  play(): void {
    if (!this.stepCount) return;
    if (this.clampedStep >= this.stepCount - 1) this.goTo(0);
    this.playback.play();
  }

  /** Stops playing. */
  pause(): void {
    this.playback.pause();
  }

  /** Moves one step forward. */
  next(): void {
    this.goTo(this.clampedStep + 1);
  }

  /** Moves one step back. */
  prev(): void {
    this.goTo(this.clampedStep - 1);
  }

  /** Jumps to step k (clamped), instantly and exactly. */
  seek(k: number): void {
    this.goTo(k, false);
  }

  /** Stops playing and goes back to the first step. */
  reset(): void {
    this.pause();
    this.goTo(0, false);
  }

  /** The current picture as a standalone SVG file: styles inlined with this element's colours. */
  exportSVG(): string {
    const p = this.picture;
    if (!p) throw new Error('<grad-graph> has no picture to export yet');
    return renderSVG(p.graph, p.layout, this.drawing.stateOf(p, this.clampedStep), {
      lang: this.lang === 'zh' ? 'zh' : 'en',
      step: this.currentStep,
      stepCount: this.stepCount,
      theme: themeOf(this),
    });
  }

  /** The current picture as a PNG image (`scale` × its SVG size). */
  async exportPNG(scale = 2): Promise<Blob> {
    return svgToPNG(this.exportSVG(), scale);
  }

  /** Playback's step: forward one, or to the start when looping; false when it should stop. */
  advance(): boolean {
    const k = this.clampedStep;
    if (k < this.stepCount - 1) {
      this.goTo(k + 1);
      return true;
    }
    if (this.loop && this.stepCount > 1) {
      this.goTo(0, false);
      return true;
    }
    return false;
  }

  /** Moves to step k as a reader's or playback's action: fires `grad-step` if it changed. */
  private goTo(k: number, animate = true): void {
    const n = this.stepCount;
    if (!n) return;
    const target = Math.min(Math.max(Math.trunc(Number.isFinite(k) ? k : 0), 0), n - 1);
    if (target === this.clampedStep && target === this.step) return;
    this.animateNext = animate && Math.abs(target - this.clampedStep) === 1;
    this.step = target;
    const step = this.picture?.timeline.steps[target];
    if (step) this.dispatchEvent(gradEvent('grad-step', {index: target, step}));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.seen && !this.picture) this.requestUpdate('seen', false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // No worker outlives the element (the run controller stops it); it starts again on reconnection.
    this.drawing.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const has = (k: string) => (changed as Map<PropertyKey, unknown>).has(k);
    if (has('src')) this.sourceText.load();
    const inputs = [
      'trace',
      'source',
      'sourceVersion',
      'view',
      'direction',
      'iteration',
      'seen',
      ...limitNames,
    ];
    if (this.seen && inputs.some(has)) this.rebuild();
  }

  /**
   * The inline script's or the `src` file's text changed (called by the source controller).
   * @internal
   */
  sourceTextChanged(): void {
    this.sourceVersion++;
  }

  /**
   * `src` could not be loaded: reported like a script error, where the picture would be.
   * @internal
   */
  sourceFailed(error: RunError): void {
    this.failure = error;
    this.pendingEvents.push(gradEvent('grad-error', {error}));
    this.requestUpdate();
  }

  /** Runs (or reuses) the trace and builds the picture for the current view and direction. */
  private rebuild(): void {
    this.drawing.clear();
    this.picture = null;
    this.run.refresh();
  }

  /** New inputs: the failure shown for the old ones goes. */
  runInputsChanged(): void {
    this.failure = null;
    this.unshown = null;
    this.lastIterations = 1;
  }

  /** What to show: the trace property, else the source (property, `src` file, inline script). */
  runInputs(): RunInputs | null {
    if (this.trace !== null) return {trace: this.trace, pictures: this.pictures};
    const source = this.sourceText.textWith(this.source);
    if (source === null) return null;
    const {options, key} = this.limitOptions();
    return {source, options, optionsKey: key};
  }

  /** The picture the view, direction and iteration ask for. */
  pictureRequest(): PictureRequest {
    const i = this.iteration;
    return {
      view: this.view === 'autograd' ? 'autograd' : 'dataflow',
      direction: this.resolvedDirection(),
      ...(typeof i === 'number' && Number.isFinite(i)
        ? {iteration: Math.max(0, Math.trunc(i))}
        : {}),
    };
  }

  /** The direction to lay out in: the attribute's, or for `auto` the one this width calls for. */
  private resolvedDirection(): Direction {
    if (this.direction === 'TB' || this.direction === 'LR') return this.direction;
    return autoDirection(this.getBoundingClientRect().width);
  }

  /** The trace whose make_dot step was last opened (a new view of it keeps the reader's step). */
  private figureTrace: Trace | null = null;

  /** Takes a run's picture (or none): queues `grad-ready` / `grad-error`, clamps the step, autoplays. */
  runSettled(picture: Shown | null, error: RunError | null): void {
    this.picture = picture;
    if (picture) this.lastIterations = picture.iterations;
    this.unshown = picture ? null : error;
    const problem = this.failure ?? error;
    if (picture) {
      this.pendingEvents.push(gradEvent('grad-ready', {stepCount: this.stepCount}));
      // A script that drew its graph with torchviz's make_dot opens where it drew it.
      const figure = picture.trace === this.figureTrace ? null : lastFigureStep(picture.timeline);
      this.figureTrace = picture.trace;
      if (figure && !this.autoplay) this.step = figure.index;
      if (this.step !== this.clampedStep) this.step = this.clampedStep;
    }
    if (problem) this.pendingEvents.push(gradEvent('grad-error', {error: problem}));
    if (picture && this.autoplay && !this.playback.playing) {
      queueMicrotask(() => {
        this.play();
      });
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const has = (k: string) => (changed as Map<PropertyKey, unknown>).has(k);
    if (has('speed')) this.playback.reschedule();
    // The stage's height goes through CSSOM: under a strict CSP (style-src without
    // 'unsafe-inline') a style attribute from the template is blocked (found by the CSP test).
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const height = this.stageHeight && this.stepCount ? `${this.stageHeight}px` : '';
    if (stage) stage.style.height = height;
    // The code panel is scrolled before the picture changes: reading its offsets lays out only
    // what the template changed, not a big graph's new SVG as well (a step's forced layout).
    this.scrolledTo = scrollCodeToCurrent(this.renderRoot, this.scrolledTo);
    this.drawPicture();
    this.interaction.place(this, this.renderRoot);
    if (has('picture') || has('narrow')) this.onResize();
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const e of events) this.dispatchEvent(e);
  }

  /** Draws the current step, animating the move from the previous one when it is its neighbour. */
  private drawPicture(): void {
    const p = this.picture;
    if (!p) return;
    const lang: Lang = this.lang === 'zh' ? 'zh' : 'en';
    const animate = this.animateNext && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (
      this.drawing.draw(
        p,
        this.clampedStep,
        lang,
        animate ? Math.min(600, this.stepInterval * 0.6) : null,
      )
    )
      this.animateNext = false;
    this.drawing.focus(this.focusLines);
  }

  /** Shows the whole graph (undoes zoom and pan; its text may then be small). */
  fitToView(): void {
    this.drawing.stage.fit();
  }

  /** Zooms in (factor above 1) or out (below 1) around the middle of the view. */
  zoomBy(factor: number): void {
    if (Number.isFinite(factor) && factor > 0) this.drawing.stage.zoomBy(factor);
  }

  /** Shows the element on the whole screen, or leaves full screen. */
  async toggleFullScreen(): Promise<void> {
    if (document.fullscreenElement === this) await document.exitFullscreen();
    else await this.requestFullscreen();
  }

  private onResize(): void {
    const width = this.getBoundingClientRect().width;
    const layout = this.picture?.layout;
    if (this.direction === 'auto' && layout && width && autoDirection(width) !== layout.direction) {
      this.rebuild();
      return;
    }
    this.fullScreen = document.fullscreenElement === this;
    const {narrow, height} = stageSize(
      width,
      layout,
      this.noCode && this.noNarration,
      getComputedStyle(this),
      // Full screen: the picture takes the screen's height but for the controls (and panels
      // beneath it when narrow).
      this.fullScreen ? window.innerHeight - (this.narrow ? 260 : 64) : 0,
    );
    if (narrow !== this.narrow) this.narrow = narrow;
    if (height && height !== this.stageHeight) this.stageHeight = height;
    this.drawing.stage.resized();
  }

  override render() {
    const p = this.picture;
    const k = this.clampedStep;
    const st = p ? this.drawing.stateOf(p, k) : null;
    const step = p?.timeline.steps[k] ?? null;
    const lang: Lang = this.lang === 'zh' ? 'zh' : 'en';
    const source = p?.trace.source ?? this.run.source;
    const error = this.error;
    const side = !(this.noCode && this.noNarration) && (p !== null || source !== null);
    return graphView({
      words: this.words,
      lang,
      picture: p,
      state: st,
      step,
      index: k,
      count: this.stepCount,
      narrow: this.narrow,
      side: side
        ? {
            source: this.noCode ? null : source,
            state: st,
            step: this.noNarration ? null : step,
            index: k,
            count: this.stepCount,
            lang,
            error,
            output: this.noCode ? null : this.stepCount ? (st?.output ?? '') : this.output,
          }
        : null,
      error,
      status: statusText(this.words, {
        empty: p !== null && this.stepCount === 0,
        error: error !== null,
        seen: this.seen,
        source: source !== null || Boolean(this.src),
      }),
      controls: this.noControls
        ? null
        : {
            step: k,
            count: this.stepCount,
            playing: this.playing,
            speed: this.speed,
            phase: this.currentStep?.phase ?? 'forward',
            marks: p?.timeline.marks ?? [],
            go: (to) => {
              this.goTo(to, Math.abs(to - k) === 1);
            },
            iteration: this.drawnIteration,
            iterations: this.noIteration ? 1 : this.iterationCount,
            setIteration: (index) => {
              this.iteration = index;
            },
            toggle: this.onPlayButton,
            setSpeed: (speed) => {
              this.speed = speed;
            },
          },
      tools: stageTools(this, this.fullScreen),
      interaction: this.interaction,
      drawnOrder: this.drawing.last?.order,
    });
  }

  private onPlayButton = (): void => {
    if (this.playing) this.pause();
    else this.play();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'grad-graph': GradGraph;
  }
}
