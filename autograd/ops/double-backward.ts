/**
 * Gradients that are differentiable again (`create_graph=True`): a node whose backward runs a
 * fused kernel (tanh_backward, threshold_backward, mse_loss_backward, …) returns that kernel's
 * result as the output of a node of its own, named as PyTorch names it (`TanhBackwardBackward0`,
 * …), whose backward is PyTorch 1.13's derivatives.yaml formula for that kernel.
 */
import {isGradEnabled} from '../gradmode.js';
import type {FunctionNode} from '../node.js';
import {declareNode} from '../op.js';
import type {NodeDeclaration} from '../op.js';
import {attach} from '../record.js';
import type {Tensor} from '../tensor.js';
import {grad0} from './util.js';

/**
 * Declares a backward-of-backward node. `createGraph`: whether its own backward is made of
 * recorded ops (a third derivative may pass through it).
 */
export function gradNode(name: string, createGraph = true): NodeDeclaration {
  return declareNode(name, createGraph);
}

/**
 * Makes `grad` (a gradient a backward kernel computed from `inputs`, PyTorch's
 * `grad_output, self, …` of the kernel) differentiable when grad mode is on (the engine turns it
 * on for create_graph=True) and some input requires grad: `backward(gg, node)` gives the
 * gradient for each input from the gradient `gg` of `grad`. Returns `grad`.
 */
export function recordGrad(
  node: NodeDeclaration,
  inputs: readonly (Tensor | null)[],
  grad: Tensor,
  backward: (gg: Tensor, node: FunctionNode) => (Tensor | null)[],
): Tensor {
  if (isGradEnabled() && inputs.some((t) => t !== null && t.requiresGrad)) {
    attach(node, inputs, [grad], (grads, _saved, n) => {
      const out = backward(grad0(grads), n);
      return out.map((g, i) => (n.needsInputGrad(i) ? g : null));
    });
  }
  return grad;
}
