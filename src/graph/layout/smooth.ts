/**
 * Compaction after the priority method: sweeps of layer-by-layer quadratic placement. Each layer in
 * turn, holding its neighbours fixed, moves its nodes to minimise Σ ω·(x − neighbour x)² over the
 * segments touching it while keeping the layer's order and separations — solved exactly by pool
 * adjacent violators (isotonic regression). The weights are dot's (1 between real nodes, 2 real to
 * dummy, 8 dummy to dummy), so long links stay straight while everything is drawn together. The
 * problem is convex, so the sweeps only ever improve it.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {Spacing} from './priority.js';
import type {ProperGraph} from './proper.js';

/** Improves the cross-layer coordinates `x` in place with `sweeps` alternating sweeps. */
export function smoothCoordinates(
  g: ProperGraph,
  layers: readonly Int32Array[],
  x: Float64Array,
  spacing: Spacing,
  sweeps = 0,
): void {
  let widest = 0;
  for (const layer of layers) widest = Math.max(widest, layer.length);
  const target = new Float64Array(widest);
  const weight = new Float64Array(widest);
  const offset = new Float64Array(widest);
  // Pool stack: each pool's weighted mean, total weight and first index.
  const poolMean = new Float64Array(widest);
  const poolWeight = new Float64Array(widest);
  const poolStart = new Int32Array(widest);
  const omega = (a: number, b: number): number =>
    a >= g.n && b >= g.n ? 8 : a >= g.n || b >= g.n ? 2 : 1;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const down = sweep % 2 === 0;
    for (let k = 0; k < layers.length; k++) {
      const layer = layers[down ? k : layers.length - 1 - k]!;
      const count = layer.length;
      let shift = 0;
      for (let i = 0; i < count; i++) {
        const v = layer[i]!;
        if (i > 0) {
          const u = layer[i - 1]!;
          const gap = u >= g.n || v >= g.n ? spacing.edgeGap : spacing.nodeGap;
          shift += (spacing.size[u]! + spacing.size[v]!) / 2 + gap;
        }
        offset[i] = shift;
        let sum = 0;
        let total = 0;
        for (let e = g.upStart[v]!; e < g.upStart[v + 1]!; e++) {
          const w = omega(v, g.upNode[e]!) * g.upWeight[e]!;
          sum += w * x[g.upNode[e]!]!;
          total += w;
        }
        for (let e = g.downStart[v]!; e < g.downStart[v + 1]!; e++) {
          const w = omega(v, g.downNode[e]!) * g.downWeight[e]!;
          sum += w * x[g.downNode[e]!]!;
          total += w;
        }
        // A node with no segments stays where it is (a small weight keeps it there).
        if (total === 0) {
          sum = x[v]! * 1e-3;
          total = 1e-3;
        }
        target[i] = sum / total - offset[i]!;
        weight[i] = total;
      }
      // Isotonic regression of the targets (in offset-free coordinates).
      let pools = 0;
      for (let i = 0; i < count; i++) {
        let mean = target[i]!;
        let w = weight[i]!;
        let start = i;
        while (pools > 0 && poolMean[pools - 1]! >= mean) {
          pools--;
          mean = (poolMean[pools]! * poolWeight[pools]! + mean * w) / (poolWeight[pools]! + w);
          w += poolWeight[pools]!;
          start = poolStart[pools]!;
        }
        poolMean[pools] = mean;
        poolWeight[pools] = w;
        poolStart[pools] = start;
        pools++;
      }
      for (let p = 0; p < pools; p++) {
        const end = p + 1 < pools ? poolStart[p + 1]! : count;
        for (let i = poolStart[p]!; i < end; i++) x[layer[i]!] = poolMean[p]! + offset[i]!;
      }
    }
  }
}
