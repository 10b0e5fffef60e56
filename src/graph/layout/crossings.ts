/**
 * Counting crossings of a proper layered graph between consecutive layers, weighted by how many
 * links each segment carries, with the accumulator tree of Barth, Jünger and Mutzel (2004):
 * O(|segments| · log |layer|) per pair of layers.
 */
/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops; indices are in range by construction */
import type {ProperGraph} from './proper.js';

/** Reusable buffers, so that counting in a loop allocates nothing. */
export class CrossingCounter {
  private tree = new Float64Array(64);
  private keys = new Int32Array(16);
  private weights = new Int32Array(16);

  constructor(private readonly g: ProperGraph) {}

  /** Crossings over all pairs of consecutive layers, given each node's position in its layer. */
  total(layers: readonly Int32Array[], pos: Int32Array): number {
    let sum = 0;
    for (let r = 0; r + 1 < layers.length; r++)
      sum += this.between(layers[r]!, layers[r + 1]!.length, pos);
    return sum;
  }

  /** Crossings between `upper` and the layer below it (which has `lowerSize` nodes). */
  between(upper: Int32Array, lowerSize: number, pos: Int32Array): number {
    const g = this.g;
    let first = 1;
    while (first < lowerSize) first <<= 1;
    const treeSize = 2 * first - 1;
    first -= 1;
    if (this.tree.length < treeSize) this.tree = new Float64Array(treeSize * 2);
    const tree = this.tree;
    tree.fill(0, 0, treeSize);
    let crossings = 0;
    for (const u of upper) {
      const start = g.downStart[u]!;
      const count = g.downStart[u + 1]! - start;
      if (count === 0) continue;
      if (this.keys.length < count) {
        this.keys = new Int32Array(count * 2);
        this.weights = new Int32Array(count * 2);
      }
      const keys = this.keys;
      const weights = this.weights;
      // Insertion sort of this node's lower neighbours by position (degrees are small).
      for (let k = 0; k < count; k++) {
        const p = pos[g.downNode[start + k]!]!;
        const w = g.downWeight[start + k]!;
        let j = k - 1;
        while (j >= 0 && keys[j]! > p) {
          keys[j + 1] = keys[j]!;
          weights[j + 1] = weights[j]!;
          j--;
        }
        keys[j + 1] = p;
        weights[j + 1] = w;
      }
      for (let k = 0; k < count; k++) {
        const w = weights[k]!;
        let index = keys[k]! + first;
        tree[index]! += w;
        let heavier = 0;
        while (index > 0) {
          if (index % 2) heavier += tree[index + 1]!;
          index = (index - 1) >> 1;
          tree[index]! += w;
        }
        crossings += w * heavier;
      }
    }
    return crossings;
  }
}
