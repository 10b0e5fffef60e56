/**
 * A tensor-level two-layer MLP with softmax cross-entropy, as the dataflow view draws a PyTorch
 * script: `h = relu(x @ W1 + b1); logits = h @ W2 + b2; loss = cross_entropy(logits, y)` with
 * weight decay. About 23 nodes.
 */
import type {Graph} from '../../src/graph/model.js';
import {GraphRecorder} from './builder.js';

/** Builds the tensor MLP graph. */
export function tensorMlpGraph(): Graph {
  const g = new GraphRecorder();
  const x = g.tensor('x', 'constant', '32×64');
  const w1 = g.tensor('W1', 'leaf', '64×128');
  const b1 = g.tensor('b1', 'leaf', '128');
  const w2 = g.tensor('W2', 'leaf', '128×10');
  const b2 = g.tensor('b2', 'leaf', '10');
  const y = g.tensor('y', 'constant', '32');
  const h = g.op('relu', [g.op('+', [g.op('@', [x, w1]), b1])]);
  const logits = g.op('+', [g.op('@', [h, w2]), b2]);
  const ce = g.op('cross_entropy', [logits, y]);
  const decay = g.op('× 1e-4', [g.op('sum', [g.op('** 2', [w1])])]);
  g.op('+', [ce, decay], 'loss');
  return g.graph();
}
