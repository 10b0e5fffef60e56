/**
 * What the framework typings (react.d.ts, vue.d.ts, svelte.d.ts) share: the elements' properties
 * and attributes a template may set, and their events with the detail each carries.
 */
import type {GradGraph} from '../dist/types/components/grad-graph.js';
import type {GradNotebook, GradNotebookRunDetail} from '../dist/types/components/grad-notebook.js';
import type {
  GradErrorDetail,
  GradNodeSelectDetail,
  GradReadyDetail,
  GradStepDetail,
} from '../dist/types/components/events.js';

export type {GradGraph, GradNotebook};

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
export interface LimitAttributes {
  'max-loop-iterations'?: number | string;
  'max-statements'?: number | string;
  'max-depth'?: number | string;
  'time-budget-ms'?: number | string;
  'max-elements'?: number | string;
  'max-live-elements'?: number | string;
  'max-ops'?: number | string;
}

/** `<grad-graph>`'s properties and attributes (all optional). */
export type GradGraphElementProps = Partial<
  Pick<
    GradGraph,
    | 'step'
    | 'view'
    | 'direction'
    | 'iteration'
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
  };

/** `<grad-notebook>`'s properties and attributes (all optional). */
export type GradNotebookElementProps = Partial<
  Pick<
    GradNotebook,
    'lang' | 'autorun' | 'view' | 'direction' | 'speed' | 'theme' | 'editable' | 'noPlay' | Limits
  >
> &
  LimitAttributes & {
    'no-play'?: boolean;
  };

/** `<grad-graph>`'s events. */
export interface GradGraphEvents {
  'grad-ready': CustomEvent<GradReadyDetail>;
  'grad-step': CustomEvent<GradStepDetail>;
  'grad-error': CustomEvent<GradErrorDetail>;
  'grad-node-select': CustomEvent<GradNodeSelectDetail>;
}

/** `<grad-notebook>`'s events. */
export interface GradNotebookEvents {
  'grad-notebook-run': CustomEvent<GradNotebookRunDetail>;
}

/** Events as `on<name>` handler props (React 19 and Svelte 5 listen for the named event). */
export type EventProps<Events> = {
  [K in keyof Events as `on${K & string}`]?: (event: Events[K]) => void;
};
