/**
 * `<grad-notebook>`: prose and code cells like a Jupyter notebook, built on `<grad-graph>`. Code
 * cells run in order in one session (src/run/session.ts), each shows what it printed under it,
 * and one graph, the whole session's, grows as the reader runs cell after cell, the current
 * cell's part lit. Cells and steps are linked (grad-notebook-steps.ts): stepping lights the cell
 * and line a step came from; a click on a line (or a cell's Steps button) goes to its steps.
 */
import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {customElement, property, query, state} from 'lit/decorators.js';
import type {Direction, Lang, Step, ViewKind} from '../src/graph/index.js';
import type {Trace} from '../src/trace/index.js';
import './grad-graph.js';
import type {GradGraph} from './grad-graph.js';
import {ThemeController, type ThemeChoice} from './theme.js';
import {dedentSource} from './source.js';
import {
  loadModulesFor,
  loadNameLists,
  modulesLoadedFor,
  nameListsMissed,
  recordSegment,
  runCells,
  runErrorOf,
  type CellRun,
  type SessionRun,
} from '../src/run/index.js';
import {
  currentIteration,
  iterationTrace,
  keepsAll,
  lastPassSegment,
  segmentCount,
} from './grad-notebook-iteration.js';
import {cellOfLine, firstStepOf, focusOfStep} from './grad-notebook-steps.js';
import type {FocusLines} from './focus.js';
import {gradNotebookStyles} from './grad-notebook.styles.js';
import {RunLimitsMixin} from './limits.js';
import {renderCell} from './grad-notebook-cells.js';
import {notebookWords} from './grad-notebook-words.js';

export type {CellError, CellRun, SessionRun} from '../src/run/index.js';

/** A code cell as the notebook holds it. */
export interface NotebookCell {
  /** The cell's code, dedented, notebook markers removed. */
  readonly source: string;
  /** Its label in prompts and tracebacks (`data-label`, else its 1-based position). */
  readonly label: string;
  /** What it produced the last time it ran; null when it has not run in this session. */
  readonly result: CellRun | null;
}

/** `grad-notebook-run`: cells ran. */
export interface GradNotebookRunDetail {
  /** Index of the last code cell run (0-based); -1 after a reset. */
  readonly upTo: number;
  readonly cells: readonly NotebookCell[];
}

declare global {
  interface HTMLElementTagNameMap {
    'grad-notebook': GradNotebook;
  }
  interface HTMLElementEventMap {
    'grad-notebook-run': CustomEvent<GradNotebookRunDetail>;
  }
}

/** `playFrom` for Run all: show the end of the last backward pass, play nothing. */
const LAST_PASS_END = Number.MAX_SAFE_INTEGER;
/** `playFrom` for a cell run again (or alone): play from the first step it made. */
const CELL_START = -1;

/** A prose child (shown through a slot) or a code cell, in document order. */
type Item =
  {readonly kind: 'prose'; readonly slot: string} | {readonly kind: 'code'; readonly index: number};

/**
 * A notebook: prose and Python code cells run in one session, with one `<grad-graph>` that grows
 * cell by cell.
 *
 * Authoring: put the cells inside the element in order. Each `<script type="text/x-python">` is a
 * code cell (optional `data-label="74"` for its prompt, as in `In [74]:`); every other child
 * element is prose. Prose with a `lang` attribute shows only when it matches the notebook's `lang`,
 * so one page can hold the English and the Chinese text.
 *
 * The limit attributes (`max-loop-iterations`, `max-statements`, `max-depth`, `time-budget-ms`,
 * `max-elements`, `max-live-elements`, `max-ops`) work as on `<grad-graph>`, for one run of the
 * cells; the cells run on the main thread (they share one session), so `time-budget-ms` bounds
 * how long a run can hold the page. A changed limit applies from the next run.
 *
 * A training loop costs what the graph shows, not what ran: the session's trace keeps the first and
 * the last few iterations whole (and lists every one). The graph shows the iteration the last cell
 * run is in; the Iteration field (or `showIteration`) shows any other, recording a forgotten one
 * again by running the cells once more with the session's random seed, bit for bit the same values.
 *
 * @summary Prose and code cells run in order, with a graph that grows cell by cell.
 *
 * @slot - Cells: `<script type="text/x-python">` code cells and prose elements (shown through
 *   per-cell slots the element assigns).
 *
 * @fires {CustomEvent<GradNotebookRunDetail>} grad-notebook-run - Cells ran (button, `run`, `runAll`, `runNext`, `reset`, autorun). `detail: {upTo, cells}`.
 *
 * @csspart cells - The column of cells.
 * @csspart code-cell - One code cell (prompt, code, output).
 * @csspart cell-code - The code of a cell.
 * @csspart cell-output - What a cell printed (and its trailing expression's value).
 * @csspart cell-error - A cell's error, in Python's words.
 * @csspart panel - The panel holding the toolbar and the graph.
 * @csspart toolbar - Run next / Run all / Reset, and the Iteration field.
 * @csspart iteration - The Iteration field (shown when the cells ran more than one backward pass).
 * @csspart graph - The `<grad-graph>` element.
 *
 * @cssprop [--grad-notebook-code-background=#f6f8fa] - Background of code cells and buttons.
 * @cssprop [--grad-notebook-code-text=#1b1f24] - Text of code cells.
 * @cssprop [--grad-notebook-muted=#5f6b76] - Prompts and status text.
 * @cssprop [--grad-notebook-border=#d5dbe1] - Borders.
 * @cssprop [--grad-notebook-accent=#0072b2] - Cells that ran, focus rings, the main button.
 * @cssprop [--grad-notebook-error=#b3261e] - Error text and marks.
 * @cssprop [--grad-notebook-error-background=#fdecea] - Background of errors and failing lines.
 * @cssprop [--grad-notebook-step-background=#e3f1fa] - Background of the line the graph's current step came from.
 * @cssprop [--grad-notebook-output-background=transparent] - Background of outputs.
 * @cssprop [--grad-notebook-mono-font=monospace stack] - Font of code and outputs.
 * @cssprop [--grad-notebook-graph-top=0.75rem] - Where the sticky graph stops below the viewport's top.
 */
