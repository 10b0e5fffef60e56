/**
 * Node: a backward function (a tensor's grad_fn), its next edges, and the tensors it saved.
 * AccumulateGrad is the Node that writes a leaf's `.grad`.
 */
import type {DType} from './dtype.js';
import {legacyTypeName} from './dtype.js';
import {runtimeError} from './errors.js';
import type {NodeHooks} from './hooks.js';
import type {NodeDeclaration} from './op.js';
import {unpackTensor} from './saved-hooks.js';
import type {PackedTensor} from './saved-hooks.js';
import type {Tensor} from './tensor.js';

/** A next edge: the Node a gradient goes to and which of its inputs it feeds (`next_functions`). */
export type Edge = readonly [Node | null, number];

/** Shape and dtype of one forward output: what the gradient arriving for it must look like. */
export interface OutputMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

let nextNodeId = 1;
let nextSequenceNr = 0;

/** PyTorch's message for running backward through freed saved tensors. */
export const SECOND_BACKWARD_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after ' +
  'they have already been freed). Saved intermediate values of the graph are freed when you call ' +
  '.backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the ' +
  'graph a second time or if you need to access saved tensors after calling backward.';

/** A backward function: the grad_fn of a tensor made by a differentiable op. */
export abstract class Node {
  /** Unique, increasing in creation order. */
  readonly id: number;
  /** The engine runs ready nodes with the highest sequence number first (AccumulateGrad: ∞). */
  readonly sequenceNr: number;
  /** Where the gradients this node computes go, one edge per differentiable input. */
  nextFunctions: readonly Edge[];
  /** Shape and dtype of each forward output, in output order. */
  readonly outputMeta: readonly OutputMeta[];
  /** Non-leaf tensors that called `retain_grad()`, by output number. */
  retained: Map<number, Tensor> | null = null;
  /** Its backward hooks (tensor hooks of its outputs, pre- and post-hooks), once it has one. */
  hooks: NodeHooks | null = null;
  /**
   * The tensors it saved through saved-tensor hooks (what pack returned), by `_saved_` name (or
   * position, for a Function's `save_for_backward`); null when none went through hooks.
   */
  packedSaved: Map<string, PackedTensor> | null = null;

  constructor(
    nextFunctions: readonly Edge[],
    outputMeta: readonly OutputMeta[],
    sequenceNr?: number,
  ) {
    this.id = nextNodeId++;
    this.sequenceNr = sequenceNr ?? nextSequenceNr++;
    this.nextFunctions = nextFunctions;
    this.outputMeta = outputMeta;
  }

  /** `grad_fn.name()`, e.g. `AddBackward0`. */
  abstract name(): string;

  /** The tensors this node keeps alive for backward (counted by the live-elements limit). */
  heldTensors(): readonly Tensor[] {
    return [];
  }

  /** The class name in `repr(grad_fn)` (differs from name() only for AccumulateGrad). */
  className(): string {
    return this.name();
  }

  /**
   * Computes the gradients to send along each next edge from the gradients received for each
   * output. Frees saved tensors unless `retainGraph`.
   */
  abstract apply(grads: readonly (Tensor | null)[], retainGraph: boolean): (Tensor | null)[];

  /**
   * Whether `create_graph=True` may pass through: the gradients it returns carry a graph of
   * their own. The engine refuses others rather than treating their gradients as constants.
   */
  supportsCreateGraph(): boolean {
    return false;
  }

  /**
   * Whether its backward returns gradients for inputs that need none (a custom Function's does:
   * its post-hooks see them); built-in nodes compute only the ones needed.
   */
  returnsUnneededGrads(): boolean {
    return false;
  }

  /** Whether input `i` needs a gradient (its next edge goes somewhere). */
  needsInputGrad(i: number): boolean {
    const edge = this.nextFunctions[i];
    return edge !== undefined && edge[0] !== null;
  }

  /** `repr(grad_fn)`: `<AddBackward0 object at 0x7f…>`, with a fake address stable per node. */
  toString(): string {
    return `<${this.className()} object at ${fakeAddress(this.id)}>`;
  }
}

/** A stable, plausible-looking CPython address for object number `id`. */
export function fakeAddress(id: number): string {
  return `0x7f4a${(0x36000000 + id * 0x70).toString(16).padStart(8, '0')}`;
}

/** The Node that accumulates incoming gradients into a leaf's `.grad`. */
export class AccumulateGrad extends Node {
  /** The leaf tensor whose `.grad` this node writes (`grad_fn.next_functions[0][0].variable`). */
  readonly variable: Tensor;

  constructor(variable: Tensor) {
    super([], [{shape: variable.shape, dtype: variable.dtype}], Number.POSITIVE_INFINITY);
    this.variable = variable;
  }

  override name(): string {
    return 'torch::autograd::AccumulateGrad';
  }

  override className(): string {
    return 'AccumulateGrad';
  }

  /** The engine accumulates; the node itself sends nothing further. */
  override apply(): (Tensor | null)[] {
    return [];
  }
}

