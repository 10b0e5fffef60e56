/**
 * grad-graph: run PyTorch-flavoured code, draw its computation graph, and step through it.
 * Importing this module defines the custom elements.
 */
export {GradGraph} from '../components/grad-graph.js';
export {usage} from './cli/usage.js';
export {GradNotebook} from '../components/grad-notebook.js';
export type {NotebookCell, GradNotebookRunDetail} from '../components/grad-notebook.js';
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
import {autoEnhance} from './embed.js';
autoEnhance(import.meta.url);