@customElement('grad-notebook')
export class GradNotebook extends RunLimitsMixin(LitElement) {
  static override styles = gradNotebookStyles;

  /** Language of the prose shown, the chrome and the graph's narration: `en` or `zh`. */
  @property() override lang: Lang = 'en';
  /** Run every cell as soon as the notebook is connected. */
  @property({type: Boolean}) autorun = false;
  /** The graph's view: `dataflow` or `autograd`. */
  @property() view: ViewKind = 'dataflow';
  /** The graph's direction: `LR`, `TB` or `auto` (top to bottom when the graph's panel is narrow). */
  @property() direction: Direction | 'auto' = 'auto';
  /** The graph's playback speed (a multiplier). */
  @property({type: Number}) speed = 1;
  /** Light or dark: `light`, `dark`, or `auto` (default) to follow the page, as on `<grad-graph>`. */
  @property() theme: ThemeChoice = 'auto';
  /** Code cells are editable (Shift+Enter or the Run button runs the edited code). */
  @property({type: Boolean}) editable = false;
  /** Play the graph's new steps after each run (set `no-play` to only show the last step). */
  @property({type: Boolean, attribute: 'no-play'}) noPlay = false;
  @state() private items: readonly Item[] = [];
  @state() private sources: readonly string[] = [];
  /** The reader's edits of code cells (editable notebooks), by cell index. */
  @state() private edits: ReadonlyMap<number, string> = new Map();
  @state() private labels: readonly string[] = [];
  @state() private session: SessionRun | null = null;
  @state() private upTo = -1;
  /**
   * What the graph shows: the whole session (`segment` null), or one segment of it (an iteration
   * the reader asked for, or where the last cell ran when the session's trace keeps a window of a
   * long training loop).
   */
  @state() private shown: {readonly segment: number | null; readonly trace: Trace} | null = null;
  /** Why the iteration asked for could not be shown (its rerun failed); null when it was. */
  @state() private iterationError: string | null = null;
  /** The cell (and its line, 1-based in the cell) the graph's current step came from. */
  @state() private current: {readonly cell: number; readonly line: number | null} | null = null;
  /** The lines of the session whose part of the graph is lit (the current cell's). */
  @state() private litLines: FocusLines | null = null;

  @query('grad-graph') private graphEl?: GradGraph;
  private readonly themeState = new ThemeController(this);

  private mutation: MutationObserver | null = null;
  /** The step the graph should play from once it has built the new trace; null: nothing to play. */
  private playFrom: number | null = null;

  /** The code cells, with what each produced when it last ran. */
  get cells(): readonly NotebookCell[] {
    return this.effectiveSources.map((source, i) => ({
      source,
      label: this.labels[i] ?? String(i + 1),
      result: i <= this.upTo ? (this.session?.cells[i] ?? null) : null,
    }));
  }

  /** Index of the last code cell run (0-based), -1 when none has run. */
  get ranThrough(): number {
    return this.upTo;
  }

  /** The trace of the cells run so far (null before any ran). */
  get trace(): Trace | null {
    return this.session?.trace ?? null;
  }

