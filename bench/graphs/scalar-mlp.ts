/**
 * Scalar MLP graphs, micrograd-style: every neuron computes tanh(b + w0·x0 + w1·x1 + …) one
 * scalar op at a time, and Python's sum() chains the adds, so the graphs are deep and narrow.
 * A training step over several examples shares the parameters between examples (long, fanning
 * links) and ends in a squared-error loss summed example by example.
 *
 * One neuron with two inputs (tensor boxes in brackets, ops in parentheses), layered left to right:
 *
 * ```
 *  [x0]──┐
 *  [w0]──(×)──[p0]──┐
 *             [b]──(+)──[s0]──┐
 *  [x1]──┐                    │
 *  [w1]──(×)──[p1]───────────(+)──[s1]──(tanh)──[out]
 * ```
 */
import type {Graph} from '../../src/graph/model.js';
import {GraphRecorder} from './builder.js';

/** The shape of a scalar MLP training step. */
export interface ScalarMlpSpec {
  /** Inputs per example. */
  readonly inputs: number;
  /** Neurons per layer; the last layer is the output. */
  readonly layers: readonly number[];
  /** Examples in the batch; the loss sums over them. */
  readonly examples: number;
}

/** micrograd's demo network MLP(3, [4, 4, 1]) on one example: about 200 nodes. */
export const SCALAR_MLP_200: ScalarMlpSpec = {inputs: 3, layers: [4, 4, 1], examples: 1};
/** The same network on a batch of 6 examples: about 1,000 nodes. */
export const SCALAR_MLP_1000: ScalarMlpSpec = {inputs: 3, layers: [4, 4, 1], examples: 6};
/** The same network on a batch of 32 examples: about 5,000 nodes. */
export const SCALAR_MLP_5000: ScalarMlpSpec = {inputs: 3, layers: [4, 4, 1], examples: 32};

/** Builds the dataflow graph of one forward pass and loss of a scalar MLP. */
export function scalarMlpGraph(spec: ScalarMlpSpec): Graph {
  const g = new GraphRecorder();
  let fanIn = spec.inputs;
  const params = spec.layers.map((width, layer) => {
    const neurons = Array.from({length: width}, (_, n) => ({
      w: Array.from({length: fanIn}, (_, i) => g.tensor(`w${layer}.${n}.${i}`, 'leaf')),
      b: g.tensor(`b${layer}.${n}`, 'leaf'),
    }));
    fanIn = width;
    return neurons;
  });
  let loss: string | null = null;
  for (let e = 0; e < spec.examples; e++) {
    let x = Array.from({length: spec.inputs}, (_, i) => g.tensor(`x${e}.${i}`, 'constant'));
    for (const layer of params) {
      x = layer.map(({w, b}) => {
        // sum((wi*xi for wi, xi in zip(w, x)), b): b + w0*x0, then + w1*x1, …
        let act = b;
        w.forEach((wi, i) => {
          const product = g.op('×', [wi, x[i] ?? wi]);
          act = g.op('+', [act, product]);
        });
        return g.op('tanh', [act]);
      });
    }
    const target = g.tensor(`y${e}`, 'constant');
    const diff = g.op('−', [x[0] ?? target, target]);
    const squared = g.op('** 2', [diff]);
    // sum(...) starts from 0: the first add folds the constant into its label.
    loss = loss === null ? g.op('+ 0', [squared]) : g.op('+', [loss, squared]);
  }
  return g.graph();
}
