// The elements' template types, once for the whole app.
import type {} from 'grad-graph/vue';
import type {} from 'grad-graph/svelte';
