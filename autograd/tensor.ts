/**
 * Tensor: strided storage with a dtype, plus the autograd fields (`requiresGrad`, `grad`,
 * `gradFn`, `isLeaf`). Views share storage and its version counter, as in PyTorch. The op
 * methods (`add`, `sum`, `view`, …) are declared by the op files (ops/*, one op family per file)
 * and installed by registry.ts, so this file imports no op and no op imports back into a cycle.
 */
import type {DType, Storage} from './dtype.js';
import {isFloating, roundHalfStorage} from './dtype.js';
import {runtimeError} from './errors.js';
import {tensorHookList} from './hooks.js';
import {AccumulateGrad} from './node.js';
import type {Node} from './node.js';
import {observer} from './report.js';
import {noteStorage} from './limits.js';
import {contiguousStrides, isContiguousLayout, numelOf, wrapDim} from './shape.js';
import type {Int} from './shape.js';
import {formatTensor} from './print/format.js';

/** PyTorch's version counter: bumped by every in-place op, shared by a tensor and its views. */
export interface VersionCounter {
  value: number;
}

/** Options of reductions: `sum`, `mean`, `norm` (`dim`, `keepdim`, `dtype`). */
export interface ReduceOptions {
  dim?: Int | readonly Int[] | null;
  keepdim?: boolean;
  dtype?: DType;
}

let nextTensorId = 1;

/** The id the next tensor will get (the engine uses it to tell gradients it made from the user's). */
export function peekNextTensorId(): number {
  return nextTensorId;
}

/** float16 storage: a Float32Array of values rounded to half precision. */
function halfStorage(data: Storage): Storage {
  const out = data instanceof Float32Array ? data : Float32Array.from(data);
  roundHalfStorage(out);
  return out;
}

/** A PyTorch tensor (CPU, strided). */
export class Tensor {
  /** Unique, increasing in creation order. */
  readonly id: number;
  /** The storage, shared with views (`untyped_storage()`); elements start at `offset`. */
  readonly data: Storage;
  /** `_version`'s counter, shared with views and `detach()`ed aliases. */
  readonly version: VersionCounter;
  /** `shape` (`torch.Size` as a list). */
  readonly shape: readonly number[];
  /** `stride()`. */
  readonly strides: readonly number[];
  /** `storage_offset()`. */
  readonly offset: number;
  /** `dtype`. */
  readonly dtype: DType;
  /** `.grad`: the accumulated gradient of a leaf (or a non-leaf that retains its grad). */
  grad: Tensor | null = null;
  /** `.grad_fn`: the Node that made this tensor, null for leaves. */
  gradFn: Node | null = null;
  /** Which output of `gradFn` this tensor is (`output_nr`). */
  outputNr = 0;
  /** `retains_grad`: true after `retain_grad()` on a non-leaf. */
  retainsGrad = false;
  /** The tensor this one is a view of (`._base`), or null. */
  base: Tensor | null;
  private leafRequiresGrad = false;
  private accumulator: AccumulateGrad | null = null;

  /** Internal: wraps storage. Use the factories (`torch.tensor`, `torch.ones`, …) instead. */
  constructor(
    data: Storage,
    shape: readonly number[],
    dtype: DType,
    strides?: readonly number[],
    offset = 0,
    version?: VersionCounter,
    base: Tensor | null = null,
  ) {
    this.id = nextTensorId++;
    // A new float16 tensor's storage holds half values only: ops compute half in float32 (as
    // PyTorch does) and the result is rounded here, once, for every op. Views share it as is.
    if (dtype === 'float16' && version === undefined) data = halfStorage(data);
    this.data = data;
    this.shape = shape;
    this.dtype = dtype;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.version = version ?? {value: 0};
    this.base = base;
    noteStorage(data, shape);
    if (observer !== null) observer.tensorCreated?.(this);
  }

  // ---- properties -------------------------------------------------------------------------

  /** `requires_grad`. Setting it follows PyTorch's rules (leaves only, floating dtypes only). */
  get requiresGrad(): boolean {
    return this.leafRequiresGrad || this.gradFn !== null;
  }