  /**
   * How many iterations the graph can show: one per backward pass the cells ran, and one more for
   * what ran after the last pass (0 before any cell ran).
   */
  get iterationCount(): number {
    return this.session ? segmentCount(this.session.trace) : 0;
  }

  /** The iteration the graph shows (0-based), or -1 before any cell ran or when it shows them all. */
  get shownIteration(): number {
    return this.shown?.segment ?? -1;
  }

  /**
   * Shows iteration `index` (0-based, clamped) of the cells run: the records up to and including
   * its backward pass. One the session's trace forgot (a long loop keeps the first and the last few)
   * is recorded again, on this thread, by running the cells once more with the session's seed;
   * if that run differs from the first, the graph stays and the toolbar says why.
   */
  showIteration(index: number): void {
    const session = this.session;
    if (!session) return;
    const segment = Math.min(Math.max(0, Math.trunc(index)), segmentCount(session.trace) - 1);
    let trace: Trace;
    try {
      trace = recordSegment(session, segment, {...this.limitOptions().options});
    } catch (e) {
      this.iterationError = runErrorOf(e).message;
      return;
    }
    this.iterationError = null;
    this.shown = {segment, trace: iterationTrace(trace, segment)};
    this.playFrom = this.noPlay ? null : 0;
  }

  /** Shows the whole session again (an empty Iteration field), when its trace keeps every iteration. */
  private showWholeSession(): void {
    const session = this.session;
    if (!session || !keepsAll(session.trace)) return;
    this.iterationError = null;
    this.shown = {segment: null, trace: session.trace};
    this.playFrom = null;
  }

  /** The `<grad-graph>` inside (after the first render). */
  get graph(): GradGraph | null {
    return this.graphEl ?? null;
  }

  /** Runs code cells 0..index in one fresh session (a later cell's run includes every earlier one). */
  run(index: number): void {
    this.runCells(index, false);
  }

