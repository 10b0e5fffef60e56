/**
 * The Docusaurus plugin: adds the client module that turns graph fences into `<grad-graph>`
 * elements in the reader's browser. The fences themselves are marked by the remark plugin, which
 * goes in the content plugins' options:
 *
 * ```js
 * // docusaurus.config.js
 * import {remarkGradGraph} from 'grad-graph/remark';
 * import gradGraph from 'grad-graph/docusaurus';
 * export default {
 *   presets: [['classic', {docs: {remarkPlugins: [remarkGradGraph]}}]],
 *   plugins: [gradGraph],
 * };
 * ```
 */
import {fileURLToPath} from 'node:url';

/** What Docusaurus reads from a plugin (a subset of its Plugin type). */
export interface DocusaurusPluginLike {
  readonly name: string;
  getClientModules(): string[];
}

/** The client module, next to this file in dist/lib. */
const clientModule = './docusaurus-client.js';

/** The Docusaurus plugin (a plugin function: `plugins: [gradGraph]`). */
export default function gradGraph(): DocusaurusPluginLike {
  return {
    name: 'grad-graph',
    // Through a variable: bundlers treat `new URL('literal', import.meta.url)` as an asset to inline.
    getClientModules: () => [fileURLToPath(new URL(clientModule, import.meta.url))],
  };
}

export {remarkGradGraph} from './remark.js';
