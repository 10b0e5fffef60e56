/**
 * The size baseline: Lit and the whole D3 modules grad-graph depends on, with nothing of ours.
 * Bundled and gzipped in the same run as dist/grad-graph.js so the two sizes compare directly.
 */
export * from 'lit';
export * from 'lit/decorators.js';
export * from 'd3-selection';
export * from 'd3-shape';
export * from 'd3-zoom';
import 'd3-transition';
