/**
 * Crossing minimisation: the order of the nodes within each layer, following Graphviz dot's
 * mincross (Gansner et al. 1993): two breadth-first initial orders (from the sources and from the
 * sinks), each improved by a few sweeps, then the better one swept further; each sweep reorders
 * one layer at a time by the weighted median of its neighbours in the fixed layer, then the
 * transpose heuristic swaps adjacent nodes while that removes crossings. The best order seen is
 * kept. Everything is in index order, so the result is deterministic.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import {CrossingCounter} from './crossings.js';
import type {ProperGraph} from './proper.js';

const MAX_ITER = 24;
const MIN_QUIT = 8;
const CONVERGENCE = 0.995;
const INITIAL_ITER = 4;

/** The ordered layers and the crossings they leave. */
export interface Ordering {
  readonly layers: Int32Array[];
  readonly crossings: number;
}

/** Orders every layer of the proper graph to reduce crossings. */
export function orderLayers(g: ProperGraph): Ordering {
  const m = new Mincross(g);
  let best: Ordering | null = null;
  for (const fromSources of [true, false]) {
    m.initial(fromSources);
    const result = m.improve(INITIAL_ITER);
    if (!best || result.crossings < best.crossings) best = result;
    if (best.crossings === 0) return best;
  }
  m.load(best!.layers);
  return m.improve(MAX_ITER);
}

class Mincross {
  private layers: Int32Array[] = [];
  private readonly pos: Int32Array;
  private readonly counter: CrossingCounter;
  private readonly value: Float64Array;
  private readonly scratch: Float64Array;
  private candidate = new Uint8Array(0);

  constructor(private readonly g: ProperGraph) {
    this.pos = new Int32Array(g.total);
    this.value = new Float64Array(g.total);
    this.counter = new CrossingCounter(g);
    let maxDegree = 1;
    for (let v = 0; v < g.total; v++) {
      maxDegree = Math.max(
        maxDegree,
        g.upStart[v + 1]! - g.upStart[v]!,
        g.downStart[v + 1]! - g.downStart[v]!,
      );
    }
    this.scratch = new Float64Array(maxDegree);
  }

  /** Breadth-first placement from the sources (or sinks), like dot's build_ranks. */
  initial(fromSources: boolean): void {
    const g = this.g;
    const sizes = new Int32Array(g.layerCount);
    for (let v = 0; v < g.total; v++) sizes[g.layerOf[v]!]!++;
    const layers = Array.from(sizes, (size) => new Int32Array(size));
    const fill = new Int32Array(g.layerCount);
    const seen = new Uint8Array(g.total);
    const queue = new Int32Array(g.total);
    const [firstStart, firstNode, thenStart, thenNode] = fromSources
      ? [g.downStart, g.downNode, g.upStart, g.upNode]
      : [g.upStart, g.upNode, g.downStart, g.downNode];
    const startEnd = fromSources ? g.upStart : g.downStart;
    for (let root = 0; root < g.total; root++) {
      if (seen[root] || startEnd[root + 1]! > startEnd[root]!) continue;
      let head = 0;
      let tail = 0;
      queue[tail++] = root;
      seen[root] = 1;
      while (head < tail) {
        const v = queue[head++]!;
        const l = g.layerOf[v]!;
        layers[l]![fill[l]!++] = v;
        for (let side = 0; side < 2; side++) {
          const start = side === 0 ? firstStart : thenStart;
          const node = side === 0 ? firstNode : thenNode;
          for (let e = start[v]!; e < start[v + 1]!; e++) {
            const w = node[e]!;
            if (!seen[w]) {
              seen[w] = 1;
              queue[tail++] = w;
            }
          }
        }
      }
    }
    this.load(layers);
    this.transpose(false);
  }

  /** Takes a copy of the given order. */
  load(layers: readonly Int32Array[]): void {
    this.layers = layers.map((layer) => layer.slice());
    for (const layer of this.layers) layer.forEach((v, i) => (this.pos[v] = i));
    this.candidate = new Uint8Array(this.layers.length);
  }

  private snapshot(crossings: number): Ordering {
    return {layers: this.layers.map((layer) => layer.slice()), crossings};
  }

  /** Median sweeps with transposition, keeping the best order; dot's mincross loop. */
  improve(maxIter: number): Ordering {
    let best = this.snapshot(this.counter.total(this.layers, this.pos));
    let trying = 0;
    for (let iter = 0; iter < maxIter && best.crossings > 0; iter++) {
      if (trying++ >= MIN_QUIT) break;
      const reverse = iter % 4 < 2;
      this.sweep(iter % 2 === 0, reverse);
      this.transpose(!reverse);
      const crossings = this.counter.total(this.layers, this.pos);
      if (crossings <= best.crossings) {
        if (crossings < CONVERGENCE * best.crossings) trying = 0;
        best = this.snapshot(crossings);
      }
    }
    this.load(best.layers);
    this.transpose(false);
    const crossings = this.counter.total(this.layers, this.pos);
    return crossings < best.crossings ? this.snapshot(crossings) : best;
  }

