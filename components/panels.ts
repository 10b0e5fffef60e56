/**
 * The element's panels as plain template functions: code with the current span, output,
 * narration, the error, the controls, the details of a node and the text alternative. They take
 * data and callbacks, so the element file keeps to state and behaviour.
 */
import {html, nothing, svg, type TemplateResult} from 'lit';
import type {Graph, GraphNode, Lang, State, Step, TimelineMark} from '../src/graph/index.js';
import type {Span} from '../src/trace/index.js';
import type {DetailRow} from './details.js';
import type {GradErrorInfo} from './events.js';
import type {ChromeWords} from './words.js';

/** Control icons as SVG paths (24×24): font glyphs such as ⏮ are missing on many systems. */
const icons = {
  first: 'M6 5h2v14H6zM20 5v14L9 12z',
  prev: 'M18 5v14L7 12z',
  play: 'M7 5v14l12-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  next: 'M6 5v14l11-7z',
  last: 'M16 5h2v14h-2zM4 5v14l11-7z',
  fit: 'M4 9V4h5v2H6v3zM15 4h5v5h-2V6h-3zM20 15v5h-5v-2h3v-3zM9 20H4v-5h2v3h3z',
  zoomIn: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  zoomOut: 'M5 11h14v2H5z',
  export: 'M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z',
  fullScreen:
    'M14 3h7v7h-2V6.4l-5.3 5.3-1.4-1.4L17.6 5H14zM10 21H3v-7h2v3.6l5.3-5.3 1.4 1.4L6.4 19H10z',
  exitFullScreen: 'M21 4.4 16.4 9H20v2h-7V4h2v3.6L19.6 3zM3 19.6 7.6 15H4v-2h7v7H9v-3.6L4.4 21z',
} as const;

