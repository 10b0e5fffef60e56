/**
 * A user-defined autograd Function (`torch.autograd.Function`): the Node PyTorch calls `PyNode`,
 * named `<ClassName>Backward`, whose backward is the user's code (a callback the host supplies),
 * and PyTorch's wrapping of a Function's outputs (`_wrap_outputs`): outputs get the node as
 * grad_fn, dirty inputs are rebased onto it, non-differentiable outputs require no grad, and an
 * input returned as it is becomes a new alias of it.
 */
import {allocate} from './dtype.js';
import {runtimeError} from './errors.js';
import {isGradEnabled} from './gradmode.js';
import {Node, save, unpackSaved} from './node.js';
import type {OutputMeta, SavedTensor} from './node.js';
import {gradientEdge} from './record.js';
import {storageWillChange} from './report.js';
import {defaultSavedTensorHooks, packTensor, unpackTensor} from './saved-hooks.js';
import {Tensor} from './tensor.js';

/**
 * The user's backward: gets one gradient per forward output (null where none arrived and grads
 * are not materialised, or the output was not a tensor) and returns one value per forward input
 * (a Tensor, null, or what the host could not read as either: `invalid`, with its type's name).
 */
export type CustomBackward = (
  grads: readonly (Tensor | null)[],
) => readonly (Tensor | null | {readonly invalid: string})[];

/** One forward argument of a Function: a tensor, or any other value (an edge-less input). */
export type FunctionInput = Tensor | {readonly other: unknown};

/** PyNode: the grad_fn of a custom Function's outputs. */
export class CustomFunctionNode extends Node {
  /** The Function's class name; the node is `<className>Backward`. */
  readonly functionName: string;
  /** Whether each forward argument was a tensor (those have next edges, in order). */
  readonly inputIsTensor: readonly boolean[];
  /** Whether each forward output was a tensor (others get no gradient). */
  readonly outputIsTensor: readonly boolean[];
  /** `ctx.set_materialize_grads(…)`: missing output gradients are passed as zeros (default). */
  materializeGrads = true;
  /**
   * True for a Function of the library itself (PyTorch's `BackwardHookFunction`), whose backward
   * is not the script's code.
   */
  fromLibrary = false;
  /** The object the host shows for this node (Python's `ctx`, which is the grad_fn). */
  readonly ctx: unknown;
  private readonly backwardFn: CustomBackward;
  private saved: readonly (SavedTensor | null)[] | null = [];
  private hadSaved = false;

  constructor(
    functionName: string,
    inputs: readonly FunctionInput[],
    outputMeta: readonly OutputMeta[],
    outputIsTensor: readonly boolean[],
    backward: CustomBackward,
    ctx: unknown,
  ) {
    super(inputs.filter((x): x is Tensor => x instanceof Tensor).map(gradientEdge), outputMeta);
    this.functionName = functionName;
    this.inputIsTensor = inputs.map((x) => x instanceof Tensor);
    this.outputIsTensor = outputIsTensor;
    this.backwardFn = backward;
    this.ctx = ctx;
  }

  override name(): string {
    return `${this.functionName}Backward`;
  }

  /** `ctx.save_for_backward(…)` once the outputs are known (an output is saved as one). */
  saveForBackward(tensors: readonly (Tensor | null)[], outputs: ReadonlySet<Tensor>): void {
    this.saved = tensors.map((t) => (t === null ? null : save(t, outputs.has(t))));
    this.hadSaved = tensors.length > 0;
    const hooks = defaultSavedTensorHooks();
    if (hooks === null) return;
    // Through saved-tensor hooks, each in turn, once forward returned (PyTorch's _save_variables).
    const packed = new Map<string, ReturnType<typeof packTensor>>();
    this.packedSaved = packed;
    tensors.forEach((t, i) => {
      if (t !== null) packed.set(String(i), packTensor(hooks, t, outputs.has(t), this, String(i)));
    });
  }

  /**
   * What `ctx.save_for_backward(…)` kept, as given (null for a saved None), for a picture of the
   * node; empty once backward freed it.
   */
  savedForPicture(): readonly (Tensor | null)[] {
    return (this.saved ?? []).map((s) => (s === null ? null : s.tensor));
  }

  /** `ctx.saved_tensors`: PyTorch's errors for freed or since-modified tensors. */
  savedTensors(): (Tensor | null)[] {
    const packed = this.packedSaved;
    if (packed === null || this.saved === null) {
      return unpackSaved(this.saved, (s) => this.ownerOf(s));
    }
    return this.saved.map((s, i) => {
      const p = packed.get(String(i));
      if (p !== undefined) return unpackTensor(p, this, String(i));
      return unpackSaved([s], (x) => this.ownerOf(x))[0] ?? null;
    });
  }

  private ownerOf(s: SavedTensor): string | null {
    return s.isOutput ? this.name() : (s.tensor.gradFn?.name() ?? null);
  }

  override heldTensors(): readonly Tensor[] {
    return (this.saved ?? []).flatMap((s) => (s === null ? [] : [s.tensor]));
  }

  override supportsCreateGraph(): boolean {
    return true;
  }

  override returnsUnneededGrads(): boolean {
    return true;
  }

