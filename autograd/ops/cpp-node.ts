/**
 * Nodes PyTorch defines in C++ only (`torch::autograd::CopySlices`, `torch::autograd::NotImplemented`):
 * their `name()` carries the namespace while `repr()` and the printed `grad_fn=<…>` show the bare
 * class name, as for AccumulateGrad.
 */
import {FunctionNode} from '../node.js';
import type {BackwardFn, SavedTensor} from '../node.js';
import {declareNode} from '../op.js';
import type {NodeDeclaration} from '../op.js';
import {gradientEdge} from '../record.js';
import type {Tensor} from '../tensor.js';

/** `torch::autograd::CopySlices`: an in-place op on a view, rebased on its base (create_graph may pass). */
export const COPY_SLICES = declareNode('torch::autograd::CopySlices', true);

/** `torch::autograd::NotImplemented`: the grad_fn of ops with no derivative (`//`, `%` by a tensor). */
export const NOT_IMPLEMENTED = declareNode('torch::autograd::NotImplemented', false);

/** A FunctionNode named `torch::autograd::<className>`. */
export class CppNode extends FunctionNode {
  private readonly shortName: string;

  constructor(
    declaration: NodeDeclaration,
    inputs: readonly (Tensor | null)[],
    outputs: readonly Tensor[],
    backward: BackwardFn,
    saved: readonly SavedTensor[] = [],
  ) {
    super(
      declaration,
      inputs.map(gradientEdge),
      outputs.map((o) => ({shape: o.shape, dtype: o.dtype})),
      backward,
      saved,
    );
    this.shortName = declaration.name.replace(/^torch::autograd::/, '');
  }

  override className(): string {
    return this.shortName;
  }
}

/** Makes `outputs` the results of a new C++-only node (edges from `inputs` as they are now). */
export function attachCpp(
  declaration: NodeDeclaration,
  inputs: readonly (Tensor | null)[],
  outputs: readonly Tensor[],
  backward: BackwardFn,
  saved: readonly SavedTensor[] = [],
): CppNode {
  const node = new CppNode(declaration, inputs, outputs, backward, saved);
  outputs.forEach((o, i) => {
    o.gradFn = node;
    o.outputNr = i;
  });
  return node;
}