  set requiresGrad(value: boolean) {
    if (this.gradFn !== null) {
      throw runtimeError(
        'you can only change requires_grad flags of leaf variables. If you want to use a computed ' +
          "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (value && !isFloating(this.dtype)) {
      throw runtimeError('only Tensors of floating point and complex dtype can require gradients');
    }
    this.leafRequiresGrad = value;
  }

  /** `is_leaf`: made by the user (or without grad), not by a recorded op. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** `_version`: how many in-place ops modified this tensor's storage. */
  get versionNumber(): number {
    return this.version.value;
  }

  /** `size()` / `size(dim)`. */
  size(): readonly number[];
  size(dim: Int): number;
  size(dim?: Int): readonly number[] | number {
    return dim === undefined ? this.shape : (this.shape[wrapDim(dim, this.shape.length)] ?? 1);
  }

  /** `stride()`. */
  stride(): readonly number[] {
    return this.strides;
  }

  /** `dim()` / `ndim`. */
  dim(): number {
    return this.shape.length;
  }

  /** `numel()`. */
  numel(): number {
    return numelOf(this.shape);
  }

  /** `is_contiguous()`. */
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }

  /** `is_floating_point()`. */
  isFloatingPoint(): boolean {
    return isFloating(this.dtype);
  }

  /** `repr(t)` / `str(t)`, exactly as PyTorch prints it. */
  toString(): string {
    return formatTensor(this);
  }

  // ---- autograd ---------------------------------------------------------------------------

  /** `requires_grad_(requires_grad=True)`. */
  requiresGrad_(requiresGrad = true): this {
    if (requiresGrad && !isFloating(this.dtype)) {
      throw runtimeError('only Tensors of floating point dtype can require gradients');
    }
    this.requiresGrad = requiresGrad;
    return this;
  }

  /** `retain_grad()`: keep `.grad` on a non-leaf after backward. */
  retainGrad(): void {
    if (!this.requiresGrad)
      throw runtimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.isLeaf || this.retainsGrad || this.gradFn === null) return;
    this.gradFn.retained ??= new Map();
    this.gradFn.retained.set(this.outputNr, this);
    // Its place among the tensor's hooks: hooks registered before it change what it keeps.
    tensorHookList(this.gradFn, this.outputNr).push({retain: true});
    this.retainsGrad = true;
  }

  /**
   * `x.data`: an alias of the storage that does not require grad and, unlike `detach()`, has
   * its own version counter (in-place updates through it are not seen by autograd). Not reported.
   */
  variableData(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype, this.strides, this.offset);
  }

  /**
   * `x.data = src` (PyTorch's set_data): x takes src's storage, shape, strides and dtype and
   * shares them from now on, keeping its identity, history, grad and version counter (what
   * `module.double()` does to each parameter).
   */
  setData(src: Tensor): void {
    observer?.storageWillChange?.(this);
    const self = this as unknown as {
      data: Storage;
      shape: readonly number[];
      strides: readonly number[];
      offset: number;
      dtype: DType;
    };
    self.data = src.data;
    self.shape = src.shape;
    self.strides = src.strides;
    self.offset = src.offset;
    self.dtype = src.dtype;
  }

  /** `detach_()`. */
  detach_(): this {
    this.gradFn = null;
    this.leafRequiresGrad = false;
    return this;
  }

  /** Internal: a new tensor on this one's storage and version counter, with no autograd history. */
  unpackedAlias(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype, this.strides, this.offset, this.version);
  }

  /**
   * Internal: makes this leaf require grad and send its gradients to `leaf`'s AccumulateGrad
   * (a saved leaf unpacked through hooks stands for the leaf itself in the graph).
   */
  adoptGradAccumulator(leaf: Tensor): void {
    this.leafRequiresGrad = true;
    this.accumulator = leaf.gradAccumulator();
  }

  /** Internal: the AccumulateGrad node of a leaf that requires grad (one per leaf, as in PyTorch). */
  gradAccumulator(): AccumulateGrad {
    this.accumulator ??= new AccumulateGrad(this);
    return this.accumulator;
  }
}
