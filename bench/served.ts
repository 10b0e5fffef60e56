/**
 * Builds of the package as a page loads them, for the size rows and the browser rows: an entry
 * built with its dependencies (code split as an app's bundler splits it, or as one file), and a
 * loopback HTTP server for the files, so module URLs are real (the script worker imports the
 * runner's chunk by its URL) and network throttling applies.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build, type Rolldown} from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The files of one build: file name → code. */
export type Built = ReadonlyMap<string, string>;

/**
 * `entry` (a path in the repository) built for a page, minified, with everything it imports;
 * `oneFile` inlines the lazily loaded parts as dist/grad-graph.js does. The entry is `entry.js`.
 */
export async function buildForPage(entry: string, oneFile = false): Promise<Built> {
  // An app's bundler squeezes everything; Vite's library mode alone keeps whitespace and
  // comments, so the output asks for full minification too (BENCH_MINIFY=0: readable, to debug).
  const minify = process.env.BENCH_MINIFY !== '0';
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify,
      lib: {entry: resolve(root, entry), formats: ['es'], fileName: () => 'entry.js'},
      rolldownOptions: {
        output: {
          chunkFileNames: '[name]-[hash].js',
          minify,
          ...(oneFile ? {codeSplitting: false} : {}),
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string>();
  for (const item of outputs.flatMap((o) => o.output)) {
    // Assets too: the script worker is one (`new Worker(new URL(...))`), and without it the
    // page would run every script on its main thread after the worker's 404.
    if (item.type === 'chunk') files.set(item.fileName, item.code);
    else if (typeof item.source === 'string') files.set(item.fileName, item.source);
    else files.set(item.fileName, new TextDecoder().decode(item.source));
  }
  return files;
}

/** Min+gzip KB of one file. */
export function gzipKB(code: string): number {
  return gzipSync(code, {level: 9}).length / 1024;
}

/** The files `file` imports statically, itself included (what loads before it runs). */
export function staticClosure(
  files: Built,
  file = 'entry.js',
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(file) || !files.has(file)) return seen;
  seen.add(file);
  const code = files.get(file) ?? '';
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  // Static imports of files of the build (`./x.js`, `../y/z.js`: one file per module); an
  // `import(…)` loads later, when it is needed.
  for (const m of code.matchAll(
    /(?:^|[;}\n])\s*(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.\.?\/[^"']+)["']/g,
  )) {
    if (m[1]) staticClosure(files, new URL(m[1], `http://x/${dir}`).pathname.slice(1), seen);
  }
  return seen;
}

/** Min+gzip KB of some files of a build, added. */
export function gzipTotalKB(files: Built, names: Iterable<string> = files.keys()): number {
  let total = 0;
  for (const name of names) total += gzipKB(files.get(name) ?? '');
  return total;
}

/** A loopback server of in-memory files (`/name` → its text); `close()` when done. */
export async function serveFiles(
  files: ReadonlyMap<string, string>,
): Promise<{origin: string; close: () => Promise<void>}> {
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const body = files.get(name || 'index.html');
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/html';
    res.writeHead(200, {'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store'});
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      }),
  };
}
