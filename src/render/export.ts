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

/** The largest side a PNG export draws (Chromium's canvas refuses more than 32,767; some 16,384). */
export const MAX_PNG_SIDE = 16384;
/** The most pixels a PNG export draws (canvases past ~268M pixels fail to encode; memory too). */
export const MAX_PNG_PIXELS = 64 * 1024 * 1024;

/**
 * The scale a PNG of a `width` × `height` picture is drawn at: the one asked for, lowered as far
 * as needed for the canvas to stay within {@link MAX_PNG_SIDE} and {@link MAX_PNG_PIXELS}, so an
 * export of any size gives a picture (a big graph's PNG is smaller than asked, never a failure).
 */
export function pngScale(width: number, height: number, requested: number): number {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const fits = Math.min(MAX_PNG_SIDE / w, MAX_PNG_SIDE / h, Math.sqrt(MAX_PNG_PIXELS / (w * h)));
  return Math.max(Number.MIN_VALUE, Math.min(requested > 0 ? requested : 1, fits));
}
