/**
 * A tensor-level GPT-style transformer as the dataflow view draws it: token and position
 * embeddings, then blocks of layer norm → causal self-attention → residual add → layer norm →
 * MLP (GELU) → residual add, then a final layer norm, the LM head and cross-entropy. Layer norm is
 * spelled out op by op, as a tutorial writes it. Seven blocks give about 800 nodes.
 */
import type {Graph} from '../../src/graph/model.js';
import {GraphRecorder} from './builder.js';

/** Builds the transformer graph with `blocks` blocks (7 by default: about 800 nodes). */
export function transformerGraph(blocks = 7): Graph {
  const g = new GraphRecorder();
  const linear = (x: string, name: string, bias = true): string => {
    const product = g.op('@', [x, g.tensor(`${name}.weight`, 'leaf')]);
    return bias ? g.op('+', [product, g.tensor(`${name}.bias`, 'leaf')]) : product;
  };
  const layerNorm = (x: string, name: string): string => {
    const mu = g.op('mean', [x]);
    const centred = g.op('−', [x, mu]);
    const variance = g.op('mean', [g.op('** 2', [centred])]);
    const std = g.op('sqrt', [g.op('+ 1e-5', [variance])]);
    const normed = g.op('÷', [centred, std]);
    const scaled = g.op('×', [normed, g.tensor(`${name}.weight`, 'leaf')]);
    return g.op('+', [scaled, g.tensor(`${name}.bias`, 'leaf')]);
  };
  const heads = (x: string): string => g.op('transpose', [g.op('view', [x])]);

  const idx = g.tensor('idx', 'constant', '8×64');
  const tok = g.op('embedding', [idx, g.tensor('wte', 'leaf')]);
  const pos = g.op('embedding', [g.op('arange', []), g.tensor('wpe', 'leaf')]);
  let x = g.op('+', [tok, pos]);
  const mask = g.tensor('mask', 'constant', '64×64');
  for (let b = 0; b < blocks; b++) {
    const h = layerNorm(x, `h${b}.ln_1`);
    const q = heads(linear(h, `h${b}.attn.q`));
    const k = heads(linear(h, `h${b}.attn.k`));
    const v = heads(linear(h, `h${b}.attn.v`));
    const scores = g.op('× 0.125', [g.op('@', [q, g.op('transpose', [k])])]);
    const att = g.op('softmax', [g.op('masked_fill', [scores, mask])]);
    const y = g.op('view', [g.op('transpose', [g.op('@', [att, v])])]);
    x = g.op('+', [x, linear(y, `h${b}.attn.proj`)]);
    const m = linear(
      g.op('gelu', [linear(layerNorm(x, `h${b}.ln_2`), `h${b}.mlp.fc`)]),
      `h${b}.mlp.proj`,
    );
    x = g.op('+', [x, m]);
  }
  const logits = linear(layerNorm(x, 'ln_f'), 'lm_head', false);
  g.op('cross_entropy', [logits, g.tensor('targets', 'constant', '8×64')], 'loss');
  return g.graph();
}