  /** Reorders each layer by the median position of its neighbours in the layer before it. */
  private sweep(down: boolean, reverse: boolean): void {
    const g = this.g;
    const [start, node] = down ? [g.upStart, g.upNode] : [g.downStart, g.downNode];
    const count = this.layers.length;
    for (let k = 1; k < count; k++) {
      const layer = this.layers[down ? k : count - 1 - k]!;
      for (const v of layer) this.value[v] = this.median(start, node, v);
      this.reorder(layer, reverse);
    }
  }

  /** dot's weighted median of the neighbours' positions, −1 when there are none. */
  private median(start: Int32Array, node: Int32Array, v: number): number {
    const from = start[v]!;
    const size = start[v + 1]! - from;
    if (size === 0) return -1;
    const p = this.scratch;
    for (let k = 0; k < size; k++) {
      const x = this.pos[node[from + k]!]!;
      let j = k - 1;
      while (j >= 0 && p[j]! > x) {
        p[j + 1] = p[j]!;
        j--;
      }
      p[j + 1] = x;
    }
    if (size === 1) return p[0]!;
    const mid = size >> 1;
    if (size % 2) return p[mid]!;
    if (size === 2) return (p[0]! + p[1]!) / 2;
    const left = p[mid - 1]! - p[0]!;
    const right = p[size - 1]! - p[mid]!;
    if (left + right === 0) return (p[mid - 1]! + p[mid]!) / 2;
    return (p[mid - 1]! * right + p[mid]! * left) / (left + right);
  }

  /** Sorts the nodes that have a median; nodes without one keep their places. */
  private reorder(layer: Int32Array, reverse: boolean): void {
    const movable: number[] = [];
    for (const v of layer) if (this.value[v]! >= 0) movable.push(v);
    if (movable.length < 2) return;
    const value = this.value;
    const pos = this.pos;
    movable.sort(
      (a, b) => value[a]! - value[b]! || (reverse ? pos[b]! - pos[a]! : pos[a]! - pos[b]!),
    );
    let next = 0;
    for (let i = 0; i < layer.length; i++) {
      if (value[layer[i]!]! >= 0) layer[i] = movable[next++]!;
    }
    layer.forEach((v, i) => (pos[v] = i));
  }

  /** Swaps adjacent nodes while that reduces crossings (equal swaps too when `reverse`). */
  private transpose(reverse: boolean): void {
    const candidate = this.candidate;
    candidate.fill(1);
    let delta: number;
    do {
      delta = 0;
      for (let r = 0; r < this.layers.length; r++) {
        if (candidate[r]) delta += this.transposeLayer(r, reverse);
      }
    } while (delta >= 1);
  }

  private transposeLayer(r: number, reverse: boolean): number {
    const layer = this.layers[r]!;
    const pos = this.pos;
    const g = this.g;
    this.candidate[r] = 0;
    let delta = 0;
    for (let i = 0; i + 1 < layer.length; i++) {
      const v = layer[i]!;
      const w = layer[i + 1]!;
      this.c0 = 0; // crossings with v left of w
      this.c1 = 0; // with w left of v
      this.pairCrossings(g.upStart, g.upNode, g.upWeight, v, w);
      this.pairCrossings(g.downStart, g.downNode, g.downWeight, v, w);
      const {c0, c1} = this;
      if (c1 < c0 || (c0 > 0 && reverse && c1 === c0)) {
        layer[i] = w;
        layer[i + 1] = v;
        pos[w] = i;
        pos[v] = i + 1;
        delta += c0 - c1;
        this.candidate[r] = 1;
        if (r > 0) this.candidate[r - 1] = 1;
        if (r + 1 < this.layers.length) this.candidate[r + 1] = 1;
      }
    }
    return delta;
  }

  private c0 = 0;
  private c1 = 0;

  /** Adds the crossings between v's and w's segments on one side, in either order, to c0 and c1. */
  private pairCrossings(
    start: Int32Array,
    node: Int32Array,
    weight: Int32Array,
    v: number,
    w: number,
  ): void {
    const pos = this.pos;
    for (let a = start[v]!; a < start[v + 1]!; a++) {
      const pa = pos[node[a]!]!;
      const wa = weight[a]!;
      for (let b = start[w]!; b < start[w + 1]!; b++) {
        const pb = pos[node[b]!]!;
        if (pa > pb) this.c0 += wa * weight[b]!;
        else if (pa < pb) this.c1 += wa * weight[b]!;
      }
    }
  }
}
