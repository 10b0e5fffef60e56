/**
 * What a page build of an entry carries, module by module (issue 17's budgets): each chunk's
 * min+gzip size and whether it loads before the first picture (the entry's static closure, plus
 * the closure of the chunks named after it), then the modules of those chunks by folder and one
 * by one, with their share of the rendered code (rolldown's per-module `renderedLength`, before
 * minification: a share, not gzip bytes).
 *
 *     npx tsx bench/size-modules.ts src/viewer.ts
 *     npx tsx bench/size-modules.ts src/element.ts in-worker   # and the runner it starts loading
 *
 * `TOP=N` lists N modules (default 60).
 */
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, type Rolldown} from 'vite';
import {gzipKB, staticClosure} from './served.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const [entry = 'src/viewer.ts', ...alsoFirst] = process.argv.slice(2);

const result = await build({
  root,
  configFile: false,
  logLevel: 'silent',
  build: {
    write: false,
    target: 'es2022',
    minify: true,
    lib: {entry: resolve(root, entry), formats: ['es'], fileName: () => 'entry.js'},
    rolldownOptions: {output: {chunkFileNames: '[name]-[hash].js', minify: true}},
  },
});
const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
const chunks = outputs.flatMap((o) => o.output).filter((c) => c.type === 'chunk');
const files = new Map(chunks.map((c) => [c.fileName, c.code]));
const first = staticClosure(files);
for (const prefix of alsoFirst) {
  const chunk = chunks.find((c) => c.fileName.startsWith(prefix));
  if (chunk) staticClosure(files, chunk.fileName, first);
}

let firstKB = 0;
for (const c of chunks) {
  const kb = gzipKB(c.code);
  if (first.has(c.fileName)) firstKB += kb;
  const mark = first.has(c.fileName) ? '*' : ' ';
  console.log(`${mark} ${c.fileName.padEnd(32)} ${kb.toFixed(1).padStart(6)} KB gzip`);
}
console.log(`before the first picture (*): ${firstKB.toFixed(1)} KB min+gzip\n`);

const modules = chunks
  .filter((c) => first.has(c.fileName))
  .flatMap((c) => Object.entries(c.modules))
  .map(([id, m]) => ({id: id.replace(root, ''), length: m.renderedLength}));
const total = modules.reduce((sum, m) => sum + m.length, 0);
const folder = (id: string): string =>
  id.includes('node_modules/')
    ? (id.split('node_modules/').pop()?.split('/')[0] ?? id)
    : id.split('/').slice(0, 2).join('/');
const byFolder = new Map<string, number>();
for (const m of modules) byFolder.set(folder(m.id), (byFolder.get(folder(m.id)) ?? 0) + m.length);
const line = (length: number, name: string) =>
  `${(length / 1024).toFixed(1).padStart(7)} KB ${((100 * length) / total).toFixed(1).padStart(5)} %  ${name}`;
console.log('by folder (rendered, before minification):');
for (const [name, length] of [...byFolder].sort((a, b) => b[1] - a[1])) {
  console.log(line(length, name));
}
console.log('\nby module:');
for (const m of modules
  .sort((a, b) => b.length - a.length)
  .slice(0, Number(process.env.TOP ?? 60))) {
  console.log(line(m.length, m.id));
}
