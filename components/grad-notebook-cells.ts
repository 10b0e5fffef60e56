/**
 * One code cell of the notebook as the reader sees it: its prompt (label, Run, Steps), its code
 * (lines with the failing span marked and the current step's line lit, or a textarea when the
 * notebook is editable) and what it printed. Templates only: the element holds the state and
 * passes what a click or an edit should do.
 */
import {html, nothing, type TemplateResult} from 'lit';
import type {Span} from '../src/trace/index.js';
import type {CellRun} from '../src/run/index.js';
import type {NotebookWords} from './grad-notebook-words.js';

/** What one cell shows and what its controls do. */
export interface CellView {
  readonly index: number;
  readonly label: string;
  readonly source: string;
  /** What it produced the last time it ran; null: not run in this session. */
  readonly result: CellRun | null;
  /** It holds the graph's current step. */
  readonly current: boolean;
  /** The line (1-based) the current step came from; null: none in this cell. */
  readonly stepLine: number | null;
  readonly editable: boolean;
  readonly words: NotebookWords;
  /** Runs this cell (and those before it). */
  readonly run: () => void;
  /** Shows the steps this cell (or its line `line`) made. */
  readonly showSteps: (line: number | null) => void;
  /** The reader edited the code. */
  readonly edit: (text: string) => void;
}

/** The whole cell: prompt, code, output. */
export function renderCell(cell: CellView): TemplateResult {
  const {index: i, label, result, words: w} = cell;
  const error = result?.error ?? null;
  const here = cell.current && result !== null;
  const cls = [
    'cell',
    'code-cell',
    result ? 'ran' : '',
    error ? 'failed' : '',
    here ? 'current' : '',
  ]
    .filter((c) => c !== '')
    .join(' ');
  return html`<div class=${cls} part="code-cell" data-cell=${i}>
    <div class="prompt">
      <span>In [${result ? label : ' '}]:</span>
      <button
        type="button"
        title=${w.runCell(label)}
        aria-label=${w.runCell(label)}
        @click=${cell.run}
      >
        ▶ ${w.run}
      </button>
      ${
        result
          ? html`<button
              type="button"
              class="steps"
              title=${w.showSteps(label)}
              aria-label=${w.showSteps(label)}
              @click=${() => {
                cell.showSteps(null);
              }}
            >
              ${w.steps}
            </button>`
          : nothing
      }
    </div>
    ${
      cell.editable
        ? renderEditor(cell)
        : renderLines(cell, error?.span ?? null, here ? cell.stepLine : null)
    }
    <div class="out">${renderOutput(result, w)}</div>
  </div>`;
}

function renderLines(cell: CellView, span: Span | null, stepLine: number | null) {
  const lines = cell.source.replace(/\n$/, '').split('\n');
  const ran = cell.result !== null;
  return html`<ol
    class="code"
    part="cell-code"
    @click=${(e: Event) => {
      // A click on a line of a cell that ran shows the steps that line made.
      const li = (e.target as Element | null)?.closest('li');
      const n = Number(li?.getAttribute('data-line'));
      if (ran && Number.isInteger(n) && n > 0) cell.showSteps(n);
    }}
  >
    ${lines.map((text, k) => {
      const n = k + 1;
      const on = span !== null && n >= span.line && n <= span.endLine;
      if (!on) {
        return html`<li data-line=${n} class=${n === stepLine ? 'step-line' : ''}>${text}</li>`;
      }
      const from = n === span.line ? span.column - 1 : 0;
      const to = n === span.endLine ? Math.max(span.endColumn - 1, from + 1) : text.length;
      // Kept out of the template: white space inside <li> is shown (white-space: pre).
      const marked = html`<mark>${text.slice(from, to)}</mark>`;
      const parts = [text.slice(0, from), marked, text.slice(to)];
      return html`<li data-line=${n} class="error-line">${parts}</li>`;
    })}
  </ol>`;
}

function renderEditor(cell: CellView) {
  const {source} = cell;
  const rows = source.replace(/\n$/, '').split('\n').length;
  return html`<textarea
    class="code editor"
    part="cell-code"
    rows=${rows}
    spellcheck="false"
    autocapitalize="off"
    aria-label=${cell.words.edit(cell.label)}
    .value=${source.replace(/\n$/, '')}
    @input=${(e: Event) => {
      const text = (e.target as HTMLTextAreaElement).value;
      cell.edit(text.endsWith('\n') ? text : `${text}\n`);
    }}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        cell.run();
      }
    }}
  ></textarea>`;
}

function renderOutput(result: CellRun | null, w: NotebookWords) {
  if (!result) return html`<div class="not-run">${w.notRun}</div>`;
  const text = result.output.replace(/\n$/, '');
  const error = result.error;
  const out = text ? html`<pre part="cell-output" class="output">${text}</pre>` : nothing;
  const err = error
    ? html`<pre part="cell-error" class="error" role="alert">${error.traceback}</pre>`
    : nothing;
  return [out, err];
}
