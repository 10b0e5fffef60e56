/**
 * The Docusaurus plugin: adds the client module that turns graph fences into `<grad-graph>`
 * elements in the reader's browser, and lets the script worker start under Docusaurus's webpack. The fences themselves are marked by the remark plugin, which
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
  configureWebpack(): {plugins: WebpackPluginLike[]};
}

/** The little of webpack's (and Rspack's) compiler the worker fix below uses. */
interface CompilerLike {
  readonly webpack: {readonly RuntimeGlobals: {publicPath: string; getChunkScriptFilename: string}};
  readonly hooks: {
    readonly thisCompilation: {
      tap(name: string, fn: (compilation: CompilationLike) => void): void;
    };
  };
}

/** The little of a webpack compilation the worker fix below uses. */
interface CompilationLike {
  readonly hooks: {
    readonly additionalTreeRuntimeRequirements: {
      tap(name: string, fn: (chunk: unknown, requirements: Set<string>) => void): void;
    };
  };
}

/** A webpack plugin, structurally (the package does not depend on webpack). */
export interface WebpackPluginLike {
  apply(compiler: CompilerLike): void;
}

/**
 * Docusaurus adds its `__webpack_require__.gca` function to every chunk with a runtime, without
 * asking webpack for what it uses (facebook/docusaurus#8389). A worker's chunk, whose modules are
 * all concatenated, then has no `__webpack_require__` at all, and the worker dies on its first
 * line: the script worker (src/run/script-worker-start.ts) never starts and every long script runs
 * on the page's thread. Asking for the public path and the chunk file names, which gca uses,
 * makes webpack define `__webpack_require__` and both, so the function works there too.
 */
export const workerRuntimeFix: WebpackPluginLike = {
  apply(compiler) {
    const {publicPath, getChunkScriptFilename} = compiler.webpack.RuntimeGlobals;
    compiler.hooks.thisCompilation.tap('grad-graph-worker-runtime', (compilation) => {
      compilation.hooks.additionalTreeRuntimeRequirements.tap(
        'grad-graph-worker-runtime',
        (_chunk, requirements) => {
          requirements.add(publicPath);
          requirements.add(getChunkScriptFilename);
        },
      );
    });
  },
};

/** The client module, next to this file in dist/lib. */
const clientModule = './docusaurus-client.js';

/** The Docusaurus plugin (a plugin function: `plugins: [gradGraph]`). */
export default function gradGraph(): DocusaurusPluginLike {
  return {
    name: 'grad-graph',
    // Through a variable: bundlers treat `new URL('literal', import.meta.url)` as an asset to inline.
    getClientModules: () => [fileURLToPath(new URL(clientModule, import.meta.url))],
    configureWebpack: () => ({plugins: [workerRuntimeFix]}),
  };
}

export {remarkGradGraph} from './remark.js';
