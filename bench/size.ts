/**
 * Bundle sizes, min+gzip, built in this run: the one-file bundle a page loads with a script tag,
 * and the library's ES entry with its dependencies left as imports, each against Lit plus the
 * D3 modules alone (what any Lit + D3 element would ship).
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build, type InlineConfig} from 'vite';
import type {Suite} from './suites.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const limitKB = 60;

function gzipKB(file: string): number {
  return gzipSync(readFileSync(file), {level: 9}).length / 1024;
}

async function buildInto(outDir: string, config: InlineConfig): Promise<void> {
  await build({
    root,
    logLevel: 'silent',
    ...config,
    build: {...config.build, outDir, emptyOutDir: true, rolldownOptions: {output: {minify: true}}},
  });
}

/** The bundle-size rows. */
export const sizes: Suite = async () => {
  const work = mkdtempSync(join(tmpdir(), 'grad-graph-size-'));
  try {
    await buildInto(join(work, 'bundle'), {
      configFile: join(root, 'vite.config.ts'),
      mode: 'bundle',
    });
    await buildInto(join(work, 'lib'), {configFile: join(root, 'vite.config.ts')});
    await buildInto(join(work, 'baseline'), {
      configFile: false,
      build: {
        lib: {entry: join(root, 'bench/peers/lit-d3-entry.ts'), formats: ['es'], fileName: 'base'},
      },
    });
    const bundle = gzipKB(join(work, 'bundle/grad-graph.js'));
    const library = gzipKB(join(work, 'lib/index.js'));
    const baseline = gzipKB(join(work, 'baseline/base.js'));
    const underLimit = {label: `≤ ${limitKB} KB`, met: (ours: number) => ours <= limitKB};
    return [
      {
        name: 'size: dist/grad-graph.js (one file), min+gzip',
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: bundle, baseline, unit: 'KB'},
        target: Number((limitKB / baseline).toFixed(2)),
        also: underLimit,
        notes: `ours minus baseline: ${(bundle - baseline).toFixed(1)} KB of grad-graph's own code`,
      },
      {
        name: 'size: library ES entry, dependencies external, min+gzip',
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: library, baseline, unit: 'KB'},
        target: Number((limitKB / baseline).toFixed(2)),
        also: underLimit,
      },
    ];
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
};
