/**
 * Nodes PyTorch defines in C++ only (`torch::autograd::CopySlices`, `torch::autograd::NotImplemented`):
 * their `name()` carries the namespace while `repr()` and the printed `grad_fn=<…>` show the bare
 * class name, as for AccumulateGrad.
 */
import {FunctionNode} from '../node.js';
import type {BackwardFn, SavedTensor} from '../node.js';
import {gradientEdge} from '../record.js';
import type {Tensor} from '../tensor.js';

/** A FunctionNode named `torch::autograd::<className>`. */
export class CppNode extends FunctionNode {
  private readonly shortName: string;

  constructor(
    shortName: string,
    inputs: readonly (Tensor | null)[],
    outputs: readonly Tensor[],
    backward: BackwardFn,
    saved: readonly SavedTensor[] = [],
  ) {
    super(
      `torch::autograd::${shortName}`,
      inputs.map(gradientEdge),
      outputs.map((o) => ({shape: o.shape, dtype: o.dtype})),
      backward,
      saved,
    );
    this.shortName = shortName;
  }

  override className(): string {
    return this.shortName;
  }
}

/** Makes `outputs` the results of a new C++-only node (edges from `inputs` as they are now). */
export function attachCpp(
  shortName: string,
  inputs: readonly (Tensor | null)[],
  outputs: readonly Tensor[],
  backward: BackwardFn,
  saved: readonly SavedTensor[] = [],
): CppNode {
  const node = new CppNode(shortName, inputs, outputs, backward, saved);
  outputs.forEach((o, i) => {
    o.gradFn = node;
    o.outputNr = i;
  });
  return node;
}
