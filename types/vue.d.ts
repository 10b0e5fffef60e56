/**
 * grad-graph's elements in Vue 3 templates, the way Vue's guide types custom elements not built
 * with Vue: entries of `GlobalComponents` whose `$props` are the element's properties and
 * attributes and whose `$emit` names its events, so `vue-tsc` checks
 * `<grad-graph :trace="trace" theme="dark" @grad-step="onStep">`. Bring them in once:
 *
 * ```ts
 * import 'grad-graph/element';
 * import type {} from 'grad-graph/vue';
 * ```
 *
 * (Tell Vue's compiler they are custom elements: `isCustomElement: (tag) => tag.startsWith('grad-')`.)
 */
import type {EmitFn, HTMLAttributes, PublicProps} from 'vue';
import type {
  GradGraph,
  GradGraphElementProps,
  GradGraphEvents,
  GradNotebook,
  GradNotebookElementProps,
  GradNotebookEvents,
} from './common.js';

/** A custom element as Vue's template type checker reads a component. */
export type VueCustomElement<E extends HTMLElement, Props, Events> = new () => E & {
  /** For template type checking only (Vue reads props from here). */
  $props: Omit<HTMLAttributes, keyof Props> & Props & PublicProps;
  /** For template type checking only (Vue reads events from here). */
  $emit: EmitFn<{[K in keyof Events]: (event: Events[K]) => void}>;
};

declare module 'vue' {
  interface GlobalComponents {
    'grad-graph': VueCustomElement<GradGraph, GradGraphElementProps, GradGraphEvents>;
    'grad-notebook': VueCustomElement<GradNotebook, GradNotebookElementProps, GradNotebookEvents>;
  }
}
