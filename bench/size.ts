/**
 * Bundle sizes, min+gzip, built in this run: the one-file bundle a page loads with a script tag,
 * the library's root entry with its dependencies left as imports, and what a page pays for each
 * element entry bundled with its dependencies (the viewer that plays a trace: what loads before it
 * runs; the full element that runs scripts: what it loads for the seed tutorial's first picture,
 * the chunks a script may load on demand apart), each against Lit plus the D3
 * modules alone (what any Lit + D3 element would ship).
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {build, type InlineConfig} from 'vite';
import {buildForPage, gzipTotalKB, staticClosure} from './served.js';
import type {Suite} from './suites.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const limitKB = 60;
/** Budgets of the element entries, min+gzip (issue 17). */
const viewerLimitKB = 60;
const elementLimitKB = 150;

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

/** The rows' names, known before anything is built. */
const sizeNames = {
  bundle: 'size: dist/grad-graph.js (one file), min+gzip',
  library: 'size: library root entry and its chunks (no element), dependencies external, min+gzip',
  viewer: 'size: viewer-only <grad-graph> playing a trace (grad-graph/viewer, bundled), min+gzip',
  element:
    'size: full element running scripts (grad-graph/element, bundled, what loads for the seed’s first picture), min+gzip',
};

/** The bundle-size rows. */
export const sizes: Suite = async (wanted) => {
  if (!Object.values(sizeNames).some(wanted)) return [];
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
    const viewerFiles = await buildForPage('src/viewer.ts');
    const viewerFirst = staticClosure(viewerFiles);
    const viewer = gzipTotalKB(viewerFiles, viewerFirst);
    // The picture stage (src/run/picture-stage.ts: graph, timeline and layout builders), loaded
    // for a picture the page did not get built ahead: its chunk and what it brings.
    const stageChunk = [...viewerFiles.keys()].find(
      (f) => f.startsWith('layout-') && !f.startsWith('layout-worker'),
    );
    const stageFiles = stageChunk
      ? [...staticClosure(viewerFiles, stageChunk)].filter((f) => !viewerFirst.has(f))
      : [];
    const elementFiles = await buildForPage('src/element.ts');
    // What the full element loads before its first picture of the seed tutorial: its entry and
    // the runner it starts loading at once (in-worker.js), each with the files they import; the
    // chunks loaded only when a script needs them (a standard module it imports, the layout
    // worker of a big graph) are not fetched for it.
    const elementFirst = staticClosure(elementFiles);
    const runnerChunk = [...elementFiles.keys()].find((f) => f.startsWith('in-worker'));
    if (runnerChunk) staticClosure(elementFiles, runnerChunk, elementFirst);
    const element = gzipTotalKB(elementFiles, elementFirst);
    const elementAll = gzipTotalKB(elementFiles);
    const onDemand = [...elementFiles.keys()].filter((f) => !elementFirst.has(f));
    const layoutWorker = [...elementFiles.keys()].filter((f) => f.startsWith('layout-worker'));
    // The script worker is a file of its own, every module in it (an app's bundler builds a
    // worker as one file): it loads when a script needs more than a frame.
    const scriptWorker = [...elementFiles.keys()].filter((f) => f.includes('script-worker'));
    const bundle = gzipKB(join(work, 'bundle/grad-graph.js'));
    const libDir = join(work, 'lib');
    const libFiles = new Map(
      readdirSync(libDir, {recursive: true, encoding: 'utf8'})
        .filter((f) => f.endsWith('.js'))
        .map((f) => [f, readFileSync(join(libDir, f), 'utf8')]),
    );
    const library = gzipTotalKB(libFiles, staticClosure(libFiles, 'index.js'));
    const baseline = gzipKB(join(work, 'baseline/base.js'));
    const underLimit = {label: `≤ ${limitKB} KB`, met: (ours: number) => ours <= limitKB};
    return [
      {
        name: sizeNames.bundle,
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: bundle, baseline, unit: 'KB'},
        target: Number((limitKB / baseline).toFixed(2)),
        also: underLimit,
        notes: `ours minus baseline: ${(bundle - baseline).toFixed(1)} KB of grad-graph's own code`,
      },
      {
        name: sizeNames.library,
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: library, baseline, unit: 'KB'},
        target: Number((limitKB / baseline).toFixed(2)),
        also: underLimit,
      },
      {
        name: sizeNames.viewer,
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: viewer, baseline, unit: 'KB'},
        target: Number((viewerLimitKB / baseline).toFixed(2)),
        also: {label: `≤ ${viewerLimitKB} KB`, met: (ours: number) => ours <= viewerLimitKB},
        notes: `what a page loads to show and play a build-time trace's first picture: the entry and its static imports, given the trace with the pictures the docs-tool plugins write beside it (src/run/prebuilt.ts); loaded when needed: the picture stage for another view or a trace without pictures (${gzipTotalKB(viewerFiles, stageFiles).toFixed(1)} KB), the runner for a source, the layout worker of a big graph; ${String(viewerFirst.size)} of ${String(viewerFiles.size)} files`,
      },
      {
        name: sizeNames.element,
        baselineName: 'Lit + D3 modules alone',
        measured: {ours: element, baseline, unit: 'KB'},
        target: Number((elementLimitKB / baseline).toFixed(2)),
        also: {label: `≤ ${elementLimitKB} KB`, met: (ours: number) => ours <= elementLimitKB},
        notes: `${String(elementFirst.size)} files; ${String(onDemand.length)} more load on demand (${gzipTotalKB(elementFiles, onDemand).toFixed(1)} KB: standard modules a script imports, the name lists of errors' hints, the layout worker of big graphs, ${gzipTotalKB(elementFiles, layoutWorker).toFixed(1)} KB, the script worker of scripts longer than a frame, ${gzipTotalKB(elementFiles, scriptWorker).toFixed(1)} KB, a file of its own with every module in it); every file together ${elementAll.toFixed(1)} KB`,
      },
    ];
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
};
