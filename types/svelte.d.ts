/**
 * grad-graph's elements in Svelte 5 markup, through `svelteHTML.IntrinsicElements` (Svelte's
 * place for custom elements): their properties and attributes, and their events as
 * `ongrad-step={…}` (Svelte 5) or `on:grad-step={…}`, so `svelte-check` checks them. Bring them in
 * once, for instance in `src/app.d.ts`:
 *
 * ```ts
 * import type {} from 'grad-graph/svelte';
 * ```
 */
import type {HTMLAttributes} from 'svelte/elements';
import type {
  EventProps,
  GradGraph,
  GradGraphElementProps,
  GradGraphEvents,
  GradNotebook,
  GradNotebookElementProps,
  GradNotebookEvents,
} from './common.js';

/** Events as Svelte's legacy `on:name` directives. */
type OnDirectives<Events> = {
  [K in keyof Events as `on:${K & string}`]?: (event: Events[K]) => void;
};

/** The attributes of `<grad-graph>` in Svelte markup. */
export type GradGraphSvelteProps = Omit<HTMLAttributes<GradGraph>, 'lang'> &
  GradGraphElementProps &
  EventProps<GradGraphEvents> &
  OnDirectives<GradGraphEvents>;

/** The attributes of `<grad-notebook>` in Svelte markup. */
export type GradNotebookSvelteProps = Omit<HTMLAttributes<GradNotebook>, 'lang'> &
  GradNotebookElementProps &
  EventProps<GradNotebookEvents> &
  OnDirectives<GradNotebookEvents>;

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      'grad-graph': GradGraphSvelteProps;
      'grad-notebook': GradNotebookSvelteProps;
    }
  }
}
