/**
 * Docusaurus client module (added by the `grad-graph/docusaurus` plugin): starts enhancing the
 * page once React has hydrated it (Docusaurus calls `onRouteDidUpdate` after the first render and
 * after every navigation; the DOM watch follows the navigations).
 */
import {enhanceDocsPage} from './client.js';

/** Docusaurus's client lifecycle hook. */
export function onRouteDidUpdate(): void {
  enhanceDocsPage();
}
