import {readdirSync} from 'node:fs';
import {dirname, posix, resolve} from 'node:path';
import {builtinModules} from 'node:module';
import {defineConfig, type Plugin, type UserConfig} from 'vite';
import pkg from './package.json' with {type: 'json'};

const here = import.meta.dirname;

/** Bare imports that stay imports in the library build: our dependencies and their subpaths. */
function isDependency(id: string): boolean {
  return Object.keys(pkg.dependencies).some(
    (dep) => id === dep || id.startsWith(`${dep}/`) || id === 'lit-html' || id.startsWith('@lit/'),
  );
}

function isNodeBuiltin(id: string): boolean {
  return id.startsWith('node:') || builtinModules.includes(id);
}

/** The dev server's root URL (the first one Vite prints) opens the gallery, demos/index.html. */
export const galleryAtRoot: Plugin = {
  name: 'grad-graph:gallery-at-root',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url !== '/' && req.url !== '/index.html') {
        next();
        return;
      }
      res.writeHead(302, {location: '/demos/index.html'}).end();
    });
  },
};

/** The script worker's URL as src/run/script-worker-start.ts writes it. */
const scriptWorkerUrl = /new URL\('\.\/script-worker-entry\.ts', import\.meta\.url\)/g;
const scriptWorkerMark = '__GRAD_GRAPH_SCRIPT_WORKER__';

/**
 * The library keeps `new Worker(new URL('./script-worker.js', import.meta.url), {type: 'module'})`
 * as written, pointing at its own entry dist/lib/script-worker.js, for an app's bundler to find
 * (webpack 5, Vite): Vite's worker plugin would otherwise bundle a second runner into a worker file
 * here. The URL is hidden from it while transforming and written back, relative to the chunk the
 * code lands in, when the chunk is rendered.
 */
const scriptWorkerInLibrary: Plugin = {
  name: 'grad-graph:script-worker-in-library',
  apply: 'build',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('/src/run/script-worker-start.ts')) return null;
    return code.replace(scriptWorkerUrl, `new URL(${scriptWorkerMark}, import.meta.url)`);
  },
  renderChunk(code, chunk) {
    if (!code.includes(scriptWorkerMark)) return null;
    let path = posix.relative(posix.dirname(chunk.fileName), 'script-worker.js');
    if (!path.startsWith('.')) path = `./${path}`;
    return code.replaceAll(scriptWorkerMark, JSON.stringify(path));
  },
};

/**
 * The one-file bundle starts its script worker from the bundle itself
 * (src/run/script-worker-start-self.ts), so it needs no second file and carries no worker copy.
 */
const scriptWorkerInBundle: Plugin = {
  name: 'grad-graph:script-worker-in-bundle',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source !== './script-worker-start.js' || !importer?.endsWith('/src/run/in-worker.ts')) {
      return null;
    }
    return resolve(dirname(importer), 'script-worker-start-self.ts');
  },
};

/**
 * One config, four builds, chosen by `--mode`:
 * - default: the library as ES modules (dist/lib), dependencies left as imports;
 * - bundle: dist/grad-graph.js, one self-contained module for a plain script tag;
 * - cli: dist/cli.js for Node;
 * - demos: the demo pages as a static site (dist/demos).
 * The dev server (`vite`) serves the package root, so /demos/*.html import ../src directly.
 */
export default defineConfig(({mode}): UserConfig => {
  if (mode === 'bundle') {
    return {
      plugins: [scriptWorkerInBundle],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: {
          entry: resolve(here, 'src/bundle.ts'),
          formats: ['es'],
          fileName: () => 'grad-graph.js',
        },
        // Vite keeps library builds readable; this file is for script tags, so squeeze it. One
        // file: the runner, loaded lazily elsewhere, is inlined (a page may inline this file).
        rolldownOptions: {output: {minify: true, codeSplitting: false}},
      },
    };
  }
  if (mode === 'cli') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'node20',
        ssr: resolve(here, 'src/cli.ts'),
        rolldownOptions: {
          external: isNodeBuiltin,
          output: {entryFileNames: 'cli.js', banner: '#!/usr/bin/env node', codeSplitting: false},
        },
      },
      ssr: {noExternal: true},
    };
  }
  if (mode === 'demos') {
    const demos = resolve(here, 'demos');
    const pages = readdirSync(demos).filter((name) => name.endsWith('.html'));
    return {
      root: demos,
      base: './',
      publicDir: resolve(demos, 'public'),
      build: {
        outDir: resolve(here, 'dist/demos'),
        emptyOutDir: true,
        target: 'es2022',
        rolldownOptions: {
          input: Object.fromEntries(pages.map((p) => [p.slice(0, -5), resolve(demos, p)])),
        },
      },
    };
  }
  return {
    plugins: [galleryAtRoot, scriptWorkerInLibrary],
    server: {open: '/demos/index.html'},
    build: {
      outDir: 'dist/lib',
      emptyOutDir: true,
      target: 'es2022',
      lib: {
        entry: {
          index: resolve(here, 'src/index.ts'),
          autograd: resolve(here, 'autograd/index.ts'),
          // The stages on their own, and the elements: a page imports only what it uses.
          runner: resolve(here, 'src/run/index.ts'),
          render: resolve(here, 'src/render/index.ts'),
          viewer: resolve(here, 'src/viewer.ts'),
          element: resolve(here, 'src/element.ts'),
          // The script worker's own file (src/run/script-worker-start.ts points at it).
          'script-worker': resolve(here, 'src/run/script-worker-entry.ts'),
          // Docs-tool plugins: Node (markdown-it, remark, docusaurus) and browser (the rest).
          'markdown-it': resolve(here, 'src/plugins/markdown-it.ts'),
          remark: resolve(here, 'src/plugins/remark.ts'),
          docusaurus: resolve(here, 'src/plugins/docusaurus.ts'),
          'docusaurus-client': resolve(here, 'src/plugins/docusaurus-client.ts'),
          vitepress: resolve(here, 'src/plugins/vitepress.ts'),
          enhance: resolve(here, 'src/plugins/client.ts'),
        },
        formats: ['es'],
      },
      rolldownOptions: {
        external: (id) => isDependency(id) || isNodeBuiltin(id),
        // One file per module, laid out as the sources are (dist/lib/components/grad-graph.js …),
        // the entries at the top: an app's bundler then splits and tree-shakes the package as
        // finely as its sources, so grad-graph/viewer brings no engine (merged chunks shared by
        // every entry made it load all of them). package.json's sideEffects names the modules
        // that register something, as it does for the sources.
        output: {preserveModules: true, preserveModulesRoot: here, entryFileNames: '[name].js'},
      },
    },
  };
});
