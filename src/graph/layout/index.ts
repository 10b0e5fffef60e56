/**
 * Layered (Sugiyama-style) layout for computation graphs: positions for every node and a route for
 * every link, computed once per graph, deterministic (src/run/ lays big graphs out in a Web Worker).
 */
export {
  DEFAULT_LAYER_GAP,
  DEFAULT_NODE_GAP,
  LINK_SPREAD,
  layoutGraph,
  type LayoutOptions,
} from './layout-graph.js';
export {countCrossings} from './count-crossings.js';