  /**
   * Runs cells 0..index; with `overview` (Run all), the graph shows the last backward pass's
   * segment at its last step (every gradient written) instead of playing the last cell's.
   */
  private runCells(index: number, overview: boolean, loaded = false, namesTried = false): void {
    const n = this.sources.length;
    if (!n) return;
    if (!loaded && !modulesLoadedFor(this.effectiveSources)) {
      // The modules the cells import load first (the runner's lazy chunks); a chunk that cannot
      // load leaves its import to fail at its line when the cells run.
      const run = () => {
        this.runCells(index, overview, true);
      };
      loadModulesFor(this.effectiveSources).then(run, run);
      return;
    }
    const upTo = Math.min(Math.max(Math.trunc(index), 0), n - 1);
    const ranBefore = this.upTo;
    const stepsBefore = this.graphEl?.stepCount ?? 0;
    const {options} = this.limitOptions();
    const missed = nameListsMissed();
    const session = runCells(this.effectiveSources, upTo, {...options, labels: this.labels});
    if (!namesTried && nameListsMissed() !== missed) {
      // An error's hint or dir() read the name lists before they loaded (a chunk of their own):
      // the cells run again once they have (if they cannot load, without the hints).
      const again = () => {
        this.runCells(index, overview, true, true);
      };
      loadNameLists().then(again, again);
      return;
    }
    this.session = session;
    this.upTo = upTo;
    const trace = this.session.trace;
    const before = this.shown;
    this.iterationError = null;
    // The graph is the whole session's, the cell just run lit, unless the trace forgot iterations
    // of a long loop: then the segment the last cell ran in (or, Run all, the last pass's).
    const segment = keepsAll(trace)
      ? null
      : overview
        ? lastPassSegment(trace)
        : currentIteration(trace);
    this.shown = {segment, trace: segment === null ? trace : iterationTrace(trace, segment)};
    this.current = {cell: upTo, line: null};
    this.litLines = this.session.cellLines[upTo] ?? null;
    // Play what is new: the steps this run added to those the graph had (the cells before ran
    // the same again), all of a new segment's, or a cell run again's own. Run all shows the end
    // of the last pass instead (playing all of it would take a minute).
    const sameGraph = before !== null && before.segment === segment;
    if (overview) this.playFrom = LAST_PASS_END;
    else if (this.noPlay) this.playFrom = null;
    else if (ranBefore < 0 || !sameGraph) this.playFrom = 0;
    else this.playFrom = upTo > ranBefore ? stepsBefore : CELL_START;
    this.dispatchEvent(
      new CustomEvent<GradNotebookRunDetail>('grad-notebook-run', {
        detail: {upTo, cells: this.cells},
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** The code of each cell: the reader's edit if there is one, else the page's. */
  private get effectiveSources(): readonly string[] {
    return this.sources.map((s, i) => this.edits.get(i) ?? s);
  }

  /** Runs every code cell; the graph shows the last backward pass, at its last step (every gradient written). */
  runAll(): void {
    this.runCells(this.sources.length - 1, true);
  }

  /** Runs the next cell not run yet (and everything before it). */
  runNext(): void {
    if (this.upTo >= this.sources.length - 1) return;
    const next = this.upTo + 1;
    this.run(next);
    // The toolbar stays in view while the cells scroll: bring the cell just run (and its output) along.
    void this.updateComplete.then(() => {
      const cell = this.renderRoot.querySelector(`[data-cell="${String(next)}"]`);
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      cell?.scrollIntoView({block: 'nearest', behavior: smooth ? 'smooth' : 'auto'});
    });
  }

  /** Forgets every run: no outputs, an empty graph. */
  reset(): void {
    this.session = null;
    this.shown = null;
    this.iterationError = null;
    this.current = null;
    this.litLines = null;
    this.upTo = -1;
    this.playFrom = null;
    this.dispatchEvent(
      new CustomEvent<GradNotebookRunDetail>('grad-notebook-run', {
        detail: {upTo: -1, cells: this.cells},
        bubbles: true,
        composed: true,
      }),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.scan();
    this.mutation = new MutationObserver(() => {
      this.scan();
    });
    this.mutation.observe(this, {childList: true, subtree: true, characterData: true});
    if (this.autorun && this.upTo < 0) this.runAll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.mutation?.disconnect();
    this.mutation = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed as Map<PropertyKey, unknown>).has('lang')) this.assignSlots();
  }

  /** Reads the cells from the children; re-runs what had run if a code cell changed. */
  private scan(): void {
    const sources: string[] = [];
    const labels: string[] = [];
    const items: Item[] = [];
    let prose = 0;
    for (const child of Array.from(this.children)) {
      if (child.localName === 'script') {
        if (child.getAttribute('type') !== 'text/x-python') continue;
        items.push({kind: 'code', index: sources.length});
        sources.push(dedentSource(child.textContent));
        labels.push(child.getAttribute('data-label') ?? String(sources.length));
      } else {
        items.push({kind: 'prose', slot: `cell-${String(prose++)}`});
      }
    }
    const changed =
      sources.length !== this.sources.length || sources.some((s, i) => s !== this.sources[i]);
    this.items = items;
    this.labels = labels;
    if (changed) {
      this.sources = sources;
      this.edits = new Map();
    }
    this.assignSlots();
    if (changed && this.upTo >= 0) this.run(Math.min(this.upTo, sources.length - 1));
  }

  /** Gives each prose child of the current language its slot; others get none (not shown). */
  private assignSlots(): void {
    let prose = 0;
    for (const child of Array.from(this.children)) {
      if (child.localName === 'script') continue;
      const slot = `cell-${String(prose++)}`;
      const lang = child.getAttribute('lang');
      const shown = lang === null || lang === '' || lang.toLowerCase().startsWith(this.langKey);
      if (shown) {
        if (child.getAttribute('slot') !== slot) child.setAttribute('slot', slot);
      } else if (child.hasAttribute('slot')) {
        child.removeAttribute('slot');
      }
    }
  }

  private get langKey(): Lang {
    return this.lang === 'zh' ? 'zh' : 'en';
  }

  /** The graph moved to another step: light its cell and line (and, forward, the cell's part). */
  private onGraphStep = (e: CustomEvent<{index: number; step: Step}>): void => {
    if (e.target !== this.graphEl) return;
    this.follow(e.detail.step);
  };

  /** Lights the cell and line a step came from; a forward step's cell's part of the graph too. */
  private follow(step: Step | null): void {
    const session = this.session;
    if (!session || !step) return;
    const at = cellOfLine(session.cellLines, step.span?.line ?? null);
    if (at) this.current = at;
    const focus = focusOfStep(session.cellLines, step);
    this.litLines = focus === undefined ? this.litLines : focus;
  }

  /**
   * Shows the steps cell `i` made: the graph goes to the first (of line `line` of the cell, when
   * given and it made one) and stops playing.
   */
  showSteps(i: number, line: number | null = null): void {
    const g = this.graphEl;
    const lines = this.session?.cellLines[i];
    if (!g || !lines || i > this.upTo) return;
    const k = firstStepOf(g.steps, lines, line);
    this.current = {cell: i, line};
    this.litLines = lines;
    if (k === null) return;
    g.pause();
    g.seek(k);
    this.follow(g.steps[k] ?? null);
  }

  /** The graph built the new trace: play the steps the last run added. */
  private onGraphReady = (e: Event): void => {
    const g = this.graphEl;
    if (!g || e.target !== g || this.playFrom === null) return;
    const from = this.playFrom;
    this.playFrom = null;
    // The graph fires grad-ready from its own update; move it once that update is over.
    queueMicrotask(() => {
      let last = g.stepCount - 1;
      if (last < 0) return;
      if (from === CELL_START) {
        const lines = this.session?.cellLines[this.upTo];
        const first = lines ? firstStepOf(g.steps, lines, null) : null;
        if (first === null) {
          g.seek(last);
          return;
        }
        g.seek(first);
        if (first < last) g.play();
        return;
      }
      if (from === LAST_PASS_END) {
        // Run all: the last backward step, past any forward op a later no_grad cell ran.
        const steps = g.steps;
        let k = last;
        while (k > 0 && steps[k]?.phase !== 'backward') k--;
        if (steps[k]?.phase === 'backward') last = k;
      }
      // A cell that drew the graph with make_dot shows the picture at that point.
      const figure = g.steps.findLast((s, k) => k >= from && s.kind === 'figure');
      if (figure && from !== LAST_PASS_END) {
        g.seek(figure.index);
        return;
      }
      if (from >= last) {
        g.seek(last);
        return;
      }
      g.seek(Math.max(0, from));
      g.play();
    });
  };

  override render() {
    const w = notebookWords[this.langKey];
    const total = this.sources.length;
    const ran = this.upTo + 1;
    return html`<div class="layout">
      <div class="panel" part="panel">
        <div class="toolbar" part="toolbar">
          <button
            type="button"
            class="primary"
            ?disabled=${ran >= total}
            @click=${() => {
              this.runNext();
            }}
          >
            ${w.runNext}
          </button>
          <button
            type="button"
            @click=${() => {
              this.runAll();
            }}
          >
            ${w.runAll}
          </button>
          <button
            type="button"
            ?disabled=${ran === 0}
            @click=${() => {
              this.reset();
            }}
          >
            ${w.reset}
          </button>
          <span class="status" role="status">${w.status(ran, total)}</span>
          ${this.renderIterationField()}
        </div>
        ${this.session ? nothing : html`<p class="placeholder">${w.placeholder}</p>`}
        <grad-graph
          ?hidden=${!this.session}
          part="graph"
          aria-label=${w.graph}
          no-code
          no-iteration
          .lang=${this.langKey}
          .view=${this.view}
          .direction=${this.direction}
          .speed=${this.speed}
          .theme=${this.theme}
          .trace=${this.shown?.trace ?? null}
          .focusLines=${this.litLines}
          @grad-ready=${this.onGraphReady}
          @grad-step=${this.onGraphStep}
        ></grad-graph>
      </div>
      <div class="cells" part="cells">
        ${this.items.map((item) =>
          item.kind === 'prose'
            ? html`<slot name=${item.slot}></slot>`
            : this.renderCode(item.index),
        )}
      </div>
    </div>`;
  }

  /** The Iteration field, when the cells ran more than one backward pass. */
  private renderIterationField() {
    const count = this.iterationCount;
    if (count < 2) return nothing;
    const w = notebookWords[this.langKey];
    const segment = this.shown?.segment ?? null;
    return html`<label class="iteration" part="iteration"
        >${w.iteration}
        <input
          type="number"
          min="1"
          max=${count}
          placeholder=${w.allIterations}
          .value=${segment === null ? '' : String(segment + 1)}
          @change=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value;
            const value = Number(text);
            if (text.trim() === '') this.showWholeSession();
            else if (Number.isFinite(value)) this.showIteration(value - 1);
          }}
        />
        ${w.iterationOf(count)}</label
      >${
        this.iterationError
          ? html`<span class="status error" role="alert">${this.iterationError}</span>`
          : nothing
      }`;
  }

  private renderCode(i: number) {
    const result = i <= this.upTo ? (this.session?.cells[i] ?? null) : null;
    return renderCell({
      index: i,
      label: this.labels[i] ?? String(i + 1),
      source: this.effectiveSources[i] ?? '',
      result,
      current: this.current?.cell === i,
      stepLine: this.current?.line ?? null,
      editable: this.editable,
      words: notebookWords[this.langKey],
      run: () => {
        this.run(i);
      },
      showSteps: (line) => {
        this.showSteps(i, line);
      },
      edit: (text) => {
        const edits = new Map(this.edits);
        edits.set(i, text);
        this.edits = edits;
      },
    });
  }
}
