/**
 * Tensor: strided storage with a dtype, plus the autograd fields (`requiresGrad`, `grad`,
 * `gradFn`, `isLeaf`). Views share storage and its version counter, as in PyTorch. The methods
 * delegate to the op files (ops/*), one op family per file.
 */
import type {DType, Scalar, Storage} from './dtype.js';
import {isFloating} from './dtype.js';
import {runtimeError} from './errors.js';
import {AccumulateGrad} from './node.js';
import type {Node} from './node.js';
import {observer} from './report.js';
import {noteStorage} from './limits.js';
import {contiguousStrides, numelOf, toInt} from './shape.js';
import type {Int, SizeArg} from './shape.js';
import * as arith from './ops/arith.js';
import * as unary from './ops/unary.js';
import * as reduce from './ops/reduce.js';
import * as linalg from './ops/linalg.js';
import * as views from './ops/views.js';
import * as nn from './ops/nn.js';
import * as inplace from './ops/inplace.js';
import * as convert from './ops/convert.js';
import * as cmp from './ops/compare.js';
import * as division from './ops/division.js';
import * as rounding from './ops/rounding.js';
import * as setitem from './ops/setitem.js';
import type {IndexItem} from './ops/views.js';
import type {NestedList} from './ops/convert.js';
import {backward as runBackward} from './engine.js';
import type {BackwardOptions} from './engine.js';
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

  /** `T`: the dimensions reversed (a permute). */
  get T(): Tensor {
    return views.numpyT(this);
  }

  /** `size()` / `size(dim)`. */
  size(): readonly number[];
  size(dim: Int): number;
  size(dim?: Int): readonly number[] | number {
    return dim === undefined ? this.shape : views.sizeAt(this, dim);
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
    return views.isContiguous(this);
  }

  /** `is_floating_point()`. */
  isFloatingPoint(): boolean {
    return isFloating(this.dtype);
  }

  /** `item()`: bigint for int64, number for floats, boolean for bool. */
  item(): Scalar {
    return convert.item(this);
  }

  /** `tolist()`: nested arrays of `item()` values. */
  tolist(): NestedList {
    return convert.tolist(this);
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
    inplace.retainGrad(this);
  }

  /** `backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)`. */
  backward(gradient?: Tensor | null, options: BackwardOptions = {}): void {
    runBackward([this], gradient === undefined || gradient === null ? [null] : [gradient], options);
  }

  /** `detach()`: a leaf sharing storage and version counter, not requiring grad. */
  detach(): Tensor {
    return views.detach(this);
  }

  /**
   * `x.data`: an alias of the storage that does not require grad and, unlike `detach()`, has
   * its own version counter (in-place updates through it are not seen by autograd). Not reported.
   */
  variableData(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype, this.strides, this.offset);
  }

  /** `detach_()`. */
  detach_(): this {
    this.gradFn = null;
    this.leafRequiresGrad = false;
    return this;
  }

  /** Internal: the AccumulateGrad node of a leaf that requires grad (one per leaf, as in PyTorch). */
  gradAccumulator(): AccumulateGrad {
    this.accumulator ??= new AccumulateGrad(this);
    return this.accumulator;
  }

  // ---- arithmetic -------------------------------------------------------------------------

  /** `add(other, alpha=1)` / `+`. */
  add(other: Tensor | Scalar, options: {alpha?: Scalar} = {}): Tensor {
    return arith.add(this, other, options.alpha);
  }

  /** `sub(other, alpha=1)` / `-`. */
  sub(other: Tensor | Scalar, options: {alpha?: Scalar} = {}): Tensor {
    return arith.sub(this, other, options.alpha);
  }

  /** `mul(other)` / `*`. */
  mul(other: Tensor | Scalar): Tensor {
    return arith.mul(this, other);
  }

  /** `div(other)` / `/` (true division). */
  div(other: Tensor | Scalar): Tensor {
    return arith.div(this, other);
  }

  /** `pow(exponent)` / `**`. */
  pow(exponent: Tensor | Scalar): Tensor {
    return arith.pow(this, exponent);
  }

  /** `__radd__`: `other + self` for a Python number. */
  radd(other: Scalar): Tensor {
    return arith.add(this, other);
  }

  /** `__rsub__` / `torch.rsub`: `other - self`. */
  rsub(other: Tensor | Scalar): Tensor {
    return arith.rsub(this, other);
  }

  /** `__rmul__`: `other * self`. */
  rmul(other: Scalar): Tensor {
    return arith.mul(this, other);
  }

  /** `__rtruediv__`: `other / self`, computed like PyTorch as `reciprocal() * other`. */
  rdiv(other: Scalar): Tensor {
    return arith.rdiv(this, other);
  }

  /** `__rpow__`: `other ** self`. */
  rpow(other: Scalar): Tensor {
    return arith.rpow(other, this);
  }

  /** `floor_divide(other)` / `//`: rounds toward -inf; no derivative (grad_fn NotImplemented). */
  floorDivide(other: Tensor | Scalar): Tensor {
    return division.floorDivide(this, other);
  }

  /** `__rfloordiv__`: `other // self` for a Python number. */
  rfloordiv(other: Scalar): Tensor {
    return division.floorDivide(other, this);
  }

  /** `remainder(other)` / `%`: Python's modulo (the sign of the divisor). */
  remainder(other: Tensor | Scalar): Tensor {
    return division.remainder(this, other);
  }

  /** `__rmod__`: `other % self` for a Python number (no derivative). */
  rremainder(other: Scalar): Tensor {
    return division.remainder(other, this);
  }

  /** `fmod(other)`: C's fmod (the sign of the dividend). */
  fmod(other: Tensor | Scalar): Tensor {
    return division.fmod(this, other);
  }

  /** `round()` (half to even) or `round(decimals=d)`. */
  round(options: {decimals?: number} = {}): Tensor {
    return options.decimals === undefined
      ? rounding.rounding('round', this)
      : rounding.roundDecimals(this, options.decimals);
  }

  /** `floor()`. */
  floor(): Tensor {
    return rounding.rounding('floor', this);
  }

  /** `ceil()`. */
  ceil(): Tensor {
    return rounding.rounding('ceil', this);
  }

  /** `trunc()`. */
  trunc(): Tensor {
    return rounding.rounding('trunc', this);
  }

  /** `neg()` / unary `-`. */
  neg(): Tensor {
    return unary.neg(this);
  }

  /** `reciprocal()`. */
  reciprocal(): Tensor {
    return unary.reciprocal(this);
  }

  /** `exp()`. */
  exp(): Tensor {
    return unary.exp(this);
  }

  /** `log()`. */
  log(): Tensor {
    return unary.log(this);
  }

  /** `sqrt()`. */
  sqrt(): Tensor {
    return unary.sqrt(this);
  }

  /** `abs()`. */
  abs(): Tensor {
    return unary.abs(this);
  }

  /** `sin()`. */
  sin(): Tensor {
    return unary.sin(this);
  }

  /** `cos()`. */
  cos(): Tensor {
    return unary.cos(this);
  }

  /** `tanh()`. */
  tanh(): Tensor {
    return unary.tanh(this);
  }

  /** `sigmoid()`. */
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }

  /** `relu()`. */
  relu(): Tensor {
    return unary.relu(this);
  }

  /** `clamp(min=None, max=None)`. */
  clamp(options: {min?: Scalar | null; max?: Scalar | null}): Tensor {
    return unary.clamp(this, options.min ?? null, options.max ?? null);
  }

  // ---- reductions -------------------------------------------------------------------------

  /** `sum(dim=None, keepdim=False, dtype=None)`. */
  sum(options: ReduceOptions = {}): Tensor {
    return reduce.sum(this, options);
  }

  /** `mean(dim=None, keepdim=False, dtype=None)`. */
  mean(options: ReduceOptions = {}): Tensor {
    return reduce.mean(this, options);
  }

  /** `max()`: the largest element; `max(dim, keepdim=False)`: `[values, indices]`. */
  max(): Tensor;
  max(options: {dim: Int; keepdim?: boolean}): [Tensor, Tensor];
  max(options?: {dim: Int; keepdim?: boolean}): Tensor | [Tensor, Tensor] {
    return options === undefined
      ? reduce.maxAll(this)
      : reduce.maxDim(this, options.dim, options.keepdim ?? false);
  }

  /** `norm(p=2, dim=None, keepdim=False)` (p is 2 or 1, or any positive number). */
  norm(options: {p?: Scalar; dim?: Int | readonly Int[] | null; keepdim?: boolean} = {}): Tensor {
    return reduce.norm(this, options);
  }

  /** `argmax(dim=None, keepdim=False)`: int64 index of the first maximum. */
  argmax(options: {dim?: Int | null; keepdim?: boolean} = {}): Tensor {
    return cmp.argmax(this, options.dim ?? null, options.keepdim ?? false);
  }

  // ---- comparisons (bool results, no grad) ------------------------------------------------

  /** `gt(other)` / `>`. */
  gt(other: Tensor | Scalar): Tensor {
    return cmp.compare('gt', this, other);
  }

  /** `ge(other)` / `>=`. */
  ge(other: Tensor | Scalar): Tensor {
    return cmp.compare('ge', this, other);
  }

  /** `lt(other)` / `<`. */
  lt(other: Tensor | Scalar): Tensor {
    return cmp.compare('lt', this, other);
  }

  /** `le(other)` / `<=`. */
  le(other: Tensor | Scalar): Tensor {
    return cmp.compare('le', this, other);
  }

  /** `eq(other)` / `==`. */
  eq(other: Tensor | Scalar): Tensor {
    return cmp.compare('eq', this, other);
  }

  /** `ne(other)` / `!=`. */
  ne(other: Tensor | Scalar): Tensor {
    return cmp.compare('ne', this, other);
  }

  // ---- linear algebra ---------------------------------------------------------------------

  /** `matmul(other)` / `@` for 1-D and 2-D operands. */
  matmul(other: Tensor): Tensor {
    return linalg.matmul(this, other);
  }

  /** `mm(mat2)`. */
  mm(other: Tensor): Tensor {
    return linalg.mm(this, other);
  }

  /** `mv(vec)`. */
  mv(other: Tensor): Tensor {
    return linalg.mv(this, other);
  }

  /** `bmm(mat2)`: batched matrix product of [b, n, k] and [b, k, m]. */
  bmm(other: Tensor): Tensor {
    return linalg.bmm(this, other);
  }

  /** `dot(other)`. */
  dot(other: Tensor): Tensor {
    return linalg.dot(this, other);
  }

  // ---- views and shapes -------------------------------------------------------------------

  /** `t()`: transpose of a tensor with at most 2 dims. */
  t(): Tensor {
    return views.t(this);
  }

  /** `transpose(dim0, dim1)`. */
  transpose(dim0: Int, dim1: Int): Tensor {
    return views.transpose(this, dim0, dim1);
  }

  /** `permute(*dims)`. */
  permute(...dims: SizeArg[]): Tensor {
    return views.permute(this, dims);
  }

  /** `view(*shape)`: same storage, new shape; fails where PyTorch's view fails. */
  view(...shape: SizeArg[]): Tensor {
    return views.view(this, shape);
  }

  /** `reshape(*shape)`: a view when possible, else a copy. */
  reshape(...shape: SizeArg[]): Tensor {
    return views.reshape(this, shape);
  }

  /** `flatten()`: all dims into one. */
  flatten(): Tensor {
    return views.reshape(this, [-1]);
  }

  /** `unsqueeze(dim)`. */
  unsqueeze(dim: Int): Tensor {
    return views.unsqueeze(this, dim);
  }

  /** `squeeze()` / `squeeze(dim)`. */
  squeeze(dim?: Int): Tensor {
    return views.squeeze(this, dim);
  }

  /** `expand(*sizes)`. */
  expand(...shape: SizeArg[]): Tensor {
    return views.expand(this, shape);
  }

  /** `select(dim, index)`: `x[..., index, ...]`. */
  select(dim: Int, index: Int): Tensor {
    return views.select(this, dim, index);
  }

  /** `x[start:stop:step]` along `dim` (PyTorch's `slice`). */
  slice(dim: Int, start: Int | null, stop: Int | null, step: Int = 1): Tensor {
    return views.slice(this, dim, start, stop, step);
  }

  /** `x[i, j:k, None, ...]`: Python indexing with ints, slices, None and Ellipsis. */
  index(...items: IndexItem[]): Tensor {
    return views.index(this, items);
  }

  /** `contiguous()`. */
  contiguous(): Tensor {
    return views.contiguous(this);
  }

  /** `clone()`. */
  clone(): Tensor {
    return views.clone(this);
  }

  /** `to(dtype)` and the `float()` / `double()` / `long()` / `bool()` casts. */
  to(dtype: DType): Tensor {
    return convert.toDType(this, dtype);
  }

  /** `float()`. */
  float(): Tensor {
    return convert.toDType(this, 'float32');
  }

  /** `double()`. */
  double(): Tensor {
    return convert.toDType(this, 'float64');
  }

  /** `long()`. */
  long(): Tensor {
    return convert.toDType(this, 'int64');
  }

  /** `bool()`. */
  bool(): Tensor {
    return convert.toDType(this, 'bool');
  }

  // ---- nn ---------------------------------------------------------------------------------

  /** `softmax(dim)`. */
  softmax(dim: Int): Tensor {
    return nn.softmax(this, toInt(dim));
  }

  /** `log_softmax(dim)`. */
  logSoftmax(dim: Int): Tensor {
    return nn.logSoftmax(this, toInt(dim));
  }

  // ---- in place ---------------------------------------------------------------------------

  /** `zero_()`. */
  zero_(): this {
    inplace.zero_(this);
    return this;
  }

  /** `fill_(value)`. */
  fill_(value: Scalar): this {
    inplace.fill_(this, value);
    return this;
  }

  /** `add_(other, alpha=1)` / `+=`. */
  add_(other: Tensor | Scalar, options: {alpha?: Scalar} = {}): this {
    inplace.binary_(this, 'add_', other, options.alpha);
    return this;
  }

  /** `sub_(other, alpha=1)` / `-=`. */
  sub_(other: Tensor | Scalar, options: {alpha?: Scalar} = {}): this {
    inplace.binary_(this, 'sub_', other, options.alpha);
    return this;
  }

  /** `mul_(other)` / `*=`. */
  mul_(other: Tensor | Scalar): this {
    inplace.binary_(this, 'mul_', other);
    return this;
  }

  /** `floor_divide_(other)` / `//=`. */
  floorDivide_(other: Tensor | Scalar): this {
    setitem.divisionInplace(this, 'floor_divide_', other);
    return this;
  }

  /** `remainder_(other)` / `%=`. */
  remainder_(other: Tensor | Scalar): this {
    setitem.divisionInplace(this, 'remainder_', other);
    return this;
  }

  /** `x[items] = value` (`__setitem__`): a scalar or a broadcast tensor into the indexed region. */
  setItem(items: readonly IndexItem[], value: Tensor | Scalar): void {
    setitem.setItem(this, items, value);
  }

  /** `div_(other)` / `/=`. */
  div_(other: Tensor | Scalar): this {
    inplace.binary_(this, 'div_', other);
    return this;
  }
}
