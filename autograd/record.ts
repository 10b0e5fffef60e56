/**
 * Recording: how an op links its result into the graph (a FunctionNode with next edges) and
 * reports itself to the observer.
 */
import {isGradEnabled} from './gradmode.js';
import {FunctionNode} from './node.js';
import type {BackwardFn, Edge, SavedTensor} from './node.js';
import type {OpArg} from './observer.js';
import type {NodeDeclaration} from './op.js';
import {observer} from './report.js';
import {rememberCall} from './saved-attributes.js';
import type {Tensor} from './tensor.js';

/** The edge a gradient for `t` flows along: its grad_fn, its AccumulateGrad, or nowhere. */
export function gradientEdge(t: Tensor | null): Edge {
  if (t === null) return [null, 0];
  if (t.gradFn !== null) return [t.gradFn, t.outputNr];
  if (t.requiresGrad) return [t.gradAccumulator(), 0];
  return [null, 0];
}

/** Whether an op on these inputs records a graph: grad mode on and some input requires grad. */
export function needsGrad(
  a: Tensor | null,
  b: Tensor | null = null,
  c: Tensor | null = null,
): boolean {
  return (
    isGradEnabled() &&
    ((a !== null && a.requiresGrad) ||
      (b !== null && b.requiresGrad) ||
      (c !== null && c.requiresGrad))
  );
}

/**
 * Makes `outputs` the results of a new Node, as `node` declares it, whose next edges follow `inputs`
 * (null for an operand that is not a tensor but still occupies an edge, like PyTorch's wrapped
 * numbers). `saved` is called only when the graph is recorded.
 */
export function attach(
  declaration: NodeDeclaration,
  inputs: readonly (Tensor | null)[],
  outputs: readonly Tensor[],
  backward: BackwardFn,
  saved?: () => SavedTensor[],
): FunctionNode {
  const node = new FunctionNode(
    declaration,
    inputs.map(gradientEdge),
    outputs.map((o) => ({shape: o.shape, dtype: o.dtype})),
    backward,
    saved ? saved() : [],
  );
  outputs.forEach((o, i) => {
    o.gradFn = node;
    o.outputNr = i;
  });
  lastAttached = node;
  return node;
}

/** The node the last `attach` made, until the op that made it is reported. */
let lastAttached: FunctionNode | null = null;

/** Reports an op to the observer, if one is attached. */
export function reportOp(
  op: string,
  inputs: readonly Tensor[],
  args: Readonly<Record<string, OpArg>>,
  outputs: readonly Tensor[],
  inPlace = false,
): void {
  const node = lastAttached;
  if (node !== null && outputs.some((o) => o.gradFn === node)) {
    rememberCall(node, {inputs, args, outputs});
  }
  lastAttached = null;
  if (observer === null) return;
  observer.op?.({op, inputs, args, outputs, inPlace, gradEnabled: isGradEnabled()});
}

/** A Python scalar as an observer argument (bigint becomes a number; ints stay integral). */
export function scalarArg(value: number | bigint | boolean): OpArg {
  return typeof value === 'bigint' ? Number(value) : value;
}
