/**
 * The browser half of the docs-tool plugins: watch the page for graph fences (the plugins'
 * wrappers, and every fence src/embed.ts recognises), turn them into `<grad-graph>` elements, and
 * load the element's code only once a page has one. Client-side navigation is followed by watching
 * the DOM, so it works with any router; the VitePress and Docusaurus entries only start it at the
 * right moment (after hydration).
 */
import {observeCodeBlocks, type EnhanceOptions} from '../embed.js';

let stop: (() => void) | null = null;
let loading: Promise<unknown> | null = null;

/** Loads and defines `<grad-graph>` (once); elements made before it arrives upgrade when it does. */
export function loadGradGraphElement(): Promise<unknown> {
  loading ??= import('../../components/grad-graph.js');
  return loading;
}

/**
 * Starts enhancing the page (once; later calls do nothing): fences there now and fences that
 * client-side navigation brings later become graphs, graphs whose fence a router removed go too.
 * Call it after the framework has hydrated the page. Does nothing outside a browser.
 */
export function enhanceDocsPage(options: EnhanceOptions = {}): void {
  if (stop || typeof document === 'undefined') return;
  stop = observeCodeBlocks(document.body, {
    ...options,
    onEnhanced: () => {
      loadGradGraphElement().catch((e: unknown) => {
        console.error('[grad-graph] could not load the element:', e);
      });
    },
  });
}

/** Stops watching the page (the graphs made stay). */
export function stopEnhancingDocsPage(): void {
  stop?.();
  stop = null;
}

export {enhanceCodeBlocks, observeCodeBlocks, MARKED_FENCES} from '../embed.js';
export type {EnhanceOptions} from '../embed.js';
