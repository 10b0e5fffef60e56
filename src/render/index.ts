/** Static rendering: the picture of one step as SVG, in a page or in Node. */
export {draw, type DrawOptions, type DrawResult, type DrawSubset, type LinkDatum} from './draw.js';
export type {GraphNodeDatum} from './nodes.js';
export {overviewStyles} from './overview.js';
export {
  renderSVG,
  pngScale,
  MAX_PNG_PIXELS,
  MAX_PNG_SIDE,
  type RenderSVGOptions,
} from './export.js';
export {createMiniDocument, serializeMini} from './mini-dom.js';
export {
  graphStyles,
  lightTheme,
  darkTheme,
  cssVarTheme,
  themeProperties,
  SMALLEST_TEXT,
  type Theme,
} from './theme.js';
export {topologicalOrder} from './topo.js';
