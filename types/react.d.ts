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
import type {
  EventProps,
  GradGraph,
  GradGraphElementProps,
  GradGraphEvents,
  GradNotebook,
  GradNotebookElementProps,
  GradNotebookEvents,
} from './common.js';

/** The props of `<grad-graph>` in JSX. */
export type GradGraphProps = Omit<HTMLAttributes<GradGraph>, 'lang'> &
  GradGraphElementProps &
  EventProps<GradGraphEvents>;

/** The props of `<grad-notebook>` in JSX. */
export type GradNotebookProps = Omit<HTMLAttributes<GradNotebook>, 'lang'> &
  GradNotebookElementProps &
  EventProps<GradNotebookEvents>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'grad-graph': DetailedHTMLProps<GradGraphProps, GradGraph>;
      'grad-notebook': DetailedHTMLProps<GradNotebookProps, GradNotebook>;
    }
  }
}
