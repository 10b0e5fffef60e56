/** The styles of `<grad-graph>`: every custom property declared on :host with its default. */
import {css, unsafeCSS} from 'lit';
import {
  cssVarTheme,
  darkTheme,
  graphStyles,
  lightTheme,
  overviewStyles,
  themeProperties,
  type Theme,
} from '../src/render/index.js';

/** `--grad-graph-…: value;` for every theme key (our own constant text, never user text). */
function declarations(theme: Theme): string {
  return themeProperties.map(([key, prop]) => `${prop}: ${theme[key]};`).join('\n');
}

/** The light colours (the theme, and the chrome's own). */
const light = unsafeCSS(`${declarations(lightTheme)}
  --grad-graph-code-highlight: #fff3bf;
  --grad-graph-border: #d5dbe1;
  color-scheme: light;`);

/** The dark colours (the theme, and the chrome's own). */
const dark = unsafeCSS(`${declarations(darkTheme)}
  --grad-graph-code-highlight: #4a3f14;
  --grad-graph-border: #3a424b;
  color-scheme: dark;`);

/** The element's stylesheet: chrome, then the picture's own rules (shared with static export). */
export const gradGraphStyles = [
  css`
    :host {
      ${light}
      --grad-graph-radius: 8px;
      --grad-graph-max-height: 520px;
      --grad-graph-min-height: 180px;
      display: block;
      position: relative;
      color: var(--grad-graph-text);
      background: var(--grad-graph-background);
      border: 1px solid var(--grad-graph-border);
      border-radius: var(--grad-graph-radius);
      font-family: var(--grad-graph-font);
      font-size: 14px;
      line-height: 1.4;
      color-scheme: light dark;
      overflow: hidden;
    }
    /* theme="auto" without custom states: the reader's system setting. */
    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light'])) {
        ${dark}
      }
    }
    /* The theme controller's verdict (theme.ts): as asked, or the page's theme on auto. */
    :host(:state(light)) {
      ${light}
    }
    :host(:state(dark)) {
      ${dark}
    }
    :host([theme='dark']) {
      ${dark}
    }
    :host([hidden]) {
      display: none;
    }
    :host(:fullscreen) {
      border-radius: 0;
      overflow: auto;
    }
    .base {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(14rem, 2fr);
      grid-template-areas: 'stage side' 'controls controls';
    }
    .base.narrow,
    .base.no-side {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'stage' 'side' 'controls';
    }
    .stage {
      grid-area: stage;
      /* The picture is laid out and painted on its own: the panels changing never relayout it. */
      contain: strict;
      position: relative;
      min-height: var(--grad-graph-min-height);
      outline: none;
    }
    .stage:focus-visible {
      box-shadow: inset 0 0 0 2px var(--grad-graph-forward);
    }
    svg[part='graph'] {
      /* Its own layer: the motion overlay changing every frame then never repaints it. */
      will-change: transform;
      display: block;
      width: 100%;
      height: 100%;
      cursor: grab;
      touch-action: none;
    }
    svg.gg-coarse text {
      display: none;
    }
    svg.overlay {
      /* Motion between steps is drawn here, in its own layer, so it never repaints the picture. */
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;
      will-change: transform;
    }
    /* focusLines: what other lines made is dimmed (the current step stays lit). */
    .gg-node.gg-outside:not(.gg-active),
    .gg-link.gg-outside:not(.gg-active) {
      opacity: 0.45;
    }
    .gg-node.gg-ghost.gg-outside,
    .gg-link.gg-ghost.gg-outside {
      opacity: 0.2;
    }
    .gg-flow {
      fill: none;
      stroke-width: 4;
      stroke-linecap: round;
    }
    .gg-flow-forward {
      stroke: var(--grad-graph-forward);
    }
    .gg-flow-backward {
      stroke: var(--grad-graph-backward);
    }
    .gg-pulse {
      fill: none;
      stroke-width: 3;
      stroke: var(--grad-graph-forward);
    }
    .gg-pulse-backward {
      stroke: var(--grad-graph-backward);
    }
    .tools {
      position: absolute;
      top: 6px;
      right: 6px;
      display: flex;
      gap: 4px;
    }
    .export {
      position: relative;
    }
    .export summary {
      list-style: none;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 2rem;
      height: 2rem;
      box-sizing: border-box;
      border: 1px solid var(--grad-graph-border);
      border-radius: 4px;
      background: var(--grad-graph-node-fill);
      color: var(--grad-graph-text);
      cursor: pointer;
    }
    .export summary::-webkit-details-marker {
      display: none;
    }
    .export summary:focus-visible {
      outline: 2px solid var(--grad-graph-forward);
      outline-offset: 1px;
    }
    .export summary .icon {
      fill: currentColor;
    }
    .export-menu {
      position: absolute;
      right: 0;
      top: calc(100% + 4px);
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 4px;
      background: var(--grad-graph-background);
      border: 1px solid var(--grad-graph-border);
      border-radius: 6px;
      z-index: 2;
      white-space: nowrap;
    }
    .side {
      grid-area: side;
      contain: content;
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 8px 10px;
      border-left: 1px solid var(--grad-graph-border);
      min-width: 0;
      max-height: var(--grad-graph-max-height);
      overflow: auto;
    }
    .narrow .side,
    .no-side .side {
      border-left: none;
      border-top: 1px solid var(--grad-graph-border);
    }
    .code,
    .output {
      margin: 0;
      font-family: var(--grad-graph-mono-font);
      font-size: 12.5px;
      white-space: pre;
      overflow: auto;
    }
    .code {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 14rem;
    }
    .code {
      /* Only the lines keep their spaces: the template's own whitespace must not show. */
      white-space: normal;
    }
    .code li {
      padding: 0 6px 0 0;
      white-space: pre;
    }
    .code li::before {
      /* Numbers from an attribute, not a CSS counter: moving the highlight then needs no
         layout of the whole list. */
      content: attr(data-line);
      display: inline-block;
      width: 2.2em;
      margin-right: 0.6em;
      text-align: right;
      color: var(--grad-graph-muted);
    }
    .code li.current {
      background: var(--grad-graph-code-highlight);
    }
    .code li.error-line {
      background: var(--grad-graph-backward-tint);
    }
    .code mark {
      background: transparent;
      color: inherit;
      box-shadow: inset 0 -2px 0 var(--grad-graph-forward);
    }
    .code li.backward mark {
      box-shadow: inset 0 -2px 0 var(--grad-graph-backward);
    }
    .output {
      padding: 4px 6px;
      border-radius: 4px;
      background: color-mix(in srgb, var(--grad-graph-text) 6%, transparent);
      max-height: 8rem;
    }
    .output:empty {
      display: none;
    }
    .heading {
      margin: 0;
      font-size: 11px;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--grad-graph-muted);
    }
    .narration {
      margin: 0;
    }
    .narration.backward {
      border-left: 3px solid var(--grad-graph-backward);
      padding-left: 8px;
    }
    .narration.forward {
      border-left: 3px solid var(--grad-graph-forward);
      padding-left: 8px;
    }
    .controls {
      grid-area: controls;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      padding: 6px 8px;
      border-top: 1px solid var(--grad-graph-border);
    }
    button,
    select {
      font: inherit;
      font-size: 13px;
      color: var(--grad-graph-text);
      background: var(--grad-graph-node-fill);
      border: 1px solid var(--grad-graph-border);
      border-radius: 4px;
      min-width: 2rem;
      height: 2rem;
      padding: 0 6px;
      cursor: pointer;
    }
    button:focus-visible,
    select:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--grad-graph-forward);
      outline-offset: 1px;
    }
    button {
      display: inline-grid;
      place-items: center;
    }
    .icon {
      fill: currentColor;
    }
    button:disabled {
      opacity: 0.45;
      cursor: default;
    }
    .scrubber {
      flex: 1 1 8rem;
      min-width: 6rem;
      accent-color: var(--grad-graph-forward);
    }
    .iteration {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 13px;
      color: var(--grad-graph-muted);
    }
    .iteration input {
      width: 5.5em;
      font: inherit;
    }
    select.marks {
      max-width: 16rem;
      text-overflow: ellipsis;
    }
    .counter {
      font-variant-numeric: tabular-nums;
      color: var(--grad-graph-muted);
      font-size: 13px;
      min-width: 5.5em;
      text-align: center;
    }
    .details {
      /* Information only: it never takes the pointer from the node under it. */
      pointer-events: none;
      position: absolute;
      /* Placed at its node once measured (Interaction.place); inside the stage, never clipped. */
      left: 6px;
      top: 6px;
      box-sizing: border-box;
      max-width: min(24rem, calc(100% - 12px));
      max-height: calc(100% - 12px);
      overflow: auto;
      padding: 6px 8px;
      font-size: 12px;
      background: var(--grad-graph-background);
      border: 1px solid var(--grad-graph-border);
      border-radius: 6px;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
    }
    .details dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0 8px;
      margin: 0;
    }
    .details dt {
      color: var(--grad-graph-muted);
    }
    .details dd {
      margin: 0;
      font-family: var(--grad-graph-mono-font);
      white-space: pre;
    }
    .error {
      margin: 8px;
      padding: 8px 10px;
      border: 1px solid var(--grad-graph-backward);
      border-radius: 6px;
      background: var(--grad-graph-backward-tint);
    }
    .error pre {
      margin: 4px 0 0;
      font-family: var(--grad-graph-mono-font);
      font-size: 12.5px;
      white-space: pre-wrap;
    }
    .status {
      padding: 12px;
      color: var(--grad-graph-muted);
    }
    /* A run with nothing to draw: a line of text, not an empty picture's height. */
    .base.empty .stage {
      min-height: 0;
      contain: content;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
  `,
  unsafeCSS(graphStyles(cssVarTheme)),
  unsafeCSS(overviewStyles(cssVarTheme)),
];