/** One icon, hidden from assistive technology (its button carries the label). */
export function icon(name: keyof typeof icons): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
    ${svg`<path d=${icons[name]}></path>`}
  </svg>`;
}

/** Past this many lines the code panel shows this many around the current line. */
export const CODE_LINES = 200;

/** Past this many nodes the text alternative lists this many, then says how many it left out. */
export const ALT_NODES = 300;

/** The source, one list item per line, the current span marked and the error's line flagged. */
export function codePanel(
  source: string,
  span: Span | null,
  errorLine: number | null,
  phase: 'forward' | 'backward',
  w: ChromeWords,
): TemplateResult {
  const lines = source.replace(/\n$/, '').split('\n');
  // A long source shows the lines around the current one (every line is an element to lay out:
  // a 2,500-line script cost the page a long task); a gap row stands for the rest.
  const around = span?.line ?? errorLine ?? 1;
  const shownFrom = lines.length > CODE_LINES ? Math.max(0, around - 1 - CODE_LINES / 2) : 0;
  const shownTo = Math.min(lines.length, shownFrom + CODE_LINES);
  const gap = html`<li class="gap" aria-hidden="true" data-line="⋮"></li>`;
  const items = lines.slice(shownFrom, shownTo).map((text, j) => {
    const i = shownFrom + j;
    const n = i + 1;
    const current = span !== null && n >= span.line && n <= span.endLine;
    const cls = [current ? 'current' : '', errorLine === n ? 'error-line' : '', phase].join(' ');
    if (!current) return html`<li class=${cls} data-line=${n}>${text}</li>`;
    const from = n === span.line ? span.column - 1 : 0;
    const to = n === span.endLine ? span.endColumn - 1 : text.length;
    // No whitespace between the pieces: the line's text must stay exactly the source.
    const parts = [text.slice(0, from), html`<mark>${text.slice(from, to)}</mark>`, text.slice(to)];
    return html`<li class=${cls} data-line=${n} aria-current="step">${parts}</li>`;
  });
  return html`<ol part="code" class="code" aria-label=${w.code}>
    ${shownFrom > 0 ? gap : nothing}${items}${shownTo < lines.length ? gap : nothing}
  </ol>`;
}

/** What the side panel shows. */
export interface SideModel {
  /** The source, or null to hide the code. */
  readonly source: string | null;
  readonly state: State | null;
  /** The current step, or null to hide the narration. */
  readonly step: Step | null;
  readonly index: number;
  readonly count: number;
  readonly lang: Lang;
  readonly error: GradErrorInfo | null;
  /** What the script printed up to this step (null: hide the output). */
  readonly output: string | null;
}

/** The panel beside (or under) the picture: error, narration, code and output so far. */
export function sidePanel(m: SideModel, w: ChromeWords): TemplateResult {
  const st = m.state;
  const phase = m.step?.phase ?? 'forward';
  const narration =
    st && m.step
      ? html`<p class="heading">${w.stepOf(m.index + 1, m.count, phase)}</p>
          <p part="narration" class="narration ${phase}">${st.narration[m.lang]}</p>`
      : nothing;
  const code = m.source
    ? codePanel(m.source, st?.span ?? null, m.error?.line ?? null, phase, w)
    : nothing;
  const output = m.output
    ? html`<p class="heading">${w.output}</p>
        <pre part="output" class="output">${m.output}</pre>`
    : nothing;
  return html`<div class="side">
    ${m.error ? errorBox(m.error, w) : nothing} ${narration} ${code} ${output}
  </div>`;
}

/** The script's error in Python's words, with where it happened. */
export function errorBox(error: GradErrorInfo, w: ChromeWords): TemplateResult {
  const where =
    error.line !== null ? html` <span>(${w.at(error.line, error.column ?? 1)})</span>` : nothing;
  return html`<div part="error" class="error" role="alert">
    <strong>${error.type}</strong>: ${error.message}${where}
    <pre>${error.traceback}</pre>
  </div>`;
}

/** What the controls show and do. */
export interface ControlsModel {
  readonly step: number;
  readonly count: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly phase: 'forward' | 'backward';
  /** Where each backward pass and loop iteration starts (a list to jump from, ticks on the scrubber). */
  readonly marks: readonly TimelineMark[];
  readonly go: (k: number) => void;
  /** The iteration drawn (0-based; null: the whole run) and how many the run has. */
  readonly iteration: number | null;
  readonly iterations: number;
  /** Draws another iteration (null: the whole run). */
  readonly setIteration: (index: number | null) => void;
  readonly toggle: () => void;
  readonly setSpeed: (speed: number) => void;
}

/** Play/pause, first/previous/next/last, the scrubber and the speed. */
export function controlsBar(m: ControlsModel, w: ChromeWords): TemplateResult {
  const last = m.count - 1;
  const k = m.step;
  const button = (label: string, glyph: keyof typeof icons, disabled: boolean, to: number) =>
    html`<button
      type="button"
      title=${label}
      aria-label=${label}
      ?disabled=${disabled}
      @click=${() => {
        m.go(to);
      }}
    >
      ${icon(glyph)}
    </button>`;
  // The pass or iteration the current step is in: the last mark at or before it.
  const current = m.marks.reduce<TimelineMark | null>(
    (at, mark) => (mark.step <= k ? mark : at),
    null,
  );
  const marks =
    m.marks.length > 1
      ? html`<datalist id="gg-marks">
            ${m.marks.map((mark) => html`<option value=${mark.step}></option>`)}
          </datalist>
          <select
            class="marks"
            aria-label=${w.jumpTo}
            title=${w.jumpTo}
            @change=${(e: Event) => {
              m.go(Number((e.target as HTMLSelectElement).value));
            }}
          >
            ${current === null ? html`<option value="0" selected>${w.start}</option>` : nothing}
            ${m.marks.map(
              (mark) =>
                html`<option value=${mark.step} ?selected=${mark === current}>
                  ${w.mark(mark.kind, mark.index, mark.label)}
                </option>`,
            )}
          </select>`
      : nothing;
  // Any iteration of a training loop, kept in the trace or recorded again on demand.
  const iteration =
    m.iterations > 1
      ? html`<label class="iteration">
          ${w.iteration}
          <input
            type="number"
            min="1"
            max=${m.iterations}
            step="1"
            placeholder=${w.wholeRun}
            .value=${m.iteration === null ? '' : String(m.iteration + 1)}
            @change=${(e: Event) => {
              const text = (e.target as HTMLInputElement).value.trim();
              const n = Math.trunc(Number(text));
              m.setIteration(
                text === '' || !Number.isFinite(n)
                  ? null
                  : Math.min(Math.max(n, 1), m.iterations) - 1,
              );
            }}
          />
          <span>${w.iterationsOf(m.iterations)}</span>
        </label>`
      : nothing;
  const speeds = [0.5, 1, 2, 4].includes(m.speed)
    ? [0.5, 1, 2, 4]
    : [0.5, 1, 2, 4, m.speed].sort((a, b) => a - b);
  return html`<div part="controls" class="controls" role="toolbar" aria-label=${w.controls}>
    ${button(w.first, 'first', k === 0, 0)} ${button(w.prev, 'prev', k === 0, k - 1)}
    <button
      type="button"
      class="play"
      title=${m.playing ? w.pause : w.play}
      aria-label=${m.playing ? w.pause : w.play}
      aria-pressed=${m.playing ? 'true' : 'false'}
      ?disabled=${m.count < 2 && !m.playing}
      @click=${m.toggle}
    >
      ${icon(m.playing ? 'pause' : 'play')}
    </button>
    ${button(w.next, 'next', k >= last, k + 1)} ${button(w.last, 'last', k >= last, last)}
    <input
      class="scrubber"
      type="range"
      min="0"
      max=${last}
      .value=${String(k)}
      list=${m.marks.length > 1 ? 'gg-marks' : nothing}
      aria-label=${w.scrubber}
      aria-valuetext=${w.stepOf(k + 1, m.count, m.phase)}
      @input=${(e: Event) => {
        m.go(Number((e.target as HTMLInputElement).value));
      }}
    />
    <span class="counter">${k + 1} / ${m.count}</span>
    ${marks} ${iteration}
    <select
      aria-label=${w.speed}
      title=${w.speed}
      @change=${(e: Event) => {
        m.setSpeed(Number((e.target as HTMLSelectElement).value));
      }}
    >
      ${speeds.map((s) => html`<option value=${s} ?selected=${s === m.speed}>${s}×</option>`)}
    </select>
  </div>`;
}

/** The full record of a hovered or focused node. */
export function detailsBox(node: GraphNode, rows: readonly DetailRow[]): TemplateResult {
  return html`<div class="details" role="status">
    <strong>${node.label || node.kind}</strong>
    <dl>
      ${rows.map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
  </div>`;
}

/** The graph as text, in topological order: each node with its shape and where its inputs come from. */
export function textAlternative(
  graph: Graph,
  order: readonly string[],
  w: ChromeWords,
): TemplateResult {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const inputsOf = new Map<string, string[]>();
  for (const l of graph.links) {
    const list = inputsOf.get(l.target) ?? [];
    list.push(byId.get(l.source)?.label ?? l.source);
    inputsOf.set(l.target, list);
  }
  // Thousands of items cost the page a long task to lay out, and no one listens to them all.
  const items = order.slice(0, ALT_NODES).map((id) => {
    const n = byId.get(id);
    if (!n) return nothing;
    const inputs = inputsOf.get(id) ?? [];
    return html`<li>${w.describe(n.label || n.kind, n.sublabel ?? '', inputs)}</li>`;
  });
  const more = order.length - ALT_NODES;
  return html`<ol>
    ${items}${more > 0 ? html`<li>${w.moreNodes(more)}</li>` : nothing}
  </ol>`;
}
