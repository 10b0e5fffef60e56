/**
 * grad-graph: run PyTorch-flavoured code, draw its computation graph, and step through it.
 * The package root is the pipeline (trace → graph → layout → render) and the fence helpers; it
 * defines no element and touches no page. The elements are `grad-graph/element` (both, and the
 * runner) and `grad-graph/viewer` (`<grad-graph>` alone); the stages have their own entries
 * (`grad-graph/engine`, `grad-graph/runner`, `grad-graph/render`), so a page pays for what it uses.
 */
export type {GradGraph} from '../components/grad-graph.js';
export type {
  GradNotebook,
  NotebookCell,
  GradNotebookRunDetail,
} from '../components/grad-notebook.js';
export type {
  GradReadyDetail,
  GradStepDetail,
  GradErrorDetail,
  GradErrorInfo,
  GradNodeSelectDetail,
} from '../components/events.js';
export {usage} from './cli/usage.js';
export * from './trace/index.js';
export * from './graph/index.js';
export * from './graph/layout/index.js';
export * from './run/index.js';
// Earlier names of the RunError (kept so pages written against them still work).
export {RunError as RunFailureError} from './run/index.js';
export type {RunError as RunFailure} from './run/index.js';
export {enhanceCodeBlocks, enhanceRequest, parseAttributeTokens, MARKED_FENCES} from './embed.js';
export type {EnhanceOptions} from './embed.js';
export {
  draw,
  renderSVG,
  createMiniDocument,
  graphStyles,
  lightTheme,
  darkTheme,
} from './render/index.js';
export type {DrawOptions, DrawResult, RenderSVGOptions, Theme} from './render/index.js';
