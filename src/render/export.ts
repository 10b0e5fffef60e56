/** A standalone SVG file of one step: styles inside, fonts named, viewBox set, no script. */
import type {Graph, Lang, Layout, State, Step} from '../graph/model.js';
import {draw} from './draw.js';
import {createMiniDocument, serializeMini} from './mini-dom.js';
import {graphStyles, lightTheme, type Theme} from './theme.js';

/** Options of a static picture. */
export interface RenderSVGOptions {
  readonly lang?: Lang;
  readonly step?: Step | null;
  readonly stepCount?: number;
  /** Print the step and its narration under the graph (default true). */
  readonly caption?: boolean;
  /** Colours and fonts (default: the light theme, which also prints well). */
  readonly theme?: Theme;
  /** Marker id prefix (default `gg`). */
  readonly idPrefix?: string;
}

/**
 * The SVG text of `state`, built on a minimal document so it is the same in Node and in a page.
 * It reads well in a browser, as an `<img>` (no external CSS, no script) and in print.
 */
export function renderSVG(
  graph: Graph,
  layout: Layout,
  state: State,
  options: RenderSVGOptions = {},
): string {
  const result = draw(graph, layout, state, {
    document: createMiniDocument(),
    lang: options.lang ?? 'en',
    step: options.step ?? null,
    ...(options.stepCount === undefined ? {} : {stepCount: options.stepCount}),
    caption: options.caption ?? true,
    styles: graphStyles(options.theme ?? lightTheme),
    idPrefix: options.idPrefix ?? 'gg',
  });
  result.svg.setAttribute('xml:lang', options.lang ?? 'en');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeMini(result.svg)}\n`;
}