  override apply(grads: readonly (Tensor | null)[], retainGraph: boolean): (Tensor | null)[] {
    const given = this.outputMeta.map((meta, i) => {
      const g = grads[i] ?? null;
      if (g !== null || !this.materializeGrads || !this.outputIsTensor[i]) return g;
      return zerosFor(meta);
    });
    const results = this.backwardFn(given);
    if (!retainGraph && this.hadSaved) {
      this.saved = null;
      this.packedSaved = null;
    }
    return this.inputGrads(results);
  }

  /** PyTorch's checks of what backward returned, then the gradient for each tensor input. */
  private inputGrads(
    results: readonly (Tensor | null | {readonly invalid: string})[],
  ): (Tensor | null)[] {
    const expected = this.inputIsTensor.length;
    let list = [...results];
    if (list.length > expected && list.slice(expected).every((r) => r === null)) {
      list = list.slice(0, expected);
    }
    if (list.length !== expected) {
      throw runtimeError(
        `function ${this.name()} returned an incorrect number of gradients (expected ${expected}, got ${list.length})`,
      );
    }
    const out: (Tensor | null)[] = [];
    list.forEach((r, i) => {
      if (!this.inputIsTensor[i]) {
        if (r !== null) {
          throw runtimeError(
            `function ${this.name()} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`,
          );
        }
        return;
      }
      if (r !== null && !(r instanceof Tensor)) {
        throw runtimeError(`expected Variable or None (got ${r.invalid})`);
      }
      out.push(r);
    });
    return out;
  }
}

function zerosFor(meta: OutputMeta): Tensor {
  return new Tensor(
    allocate(
      meta.dtype,
      meta.shape.reduce((x, y) => x * y, 1),
    ),
    [...meta.shape],
    meta.dtype,
  );
}

/** A new tensor sharing `t`'s storage and version (a view of it), made without a graph. */
function aliasOf(t: Tensor): Tensor {
  return new Tensor(t.data, t.shape, t.dtype, t.strides, t.offset, t.version, t.base ?? t);
}

/** What a Function's forward did to its context, read when its outputs are wrapped. */
export interface FunctionContext {
  /** `ctx.mark_dirty(…)`: inputs modified in place, returned as outputs. */
  readonly dirty: ReadonlySet<Tensor>;
  /** `ctx.mark_non_differentiable(…)`. */
  readonly nonDifferentiable: ReadonlySet<Tensor>;
  /** `ctx.save_for_backward(…)`, as given (None kept as null). */
  readonly toSave: readonly (Tensor | null)[] | null;
  readonly materializeGrads: boolean;
}

/**
 * PyTorch's `_wrap_outputs` and `_save_variables`: links a Function's forward outputs to a new
 * CustomFunctionNode when the call records a graph (`executable`), and returns the outputs as the
 * caller sees them (an input returned unmodified becomes a fresh alias of it).
 */
export function wrapFunctionOutputs(
  functionName: string,
  inputs: readonly FunctionInput[],
  outputs: readonly unknown[],
  context: FunctionContext,
  backward: CustomBackward,
  ctx: unknown,
): {readonly outputs: unknown[]; readonly node: CustomFunctionNode | null} {
  const tensorInputs = new Set(inputs.filter((x): x is Tensor => x instanceof Tensor));
  const executable = isGradEnabled() && [...tensorInputs].some((t) => t.requiresGrad);
  for (const d of context.dirty) {
    if (!tensorInputs.has(d)) {
      throw runtimeError("mark_dirty can only accept input tensors, but argument 0 isn't one");
    }
  }
  // Marks are read on what forward returned; an input returned as it is becomes a view of it.
  const nonDifferentiable = new Set<Tensor>();
  const wrapped = outputs.map((o) => {
    if (!(o instanceof Tensor)) return o;
    // An input returned as it is: PyTorch returns a view of it (`var.view_as(var)`).
    const out = tensorInputs.has(o) && !context.dirty.has(o) ? aliasOf(o) : o;
    if (context.nonDifferentiable.has(o)) nonDifferentiable.add(out);
    return out;
  });
  if (!executable) {
    for (const o of wrapped) {
      if (o instanceof Tensor && nonDifferentiable.has(o) && o.isLeaf) o.requiresGrad = false;
    }
    return {outputs: wrapped, node: null};
  }
  const meta = wrapped.map((o) =>
    o instanceof Tensor ? {shape: o.shape, dtype: o.dtype} : {shape: [], dtype: 'float32' as const},
  );
  const node = new CustomFunctionNode(
    functionName,
    inputs,
    meta,
    wrapped.map((o) => o instanceof Tensor),
    backward,
    ctx,
  );
  node.materializeGrads = context.materializeGrads;
  wrapped.forEach((o, i) => {
    if (!(o instanceof Tensor)) return;
    if (nonDifferentiable.has(o)) {
      if (o.gradFn === null) o.requiresGrad = false;
      return;
    }
    if (context.dirty.has(o)) {
      if (o.isLeaf && o.requiresGrad) {
        throw runtimeError(
          'a leaf Variable that requires grad has been used in an in-place operation.',
        );
      }
      storageWillChange(o);
      o.version.value++;
    }
    o.gradFn = node;
    o.outputNr = i;
  });
  if (context.toSave !== null) {
    node.saveForBackward(
      context.toSave,
      new Set(wrapped.filter((o): o is Tensor => o instanceof Tensor)),
    );
  }
  return {outputs: wrapped, node};
}
