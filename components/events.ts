/** The events `<grad-graph>` fires: all bubble and cross shadow boundaries (composed). */
import type {GraphNode, Step} from '../src/graph/index.js';
import type {RunError} from '../src/run/index.js';
import type {TensorRecord} from '../src/trace/index.js';

/** `grad-ready`: the picture is built. */
export interface GradReadyDetail {
  readonly stepCount: number;
}

/** `grad-step`: playback or the reader moved to another step (not fired when code sets `step`). */
export interface GradStepDetail {
  readonly index: number;
  readonly step: Step;
}

/**
 * A script's error as the element reports it: the run's RunError — Python's type and words, the
 * traceback, and where (`line` and `column`, 1-based in the dedented source, or null).
 */
export type GradErrorInfo = RunError;

/** `grad-error`: the script stopped with an error, or the source could not be loaded. */
export interface GradErrorDetail {
  readonly error: GradErrorInfo;
}

/** `grad-node-select`: the reader picked a node (click, or Enter on a focused node). */
export interface GradNodeSelectDetail {
  readonly node: GraphNode;
  /** The tensor it stands for, when it stands for one. */
  readonly tensor: TensorRecord | null;
}

/** Makes one of our events: bubbling and composed, so a page hears it through shadow roots. */
export function gradEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(type, {detail, bubbles: true, composed: true});
}

declare global {
  interface HTMLElementEventMap {
    'grad-ready': CustomEvent<GradReadyDetail>;
    'grad-step': CustomEvent<GradStepDetail>;
    'grad-error': CustomEvent<GradErrorDetail>;
    'grad-node-select': CustomEvent<GradNodeSelectDetail>;
  }
}