/** A tensor saved for backward, with the version it had then (PyTorch's SavedVariable). */
export interface SavedTensor {
  readonly tensor: Tensor;
  readonly version: number;
  /** True when the tensor is an output of the node that saved it. */
  readonly isOutput: boolean;
}

/** Saves a tensor for backward, recording its version. */
export function save(tensor: Tensor, isOutput = false): SavedTensor {
  return {tensor, version: tensor.version.value, isOutput};
}

/** Computes input gradients from output gradients and the unpacked saved tensors. */
export type BackwardFn = (
  grads: readonly (Tensor | null)[],
  saved: readonly Tensor[],
  node: FunctionNode,
) => (Tensor | null)[];

/** The grad_fn of an op: its declaration (name, create_graph support), a backward formula, and its saved tensors. */
export class FunctionNode extends Node {
  /** What the op file declared about this node (op.ts). */
  readonly declaration: NodeDeclaration;
  private readonly backward: BackwardFn;
  private saved: readonly SavedTensor[] | null;
  private readonly hadSaved: boolean;
  /** Backward released what pack returned (a freed node that saved only through hooks). */
  private releasedPacked = false;

  constructor(
    declaration: NodeDeclaration,
    nextFunctions: readonly Edge[],
    outputMeta: readonly OutputMeta[],
    backward: BackwardFn,
    saved: readonly SavedTensor[],
  ) {
    super(nextFunctions, outputMeta);
    this.declaration = declaration;
    this.backward = backward;
    this.saved = saved;
    this.hadSaved = saved.length > 0;
  }

  override name(): string {
    return this.declaration.name;
  }

  override supportsCreateGraph(): boolean {
    return this.declaration.createGraph;
  }

  override apply(grads: readonly (Tensor | null)[], retainGraph: boolean): (Tensor | null)[] {
    const saved = this.unpack();
    if (!retainGraph && (this.hadSaved || this.packedSaved !== null)) {
      this.saved = null;
      this.packedSaved = null;
      this.releasedPacked = true;
    }
    return this.backward(grads, saved, this);
  }

  /** Whether backward freed its saved tensors (PyTorch's "after they have already been freed"). */
  get freed(): boolean {
    return (this.hadSaved && this.saved === null) || this.releasedPacked;
  }

  /** The tensors this node keeps alive for backward (none once freed). */
  override heldTensors(): readonly Tensor[] {
    return this.saved === null ? [] : this.saved.map((s) => s.tensor);
  }

  /**
   * Rebinds a saved output to the tensor an in-place op wrote it into (PyTorch saves `self`
   * there), at that tensor's current version, so a later in-place change to it is detected.
   */
  rebindSavedOutput(from: Tensor, to: Tensor): void {
    if (this.saved === null) return;
    this.saved = this.saved.map((s) => (s.tensor === from ? save(to, true) : s));
  }

  /** The saved tensors, checked: freed, or modified in place since they were saved, is an error. */
  private unpack(): Tensor[] {
    const owner = (s: SavedTensor) =>
      s.isOutput ? this.name() : (s.tensor.gradFn?.name() ?? null);
    const packed = this.packedSaved;
    if (packed === null || this.saved === null) return unpackSaved(this.saved, owner) as Tensor[];
    // Through hooks: each packed tensor is unpacked (in the order PyTorch saved them) and stands
    // for the tensor the kernel kept; a tensor the kernel keeps beyond PyTorch's is read as usual.
    const unpacked = new Map<Tensor, Tensor>();
    for (const [name, p] of packed) unpacked.set(p.original, unpackTensor(p, this, name));
    return this.saved.map((s) => unpacked.get(s.tensor) ?? (unpackSaved([s], owner)[0] as Tensor));
  }
}

/**
 * Unpacks saved tensors (PyTorch's SavedVariable::unpack): freed (null) is the second-backward
 * error, a tensor modified in place since it was saved is the version error naming `owner(s)`,
 * the node that made it.
 */
export function unpackSaved(
  saved: readonly (SavedTensor | null)[] | null,
  owner: (s: SavedTensor) => string | null,
): (Tensor | null)[] {
  if (saved === null) throw runtimeError(SECOND_BACKWARD_MESSAGE);
  return saved.map((s) => {
    if (s === null) return null;
    const now = s.tensor.version.value;
    if (now !== s.version) {
      const name = owner(s);
      const which = name === null ? '' : `, which is output ${s.tensor.outputNr} of ${name},`;
      throw runtimeError(
        'one of the variables needed for gradient computation has been modified by an inplace ' +
          `operation: [${legacyTypeName(s.tensor.dtype)} [${s.tensor.shape.join(', ')}]]${which} ` +
          `is at version ${now}; expected version ${s.version} instead. Hint: enable anomaly ` +
          'detection to find the operation that failed to compute its gradient, with ' +
          'torch.autograd.set_detect_anomaly(True).',
      );
    }
    return s.tensor;
  });
}
