/**
 * The record the pictures need: autograd/ reports what it does to one optional observer.
 * With no observer attached, reporting costs one null check per op.
 *
 * This file is a contract between autograd/ and src/trace/: extend it, do not break it.
 */
import type {Tensor} from './tensor.js';
import type {Node} from './node.js';
import type {HookFired} from './hooks.js';

/** A non-tensor argument of an op, by PyTorch's parameter name (`other`, `exponent`, `dim`, …). */
export type OpArg = number | boolean | string | null | readonly number[];

/** One op run, forward: a factory, an arithmetic op, a view, an in-place update, a detach. */
export interface OpEvent {
  /** PyTorch's name of the op as called, e.g. `add`, `mul`, `pow`, `mean`, `matmul`, `add_`, `ones`. */
  readonly op: string;
  /** The tensor arguments, in call order (a Python number is not a tensor: it is in `args`). */
  readonly inputs: readonly Tensor[];
  /** The other arguments by PyTorch's parameter names, e.g. `{other: 2}` for `x + 2`. */
  readonly args: Readonly<Record<string, OpArg>>;
  /** The results (one for almost every op; the tensor itself for an in-place op). */
  readonly outputs: readonly Tensor[];
  /** True for `add_`, `zero_`, `+=` on a tensor and the like. */
  readonly inPlace: boolean;
  /** Whether grad mode was on when the op ran. */
  readonly gradEnabled: boolean;
}

/** A call of `backward()` or `torch.autograd.grad()`, before the engine runs. */
export interface BackwardEvent {
  /** The tensors backward starts from. */
  readonly roots: readonly Tensor[];
  /** The gradient each root starts with: the `gradient` argument, or the implicit ones. */
  readonly seeds: readonly Tensor[];
  readonly retainGraph: boolean;
  /** For `torch.autograd.grad`: the inputs asked for; null for `backward()`. */
  readonly inputs: readonly Tensor[] | null;
}

/** One engine step: a Node (grad_fn) ran, in the order the engine ran it. */
export interface EngineStepEvent {
  readonly node: Node;
  /** The gradient the node received for each of its outputs (summed over all that sent one). */
  readonly gradsIn: readonly (Tensor | null)[];
  /** The gradient it sent along each next edge, aligned with `node.nextFunctions` (null: none). */
  readonly gradsOut: readonly (Tensor | null)[];
  /**
   * The hooks that ran at this step, in order, each with the gradient before and after it
   * (`gradsIn` is after the pre-hooks, `gradsOut` after the post-hooks).
   */
  readonly hooks?: readonly HookFired[];
}

/** A gradient written into a tensor's `.grad`: a leaf's AccumulateGrad, or a retained non-leaf grad. */
export interface AccumulateEvent {
  readonly tensor: Tensor;
  /** The gradient that arrived. */
  readonly incoming: Tensor;
  /** `.grad` before (null the first time), and after. */
  readonly before: Tensor | null;
  readonly after: Tensor;
  /** True for a non-leaf that called `retain_grad()`. */
  readonly retained: boolean;
}

/** Told of everything autograd/ does, in the order it happens. Every method is optional. */
export interface AutogradObserver {
  /** A tensor was made (by a factory, an op, `detach()`, or the engine as a gradient). */
  tensorCreated?(tensor: Tensor): void;
  op?(event: OpEvent): void;
  backwardStarted?(event: BackwardEvent): void;
  engineStep?(event: EngineStepEvent): void;
  gradAccumulated?(event: AccumulateEvent): void;
  /** The engine finished, or stopped with an error (the error is thrown after this call). */
  backwardFinished?(error: unknown): void;
  /**
   * `tensor`'s storage (shared with its views) is about to be written in place: an in-place op, a
   * `.grad` accumulation, `.data = …`. Told even while reporting is muted, before the write, so an
   * observer holding the storage's values by reference can copy them first.
   */
  storageWillChange?(tensor: Tensor): void;
}
