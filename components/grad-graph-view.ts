/**
 * The template of `<grad-graph>`: the stage (the picture, or what it says when there is none) and
 * its tools (zoom, fit, the export menu, full screen), the side panel, the controls, the inspector
 * and the text alternatives, as a function of what the element knows ({@link GraphView}). The
 * element keeps the state and the behaviour; this file lays them out.
 */
import {html, nothing, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import type {Lang, State, Step} from '../src/graph/index.js';
import {topologicalOrder} from '../src/render/index.js';
import type {GradErrorInfo} from './events.js';
import {saveFile} from './export.js';
import type {Interaction} from './interaction.js';
import {
  controlsBar,
  errorBox,
  icon,
  sidePanel,
  textAlternative,
  type ControlsModel,
  type SideModel,
} from './panels.js';
import type {Shown} from './run-controller.js';
import type {ChromeWords} from './words.js';

/** What the stage's tools do. */
export interface ToolsModel {
  readonly zoomBy: (factor: number) => void;
  readonly fit: () => void;
  readonly exportSVG: () => string;
  readonly exportPNG: () => Promise<Blob>;
  /** Whether the element is on the whole screen; null where full screen is not available. */
  readonly fullScreen: boolean | null;
  readonly toggleFullScreen: () => Promise<void>;
}

/** Everything the element's template shows. */
export interface GraphView {
  readonly words: ChromeWords;
  readonly lang: Lang;
  /** The picture built (null before, or when the run failed). */
  readonly picture: Shown | null;
  /** The picture at the current step, and the step (index `index` of `count`). */
  readonly state: State | null;
  readonly step: Step | null;
  readonly index: number;
  readonly count: number;
  readonly narrow: boolean;
  /** The side panel (code, narration, output), or null when the element shows none. */
  readonly side: SideModel | null;
  readonly error: GradErrorInfo | null;
  /** What the stage says where there is no picture to draw. */
  readonly status: string;
  /** The controls, or null when they are hidden. */
  readonly controls: ControlsModel | null;
  readonly tools: ToolsModel;
  readonly interaction: Interaction;
  /** The nodes in the order the picture was drawn in, when it was (for the text alternative). */
  readonly drawnOrder: readonly string[] | undefined;
}

/** The element's whole template. */
export function graphView(v: GraphView): TemplateResult {
  const w = v.words;
  const p = v.picture;
  const k = v.index;
  // A run with no step (no tensor operation, or an error before the first): nothing to draw
  // or play, so neither picture nor controls; the side says what ran and printed.
  const drawn = p !== null && v.count > 0 ? p : null;
  const empty = p !== null && drawn === null;
  const classes = [
    'base',
    v.narrow ? 'narrow' : '',
    v.side ? '' : 'no-side',
    empty ? 'empty' : '',
  ].join(' ');
  const it = v.interaction;
  return html`<div class=${classes} @keydown=${it.onKeydown}>
    <div
      class="stage"
      tabindex="-1"
      role="group"
      aria-roledescription=${w.graphRole}
      aria-label=${drawn ? w.graphLabel(drawn.graph.nodes.length, k + 1, v.count) : w.graphRole}
      aria-describedby="alt"
    >
      ${
        drawn
          ? html`<svg
                part="graph"
                tabindex="-1"
                @click=${it.onClick}
                @pointerover=${it.onPointer}
                @pointerleave=${it.onLeave}
                @focusin=${it.onPointer}
                @focusout=${it.onLeave}
              ></svg>
              <svg class="overlay" aria-hidden="true"><g></g></svg>`
          : html`<div class="status">${v.status}</div>`
      }
      ${drawn ? stageTools(v.tools, w) : nothing}
    </div>
    ${v.side ? sidePanel(v.side, w) : v.error ? errorBox(v.error, w) : nothing}
    ${drawn && v.controls ? controlsBar(v.controls, w) : nothing} ${it.inspector(v.state)}
    <div id="alt" class="sr-only">
      ${
        p
          ? guard([p, v.lang], () =>
              textAlternative(
                p.graph,
                v.drawnOrder ?? topologicalOrder(p.graph).map((n) => n.id),
                w,
              ),
            )
          : ''
      }
    </div>
    <div class="sr-only" aria-live="polite">
      ${p && v.step && v.state ? `${w.stepOf(k + 1, v.count, v.step.phase)}. ${v.state.narration[v.lang]}` : ''}
    </div>
  </div>`;
}

/** Zoom in and out, fit, the export menu (SVG, PNG) and full screen, over the picture. */
function stageTools(m: ToolsModel, w: ChromeWords): TemplateResult {
  const fullScreen =
    m.fullScreen === null
      ? nothing
      : tool(
          m.fullScreen ? w.exitFullScreen : w.fullScreen,
          m.fullScreen ? 'exitFullScreen' : 'fullScreen',
          () => {
            void m.toggleFullScreen().catch(() => {
              // Refused (not allowed by the page, or no user gesture): the element stays as it is.
            });
          },
        );
  return html`<div class="tools" part="tools">
    ${tool(w.zoomIn, 'zoomIn', () => {
      m.zoomBy(1.5);
    })}
    ${tool(w.zoomOut, 'zoomOut', () => {
      m.zoomBy(1 / 1.5);
    })}
    ${tool(w.fit, 'fit', m.fit)}
    <details class="export" part="export">
      <summary title=${w.exportAs} aria-label=${w.exportAs}>${icon('export')}</summary>
      <div class="export-menu">
        <button
          type="button"
          @click=${(e: Event) => {
            closeMenu(e);
            saveFile(new Blob([m.exportSVG()], {type: 'image/svg+xml'}), 'grad-graph.svg');
          }}
        >
          ${w.exportSVG}
        </button>
        <button
          type="button"
          @click=${(e: Event) => {
            closeMenu(e);
            void m.exportPNG().then(
              (png) => {
                saveFile(png, 'grad-graph.png');
              },
              (error: unknown) => {
                console.warn('<grad-graph> PNG export failed:', error);
              },
            );
          }}
        >
          ${w.exportPNG}
        </button>
      </div>
    </details>
    ${fullScreen}
  </div>`;
}

/** One button of the stage's tools. */
function tool(
  label: string,
  glyph: Parameters<typeof icon>[0],
  onClick: () => void,
): TemplateResult {
  return html`<button type="button" title=${label} aria-label=${label} @click=${onClick}>
    ${icon(glyph)}
  </button>`;
}

function closeMenu(e: Event): void {
  (e.currentTarget as Element | null)?.closest('details')?.removeAttribute('open');
}
