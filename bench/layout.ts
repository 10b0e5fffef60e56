/**
 * Layout benchmark (issues 8 and 9): our layered layout against @dagrejs/dagre, d3-dag and
 * Graphviz dot (wasm) on the fixture graphs, in the same process and run.
 *
 * Each row times ours against the fastest peer of a first, single run of every peer (the ratio
 * must be ≤ 1: faster than the best of them) and also checks the issue's absolute targets — the
 * ~1,000-node graph under 100 ms, the ~5,000-node one under 1 s — and that we draw no more edge
 * crossings than dot. Crossings of every tool are counted by one rule, countCrossings (layers =
 * the nodes' centre lines; a link's position on a line = where its drawn route crosses it; a
 * crossing = two links swapping order between consecutive lines), from each tool's own positions
 * and routes (dot's splines sampled). The notes column lists every tool's crossings and its time
 * in that first run. The first row's notes also give the size of the layout code (minified,
 * gzipped, worker included) against its 20 KB budget.
 *
 * dagre is not run on the ~5,000-node graph (it took over 60 s in the issue's measurements) unless
 * BENCH_LAYOUT_SLOW=1.
 */
import {gzipSync} from 'node:zlib';
import {fileURLToPath} from 'node:url';
import type {BenchCase} from './harness.js';
import type {Wanted} from './suites.js';
import {
  SCALAR_MLP_1000,
  SCALAR_MLP_200,
  SCALAR_MLP_5000,
  scalarMlpGraph,
  tensorMlpGraph,
  transformerGraph,
} from './graphs/index.js';
import {d3dagPeer, dagrePeer, dotPeer, type Peer} from './layout-peers.js';
import {countCrossings, layoutGraph} from '../src/graph/layout/index.js';
import type {Graph} from '../src/graph/model.js';

interface Workload {
  readonly name: string;
  readonly graph: Graph;
  /** The absolute time budget, if any. */
  readonly budgetMs?: number;
  readonly samples: number;
  readonly warmup: number;
  /** Peers too slow to run on this graph by default. */
  readonly skip?: readonly string[];
}

/** Layout code size budget (KB, gzip). */
const SIZE_BUDGET_KB = 20;

/**
 * The layout suite's wanted rows; async because Graphviz's wasm loads asynchronously. The peers'
 * first runs, Graphviz and the code-size build happen only for wanted rows.
 */
export async function layoutSuite(wanted: Wanted): Promise<BenchCase[]> {
  const slow = process.env.BENCH_LAYOUT_SLOW === '1';
  const workloads: Workload[] = [
    {name: 'tensor MLP', graph: tensorMlpGraph(), samples: 15, warmup: 3},
    {name: 'scalar MLP', graph: scalarMlpGraph(SCALAR_MLP_200), samples: 15, warmup: 2},
    {
      name: 'scalar MLP',
      graph: scalarMlpGraph(SCALAR_MLP_1000),
      budgetMs: 100,
      samples: 7,
      warmup: 1,
    },
    {name: 'transformer blocks', graph: transformerGraph(), samples: 7, warmup: 1},
    {
      name: 'scalar MLP',
      graph: scalarMlpGraph(SCALAR_MLP_5000),
      budgetMs: 1000,
      samples: 3,
      warmup: 0,
      skip: slow ? [] : ['dagre'],
    },
  ];
  const name = (w: Workload) => `layout: ${w.name}, ${w.graph.nodes.length} nodes`;
  if (!workloads.some((w) => wanted(name(w)))) return [];
  const peers: Peer[] = [dagrePeer, d3dagPeer, await dotPeer()];
  // The first row carries the layout code's size (its notes and its target).
  const first = workloads[0];
  const size = first && wanted(name(first)) ? await layoutCodeSize() : NaN;
  return workloads.flatMap((w, index) => {
    if (!wanted(name(w))) return [];
    const results = peers.map((peer) => {
      if (w.skip?.includes(peer.name)) return {peer, ms: Infinity, crossings: NaN};
      // Small graphs: a warm-up, then the best of three runs, so that a cold first run (JIT,
      // wasm) does not decide which peer is the baseline; big ones: one run, which dwarfs any
      // warm-up.
      const runs = w.graph.nodes.length < 500 ? 4 : 1;
      let ms = Infinity;
      let layout = null;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        layout = peer.layout(w.graph);
        if (runs === 1 || i > 0) ms = Math.min(ms, performance.now() - start);
      }
      if (!layout) throw new Error('unreachable: at least one run');
      return {peer, ms, crossings: countCrossings(w.graph, layout)};
    });
    const ours = countCrossings(w.graph, layoutGraph(w.graph));
    const dot = results.find((r) => r.peer.name === 'Graphviz dot')?.crossings ?? NaN;
    const best = results.reduce((a, b) => (b.ms < a.ms ? b : a));
    const notes = [
      `crossings: ours ${ours}`,
      ...results.map((r) =>
        Number.isFinite(r.ms)
          ? `${r.peer.name} ${r.crossings} (${fmt(r.ms)})`
          : `${r.peer.name} not run (BENCH_LAYOUT_SLOW=1)`,
      ),
    ];
    if (index === 0) notes.push(`layout code ${size.toFixed(1)} KB gzip (≤ ${SIZE_BUDGET_KB} KB)`);
    const crossingsMet = ours <= dot;
    const sizeMet = index !== 0 || size <= SIZE_BUDGET_KB;
    const label = [
      w.budgetMs === undefined ? null : `< ${w.budgetMs} ms`,
      'crossings ≤ dot',
      index === 0 ? `code ≤ ${SIZE_BUDGET_KB} KB` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return {
      name: name(w),
      ours: () => layoutGraph(w.graph),
      baselineName: best.peer.name,
      baseline: () => best.peer.layout(w.graph),
      target: 1,
      samples: w.samples,
      warmup: w.warmup,
      notes: notes.join('; '),
      also: {
        label,
        met: (oursMs) =>
          (w.budgetMs === undefined || oursMs < w.budgetMs) && crossingsMet && sizeMet,
      },
    };
  });
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

/** Minified, gzipped size in KB of the layout module as a bundle would carry it (worker inlined). */
async function layoutCodeSize(): Promise<number> {
  const {build} = await import('vite');
  const entry = fileURLToPath(new URL('../src/graph/layout/index.ts', import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      lib: {entry, formats: ['es'], fileName: () => 'layout.js'},
      rolldownOptions: {output: {minify: true}},
    },
  });
  let bytes = 0;
  for (const output of [result].flat()) {
    if (!('output' in output)) continue;
    for (const chunk of output.output) {
      const text = chunk.type === 'chunk' ? chunk.code : String(chunk.source);
      bytes += gzipSync(text).length;
    }
  }
  return bytes / 1024;
}
