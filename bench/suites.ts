import type {BenchCase} from './harness.js';
import {workloads} from './workloads.js';
import {sizes} from './size.js';
import {autogradSuite} from './autograd.js';
import {layoutSuite} from './layout.js';
import {scriptSuite} from './script.js';
import {elementSuite} from './element.js';
import {bigGraphSuite} from './big-graph.js';
import {graphSuite} from './graph.js';
import {loopsSuite} from './loops.js';
import {trainingSuite} from './training.js';

/** Whether a row of this run is wanted (`npm run bench -- WORD …` measures only some rows). */
export type Wanted = (name: string) => boolean;

/**
 * A suite returns its cases (or a promise of them, for peers that load wasm); each issue adds its
 * own suite here. A suite skips the setup of rows that are not `wanted` (building bundles,
 * loading TensorFlow.js or a browser), so that a filtered run measures within seconds.
 */
export type Suite = (wanted: Wanted) => BenchCase[] | Promise<BenchCase[]>;

/** The harness's own sanity row: summing a Float32Array with reduce against a for loop. */
const harnessName = 'harness: Array.prototype.reduce over 1e6 floats';
const harness: Suite = (wanted) => {
  if (!wanted(harnessName)) return [];
  const data = new Float32Array(1_000_000).map((_, i) => i % 7);
  return [
    {
      name: harnessName,
      ours: () => data.reduce((a, b) => a + b, 0),
      baselineName: 'for loop',
      baseline: () => {
        let s = 0;
        for (let i = 0; i < data.length; i++) s += data[i] ?? 0;
        return s;
      },
      target: 20,
    },
  ];
};

export const suites: Suite[] = [
  harness,
  workloads,
  autogradSuite,
  sizes,
  scriptSuite,
  elementSuite,
  bigGraphSuite,
  layoutSuite,
  graphSuite,
  loopsSuite,
  trainingSuite,
];
