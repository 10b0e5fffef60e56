/**
 * `grad-graph/element`: defines `<grad-graph>` and `<grad-notebook>`, and starts loading the
 * runner at once (in a browser), so the first script does not wait for it.
 */
import {loadRunner} from './run/index.js';

export {GradGraph} from '../components/grad-graph.js';
export {GradNotebook} from '../components/grad-notebook.js';
export type {NotebookCell, GradNotebookRunDetail} from '../components/grad-notebook.js';
export type {
  GradReadyDetail,
  GradStepDetail,
  GradErrorDetail,
  GradErrorInfo,
  GradNodeSelectDetail,
} from '../components/events.js';

if (typeof document !== 'undefined') {
  loadRunner().catch((e: unknown) => {
    console.error('[grad-graph] could not load the runner:', e);
  });
}
