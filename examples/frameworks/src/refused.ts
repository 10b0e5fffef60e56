/** What grad-graph/svelte refuses, checked by tsc through svelteHTML's own types. */
import type {} from 'grad-graph/svelte';

type GraphAttributes = svelteHTML.IntrinsicElements['grad-graph'];

// @ts-expect-error a theme grad-graph does not have
export const wrongTheme: GraphAttributes = {theme: 'sepia'};
// @ts-expect-error the step event's detail is a GradStepDetail, not a number
export const wrongDetail: GraphAttributes = {'ongrad-step': (e: CustomEvent<number>) => e.detail};
export const right: GraphAttributes = {theme: 'light', 'ongrad-step': (e) => e.detail.index};
