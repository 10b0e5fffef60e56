/**
 * grad-graph: run PyTorch-flavoured code, draw its computation graph, and step through it.
 * Importing this module defines the custom elements.
 */
export {GradGraph} from '../components/grad-graph.js';
export {usage} from './cli/usage.js';
export {GradNotebook} from '../components/grad-notebook.js';
export type {NotebookCell, GradNotebookRunDetail} from '../components/grad-notebook.js';
export {runCells} from '../components/grad-notebook-session.js';
export type {CellError, CellRun, SessionRun, SessionOptions} from '../components/grad-notebook-session.js';
