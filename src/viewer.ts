/**
 * `grad-graph/viewer`: defines `<grad-graph>` alone. It plays a trace (`trace`, or one a docs-tool
 * plugin recorded at build time) with nothing more; given a source to run, it loads the runner
 * then (a separate chunk), so a page that only shows recorded traces never downloads it.
 */
export {GradGraph} from '../components/grad-graph.js';
export type {
  GradReadyDetail,
  GradStepDetail,
  GradErrorDetail,
  GradErrorInfo,
  GradNodeSelectDetail,
} from '../components/events.js';
