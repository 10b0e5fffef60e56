/**
 * Hooks for saved tensors, as PyTorch 1.13 runs them (SavedVariable with SavedVariableHooks):
 * `torch.autograd.graph.saved_tensors_hooks(pack, unpack)` pushes a default pair that every
 * tensor saved for backward goes through while it is active (only the innermost pair applies),
 * and `grad_fn._raw_saved_<name>.register_hooks(pack, unpack)` sets a pair on one saved tensor.
 * Pack runs when the tensor is saved (with grad mode off; it may not modify its input in place)
 * and what it returns is kept instead of the tensor; unpack runs each time the saved tensor is
 * read (by backward, `ctx.saved_tensors` or `_saved_<name>`) and what it returns is wrapped as a
 * new tensor with the saved tensor's autograd identity. No version check is made through hooks.
 * The host supplies the hook calls (the functions are the script's).
 */
import {runtimeError} from './errors.js';
import {withGradMode} from './gradmode.js';
import type {Node} from './node.js';
import type {Tensor} from './tensor.js';

/** A pack/unpack pair. `unpack` must return a Tensor (the host raises PyTorch's TypeError). */
export interface SavedTensorHooks {
  readonly pack: (tensor: Tensor) => unknown;
  readonly unpack: (packed: unknown) => Tensor;
  /** The hooks' names, for the picture (`pack_hook`, `<lambda>`). */
  readonly names: readonly [string, string];
}

/** One tensor a node saved through hooks: what pack returned and how to rebuild it. */
export interface PackedTensor {
  readonly hooks: SavedTensorHooks;
  /** What pack returned (any Python value). */
  readonly packed: unknown;
  /** The tensor as it was saved, for its autograd identity (grad_fn, leaf, requires_grad). */
  readonly original: Tensor;
  /** The saved tensor was an output of the node that saved it (its grad_fn is that node). */
  readonly isOutput: boolean;
}

const stack: SavedTensorHooks[] = [];
let disabledMessage: string | null = null;

/** `saved_tensors_hooks.__enter__`: pushes a default pair (refused while hooks are disabled). */
export function pushSavedTensorHooks(hooks: SavedTensorHooks): void {
  if (disabledMessage !== null) throw runtimeError(disabledMessage);
  stack.push(hooks);
}

/** `saved_tensors_hooks.__exit__`. */
export function popSavedTensorHooks(): void {
  stack.pop();
}

/** The default pair in effect (the innermost), or null. */
export function defaultSavedTensorHooks(): SavedTensorHooks | null {
  return stack[stack.length - 1] ?? null;
}

/** The message `disable_saved_tensors_hooks` set, or null when hooks are allowed. */
export function savedTensorHooksDisabledMessage(): string | null {
  return disabledMessage;
}

/**
 * `torch._C._autograd._saved_tensors_hooks_disable(message)` (null: enable). Disabling while a
 * default pair is active raises the message, as PyTorch does.
 */
export function setSavedTensorHooksDisabled(message: string | null): void {
  if (message !== null && stack.length > 0) throw runtimeError(message);
  disabledMessage = message;
}

/** Forgets every default pair (a new run starts with none). */
export function resetSavedTensorHooks(): void {
  stack.length = 0;
  disabledMessage = null;
}

const PACK_IN_PLACE_MESSAGE =
  'A saved tensor pack hook is modifying its input in place. Tensors provided as input to pack ' +
  'hook can not be modified by in-place operations as this can lead to unexpected side-effects. ' +
  'Please open an issue if you need to perform in-place operations on the input to a pack hook.';

/** Listens to pack and unpack calls (the trace records them for the picture). */
export interface SavedHooksListener {
  packed?(node: Node | null, name: string, hooks: SavedTensorHooks, tensor: Tensor): void;
  unpacked?(node: Node | null, name: string, hooks: SavedTensorHooks, tensor: Tensor): void;
}

let listener: SavedHooksListener | null = null;

/** Sets (or clears) the listener to pack and unpack calls; returns the previous one. */
export function setSavedHooksListener(l: SavedHooksListener | null): SavedHooksListener | null {
  const prev = listener;
  listener = l;
  return prev;
}

/**
 * Runs `hooks.pack` on `given` (grad mode off) for a tensor saved as `original`, checking that
 * pack did not modify it in place. `node` and `name` say where it is saved (for the picture).
 */
export function packTensor(
  hooks: SavedTensorHooks,
  original: Tensor,
  isOutput: boolean,
  node: Node | null,
  name: string,
  given: Tensor = original,
): PackedTensor {
  const version = given.version.value;
  const packed = withGradMode(false, () => hooks.pack(given));
  if (given.version.value !== version) throw runtimeError(PACK_IN_PLACE_MESSAGE);
  listener?.packed?.(node, name, hooks, original);
  return {hooks, packed, original, isOutput};
}

/**
 * Runs unpack and wraps its tensor as the saved one (PyTorch's `make_variable(data, edge)`):
 * a new tensor on the unpacked storage with the saved tensor's grad_fn (the saving node for a
 * saved output), or, for a leaf, its requires_grad and gradient accumulator.
 */
export function unpackTensor(p: PackedTensor, node: Node | null, name: string): Tensor {
  const data = p.hooks.unpack(p.packed);
  listener?.unpacked?.(node, name, p.hooks, data);
  const out = data.unpackedAlias();
  const o = p.original;
  const gradFn = p.isOutput ? node : o.gradFn;
  if (gradFn !== null) {
    out.gradFn = gradFn;
    out.outputNr = o.outputNr;
  } else if (o.requiresGrad) {
    out.adoptGradAccumulator(o);
  }
  return out;
}
