/** The styles of `<grad-notebook>`: every custom property declared on :host with its default. */
import {css} from 'lit';

/** The light colours (the defaults, and the theme controller's `light`). */
const light = css`
  --grad-notebook-code-background: #f6f8fa;
  --grad-notebook-code-text: #1b1f24;
  --grad-notebook-muted: #5f6b76;
  --grad-notebook-border: #d5dbe1;
  --grad-notebook-accent: #0072b2;
  --grad-notebook-error: #b3261e;
  --grad-notebook-error-background: #fdecea;
  --grad-notebook-step-background: #e3f1fa;
`;

/** The dark colours. */
const dark = css`
  --grad-notebook-code-background: #161b22;
  --grad-notebook-code-text: #e6edf3;
  --grad-notebook-muted: #9aa5b1;
  --grad-notebook-border: #3a424b;
  --grad-notebook-accent: #56b4e9;
  --grad-notebook-error: #ff8a80;
  --grad-notebook-error-background: #3b1a18;
  --grad-notebook-step-background: #12324a;
`;

/** The notebook's stylesheet: cells beside one sticky graph when wide, graph on top when narrow. */
export const gradNotebookStyles = css`
  :host {
    ${light}
    --grad-notebook-output-background: transparent;
    --grad-notebook-mono-font:
      ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    --grad-notebook-graph-top: 0.75rem;
    display: block;
    container-type: inline-size;
    color-scheme: light dark;
  }
  /* theme="auto" where custom states are missing: the reader's system setting. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
      color-scheme: dark;
    }
  }
  /* The theme controller's verdict (components/theme.ts): as asked, or the page's on auto. */
  :host(:state(light)) {
    ${light}
    color-scheme: light;
  }
  :host(:state(dark)) {
    ${dark}
    color-scheme: dark;
  }
  /* A rule of its own: a browser without :state() drops a whole selector list naming it. */
  :host([theme='dark']) {
    ${dark}
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
  }
  .panel {
    position: sticky;
    top: 0;
    z-index: 1;
    padding: 0.5rem 0;
    background: Canvas;
  }
  .panel grad-graph {
    --grad-graph-max-height: 320px;
    --grad-graph-min-height: 160px;
  }
  @container (min-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr);
      align-items: start;
    }
    .cells {
      grid-column: 1;
      grid-row: 1;
    }
    .panel {
      grid-column: 2;
      grid-row: 1;
      top: var(--grad-notebook-graph-top);
      padding: 0;
    }
    .panel grad-graph {
      --grad-graph-max-height: 560px;
      --grad-graph-min-height: 240px;
    }
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
    font-size: 0.9rem;
  }
  .placeholder {
    margin: 0;
    padding: 2rem 1rem;
    border: 1px dashed var(--grad-notebook-border);
    border-radius: 8px;
    color: var(--grad-notebook-muted);
    text-align: center;
  }
  .toolbar .status {
    color: var(--grad-notebook-muted);
  }
  .toolbar .status.error {
    color: var(--grad-notebook-error);
  }
  .iteration input {
    width: 5em;
    font: inherit;
  }
  button {
    font: inherit;
    font-size: 0.85rem;
    padding: 0.2rem 0.7rem;
    border: 1px solid var(--grad-notebook-border);
    border-radius: 4px;
    background: var(--grad-notebook-code-background);
    color: inherit;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--grad-notebook-accent);
  }
  button:focus-visible {
    outline: 2px solid var(--grad-notebook-accent);
    outline-offset: 1px;
  }
  button.primary {
    background: var(--grad-notebook-accent);
    border-color: var(--grad-notebook-accent);
    color: #fff;
  }
  .cell {
    margin: 0.75rem 0;
  }
  .code-cell {
    display: grid;
    grid-template-columns: 4.5rem minmax(0, 1fr);
    column-gap: 0.5rem;
    align-items: start;
  }
  .prompt {
    font-family: var(--grad-notebook-mono-font);
    font-size: 0.8rem;
    color: var(--grad-notebook-muted);
    text-align: right;
    padding-top: 0.45rem;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.3rem;
  }
  .prompt button {
    padding: 0.1rem 0.5rem;
  }
  .code {
    margin: 0;
    padding: 0.45rem 0;
    list-style: none;
    background: var(--grad-notebook-code-background);
    color: var(--grad-notebook-code-text);
    border: 1px solid var(--grad-notebook-border);
    border-left: 3px solid var(--grad-notebook-border);
    border-radius: 4px;
    font-family: var(--grad-notebook-mono-font);
    font-size: 0.85rem;
    line-height: 1.45;
    overflow-x: auto;
  }
  textarea.code {
    display: block;
    width: 100%;
    box-sizing: border-box;
    margin: 0;
    padding: 0.45rem 0.75rem;
    resize: vertical;
    white-space: pre;
    overflow-x: auto;
    tab-size: 4;
  }
  textarea.code:focus-visible {
    outline: 2px solid var(--grad-notebook-accent);
    outline-offset: 1px;
  }
  .ran .code {
    border-left-color: var(--grad-notebook-accent);
  }
  .failed .code {
    border-left-color: var(--grad-notebook-error);
  }
  .code li {
    white-space: pre;
    padding: 0 0.75rem;
    min-height: 1.45em;
  }
  .current .code {
    border-left-width: 6px;
    box-shadow: 0 0 0 1px var(--grad-notebook-accent);
  }
  .ran .code li {
    cursor: pointer;
  }
  .code li.step-line {
    background: var(--grad-notebook-step-background);
    box-shadow: inset 3px 0 0 var(--grad-notebook-accent);
  }
  .code li.error-line {
    background: var(--grad-notebook-error-background);
  }
  .code mark {
    background: none;
    color: inherit;
    text-decoration: underline wavy var(--grad-notebook-error);
    text-underline-offset: 3px;
  }
  .out {
    grid-column: 2;
    margin: 0;
  }
  .out pre {
    margin: 0.3rem 0 0;
    padding: 0.3rem 0.75rem;
    font-family: var(--grad-notebook-mono-font);
    font-size: 0.85rem;
    line-height: 1.45;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--grad-notebook-output-background);
  }
  .out pre.error {
    color: var(--grad-notebook-error);
    background: var(--grad-notebook-error-background);
    border-radius: 4px;
  }
  .out .not-run {
    color: var(--grad-notebook-muted);
    font-size: 0.8rem;
    padding: 0.2rem 0.75rem;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A phone (last, so it wins): the prompt and its buttons go on one row above the code, which gets the full width. */
  @container (max-width: 520px) {
    .code-cell {
      grid-template-columns: minmax(0, 1fr);
    }
    .out {
      grid-column: 1;
    }
    .prompt {
      flex-direction: row;
      align-items: center;
      text-align: left;
      padding: 0 0 0.25rem;
    }
  }
`;
