/**
 * Finite-difference gradient checks (float64) for layer_norm (with and without weight and bias,
 * over one and two normalized dims) and embedding (repeated indices).
 */
import {F, torch} from '../../autograd/index.js';
import {checkCases, t, type Case} from './finite-difference.js';

const indices = () =>
  torch.tensor([
    [1n, 3n, 1n],
    [0n, 3n, 3n],
  ]);

const CASES: Case[] = [
  {
    name: 'layer_norm with weight and bias',
    shapes: [[3, 5], [5], [5]],
    fn: (x, w, b) => F.layerNorm(t(x), [5], t(w), t(b)),
  },
  {
    name: 'layer_norm without affine, two normalized dims, eps',
    shapes: [[2, 3, 4]],
    fn: (x) => F.layerNorm(t(x), [3, 4], null, null, 1e-3),
  },
  {
    name: 'layer_norm with weight only, a long row (vector lanes and a tail)',
    shapes: [[2, 11], [11]],
    fn: (x, w) => F.layerNorm(t(x), [11], t(w)),
  },
  {
    name: 'embedding with repeated indices',
    shapes: [[4, 3]],
    fn: (w) => torch.embedding(t(w), indices()),
  },
  {
    // padding_idx and scale_grad_by_freq change the gradient on purpose (it is no longer the
    // derivative), so golden nn_embedding checks them against PyTorch instead.
    name: 'embedding of a 1-D index, then a product',
    shapes: [[5, 2]],
    fn: (w) => torch.embedding(t(w), torch.tensor([4n, 0n, 4n])).mul(t(w).sum()),
  },
];

checkCases('finite-difference gradient check of layer_norm and embedding (float64)', CASES, 7000);
