/**
 * grad-graph's elements in React 19's JSX: `<grad-graph>` and `<grad-notebook>` with their
 * properties (React 19 sets a custom element's known properties, `trace` included, and the rest
 * as attributes) and their events as `ongrad-step`-style props (React 19 listens for the event
 * named after `on`). Bring them in once, for instance in your entry file:
 *
 * ```ts
 * import 'grad-graph/element';
 * import type {} from 'grad-graph/react';
 * ```
 */
import type {DetailedHTMLProps, HTMLAttributes} from 'react';
import type {GradGraph} from '../dist/types/components/grad-graph.js';
import type {GradNotebook, GradNotebookRunDetail} from '../dist/types/components/grad-notebook.js';
import type {
  GradErrorDetail,
  GradNodeSelectDetail,
  GradReadyDetail,
  GradStepDetail,
} from '../dist/types/components/events.js';

/** The run limits both elements take, as properties and as attributes. */
type Limits =
  | 'maxLoopIterations'
  | 'maxStatements'
  | 'maxDepth'
  | 'timeBudgetMs'
  | 'maxElements'
  | 'maxLiveElements'
  | 'maxOps';

/** The limits' attribute forms. */
interface LimitAttributes {
  'max-loop-iterations'?: number | string;
  'max-statements'?: number | string;
  'max-depth'?: number | string;
  'time-budget-ms'?: number | string;
  'max-elements'?: number | string;
  'max-live-elements'?: number | string;
  'max-ops'?: number | string;
}

/** The props of `<grad-graph>` in JSX. */
export type GradGraphProps = Omit<HTMLAttributes<GradGraph>, 'lang'> &
  Partial<
    Pick<
      GradGraph,
      | 'step'
      | 'view'
      | 'direction'
      | 'autoplay'
      | 'loop'
      | 'speed'
      | 'lang'
      | 'noControls'
      | 'noCode'
      | 'noNarration'
      | 'src'
      | 'source'
      | 'trace'
      | 'theme'
      | Limits
    >
  > &
  LimitAttributes & {
    'no-controls'?: boolean;
    'no-code'?: boolean;
    'no-narration'?: boolean;
    'ongrad-ready'?: (event: CustomEvent<GradReadyDetail>) => void;
    'ongrad-step'?: (event: CustomEvent<GradStepDetail>) => void;
    'ongrad-error'?: (event: CustomEvent<GradErrorDetail>) => void;
    'ongrad-node-select'?: (event: CustomEvent<GradNodeSelectDetail>) => void;
  };

/** The props of `<grad-notebook>` in JSX. */
export type GradNotebookProps = Omit<HTMLAttributes<GradNotebook>, 'lang'> &
  Partial<
    Pick<
      GradNotebook,
      'lang' | 'autorun' | 'view' | 'direction' | 'speed' | 'theme' | 'editable' | 'noPlay' | Limits
    >
  > &
  LimitAttributes & {
    'no-play'?: boolean;
    'ongrad-notebook-run'?: (event: CustomEvent<GradNotebookRunDetail>) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'grad-graph': DetailedHTMLProps<GradGraphProps, GradGraph>;
      'grad-notebook': DetailedHTMLProps<GradNotebookProps, GradNotebook>;
    }
  }
}
