/**
 * The `torch` namespace for TypeScript callers: factories, functional forms of the tensor
 * methods (`torch.add(x, y)`), grad mode, `torch.autograd`, and `torch.nn.functional` as `F`.
 */
import type {DType, Scalar} from './dtype.js';
import {enableGrad, isGradEnabled, noGrad, setGradEnabled} from './gradmode.js';
import {backward, grad} from './engine.js';
import type {BackwardOptions} from './engine.js';
import * as arith from './ops/arith.js';
import * as division from './ops/division.js';
import * as factories from './ops/factories.js';
import * as random from './ops/random.js';
import * as reduce from './ops/reduce.js';
import * as join from './ops/join.js';
import * as nn from './ops/nn.js';
import type {Reduction} from './ops/nn.js';
import type {Int, SizeArg} from './shape.js';
import {toInt} from './shape.js';
import type {ReduceOptions} from './tensor.js';
import {Tensor} from './tensor.js';

/** `torch.nn.functional`. */
export const F = {
  /** `F.relu(input)`. */
  relu: (x: Tensor): Tensor => x.relu(),
  /** `F.sigmoid(input)`. */
  sigmoid: (x: Tensor): Tensor => x.sigmoid(),
  /** `F.tanh(input)`. */
  tanh: (x: Tensor): Tensor => x.tanh(),
  /** `F.softmax(input, dim)`. */
  softmax: (x: Tensor, dim: Int): Tensor => nn.softmax(x, toInt(dim)),
  /** `F.log_softmax(input, dim)`. */
  logSoftmax: (x: Tensor, dim: Int): Tensor => nn.logSoftmax(x, toInt(dim)),
  /** `F.mse_loss(input, target, reduction='mean')`. */
  mseLoss: (input: Tensor, target: Tensor, options: {reduction?: Reduction} = {}): Tensor =>
    nn.mseLoss(input, target, options.reduction ?? 'mean'),
  /** `F.nll_loss(input, target, reduction='mean', ignore_index=-100)`. */
  nllLoss: (
    input: Tensor,
    target: Tensor,
    options: {reduction?: Reduction; ignoreIndex?: number} = {},
  ): Tensor => nn.nllLoss(input, target, options),
  /** `F.cross_entropy(input, target, reduction='mean', ignore_index=-100)` with class indices. */
  crossEntropy: (
    input: Tensor,
    target: Tensor,
    options: {reduction?: Reduction; ignoreIndex?: number} = {},
  ): Tensor => nn.crossEntropy(input, target, options),
};

/** `torch.*`: factories, functional ops, dtypes, grad mode and `torch.autograd`. */
export const torch = {
  tensor: factories.tensor,
  ones: factories.ones,
  zeros: factories.zeros,
  full: factories.full,
  eye: factories.eye,
  arange: factories.arange,
  linspace: factories.linspace,
  onesLike: factories.onesLike,
  zerosLike: factories.zerosLike,
  rand: random.rand,
  randn: random.randn,
  randint: random.randint,
  randLike: random.randLike,
  randnLike: random.randnLike,
  manualSeed: random.manualSeed,
  initialSeed: random.initialSeed,

  /** `torch.add(input, other, alpha=1)`. */
  add: (x: Tensor, other: Tensor | Scalar, options: {alpha?: Scalar} = {}): Tensor =>
    x.add(other, options),
  /** `torch.sub(input, other, alpha=1)`. */
  sub: (x: Tensor, other: Tensor | Scalar, options: {alpha?: Scalar} = {}): Tensor =>
    x.sub(other, options),
  /** `torch.rsub(input, other, alpha=1)`: other - alpha·input. */
  rsub: (x: Tensor, other: Tensor | Scalar, options: {alpha?: Scalar} = {}): Tensor =>
    arith.rsub(x, other, options.alpha),
  /** `torch.mul(input, other)`. */
  mul: (x: Tensor, other: Tensor | Scalar): Tensor => x.mul(other),
  /** `torch.div(input, other)`. */
  div: (x: Tensor, other: Tensor | Scalar): Tensor => x.div(other),
  /** `torch.pow(input, exponent)`; input may be a Python number. */
  pow: (x: Tensor | Scalar, exponent: Tensor | Scalar): Tensor => {
    if (x instanceof Tensor) return x.pow(exponent);
    if (exponent instanceof Tensor) return arith.rpow(x, exponent);
    return factories.tensor(x).pow(exponent);
  },
  /** `torch.floor_divide(input, other)`; input may be a Python number. */
  floorDivide: (x: Tensor | Scalar, other: Tensor | Scalar): Tensor =>
    division.floorDivide(x, other),
  /** `torch.remainder(input, other)`; input may be a Python number. */
  remainder: (x: Tensor | Scalar, other: Tensor | Scalar): Tensor => division.remainder(x, other),
  /** `torch.fmod(input, other)`. */
  fmod: (x: Tensor, other: Tensor | Scalar): Tensor => x.fmod(other),
  /** `torch.round(input, decimals=None)`. */
  round: (x: Tensor, options: {decimals?: number} = {}): Tensor => x.round(options),
  /** `torch.floor(input)`. */
  floor: (x: Tensor): Tensor => x.floor(),
  /** `torch.ceil(input)`. */
  ceil: (x: Tensor): Tensor => x.ceil(),
  /** `torch.trunc(input)`. */
  trunc: (x: Tensor): Tensor => x.trunc(),
  /** `torch.neg(input)`. */
  neg: (x: Tensor): Tensor => x.neg(),
  /** `torch.exp(input)`. */
  exp: (x: Tensor): Tensor => x.exp(),
  /** `torch.log(input)`. */
  log: (x: Tensor): Tensor => x.log(),
  /** `torch.sqrt(input)`. */
  sqrt: (x: Tensor): Tensor => x.sqrt(),
  /** `torch.abs(input)`. */
  abs: (x: Tensor): Tensor => x.abs(),
  /** `torch.sin(input)`. */
  sin: (x: Tensor): Tensor => x.sin(),
  /** `torch.cos(input)`. */
  cos: (x: Tensor): Tensor => x.cos(),
  /** `torch.tanh(input)`. */
  tanh: (x: Tensor): Tensor => x.tanh(),
  /** `torch.sigmoid(input)`. */
  sigmoid: (x: Tensor): Tensor => x.sigmoid(),
  /** `torch.relu(input)`. */
  relu: (x: Tensor): Tensor => x.relu(),
  /** `torch.reciprocal(input)`. */
  reciprocal: (x: Tensor): Tensor => x.reciprocal(),
  /** `torch.clamp(input, min=None, max=None)`. */
  clamp: (x: Tensor, options: {min?: Scalar | null; max?: Scalar | null}): Tensor =>
    x.clamp(options),
  /** `torch.sum(input, dim=None, keepdim=False, dtype=None)`. */
  sum: (x: Tensor, options: ReduceOptions = {}): Tensor => x.sum(options),
  /** `torch.mean(input, dim=None, keepdim=False, dtype=None)`. */
  mean: (x: Tensor, options: ReduceOptions = {}): Tensor => x.mean(options),
  /** `torch.max(input)`. */
  max: (x: Tensor): Tensor => x.max(),
  /** `torch.min(input)`: the smallest element (MinBackward1). */
  min: (x: Tensor): Tensor => reduce.minAll(x),
  /** `torch.cat(tensors, dim=0)`: CatBackward0. */
  cat: (tensors: readonly Tensor[], dim: Int = 0): Tensor => join.cat(tensors, dim),
  /** `torch.stack(tensors, dim=0)`: StackBackward0. */
  stack: (tensors: readonly Tensor[], dim: Int = 0): Tensor => join.stack(tensors, dim),
  /** `torch.norm(input, p=2, dim=None, keepdim=False)`. */
  norm: (
    x: Tensor,
    options: {p?: Scalar; dim?: Int | readonly Int[] | null; keepdim?: boolean} = {},
  ): Tensor => x.norm(options),
  /** `torch.argmax(input, dim=None, keepdim=False)`. */
  argmax: (x: Tensor, options: {dim?: Int | null; keepdim?: boolean} = {}): Tensor =>
    x.argmax(options),
  /** `torch.gt(input, other)`. */
  gt: (x: Tensor, other: Tensor | Scalar): Tensor => x.gt(other),
  /** `torch.ge(input, other)`. */
  ge: (x: Tensor, other: Tensor | Scalar): Tensor => x.ge(other),
  /** `torch.lt(input, other)`. */
  lt: (x: Tensor, other: Tensor | Scalar): Tensor => x.lt(other),
  /** `torch.le(input, other)`. */
  le: (x: Tensor, other: Tensor | Scalar): Tensor => x.le(other),
  /** `torch.eq(input, other)`. */
  eq: (x: Tensor, other: Tensor | Scalar): Tensor => x.eq(other),
  /** `torch.ne(input, other)`. */
  ne: (x: Tensor, other: Tensor | Scalar): Tensor => x.ne(other),
  /** `torch.matmul(input, other)`. */
  matmul: (x: Tensor, other: Tensor): Tensor => x.matmul(other),
  /** `torch.mm(input, mat2)`. */
  mm: (x: Tensor, other: Tensor): Tensor => x.mm(other),
  /** `torch.mv(input, vec)`. */
  mv: (x: Tensor, other: Tensor): Tensor => x.mv(other),
  /** `torch.bmm(input, mat2)`. */
  bmm: (x: Tensor, other: Tensor): Tensor => x.bmm(other),
  /** `torch.dot(input, other)`. */
  dot: (x: Tensor, other: Tensor): Tensor => x.dot(other),
  /** `torch.t(input)`. */
  t: (x: Tensor): Tensor => x.t(),
  /** `torch.transpose(input, dim0, dim1)`. */
  transpose: (x: Tensor, dim0: Int, dim1: Int): Tensor => x.transpose(dim0, dim1),
  /** `torch.permute(input, dims)`. */
  permute: (x: Tensor, dims: SizeArg): Tensor => x.permute(dims),
  /** `torch.reshape(input, shape)`. */
  reshape: (x: Tensor, shape: SizeArg): Tensor => x.reshape(shape),
  /** `torch.unsqueeze(input, dim)`. */
  unsqueeze: (x: Tensor, dim: Int): Tensor => x.unsqueeze(dim),
  /** `torch.squeeze(input, dim=None)`. */
  squeeze: (x: Tensor, dim?: Int): Tensor => x.squeeze(dim),
  /** `torch.select(input, dim, index)`. */
  select: (x: Tensor, dim: Int, index: Int): Tensor => x.select(dim, index),
  /** `torch.softmax(input, dim)`. */
  softmax: (x: Tensor, dim: Int): Tensor => x.softmax(dim),
  /** `torch.log_softmax(input, dim)`. */
  logSoftmax: (x: Tensor, dim: Int): Tensor => x.logSoftmax(dim),
  /** `torch.detach(input)`. */
  detach: (x: Tensor): Tensor => x.detach(),
  /** `torch.clone(input)`. */
  clone: (x: Tensor): Tensor => x.clone(),

  /** `torch.no_grad()` as a function scope. */
  noGrad,
  /** `torch.enable_grad()` as a function scope. */
  enableGrad,
  /** `torch.is_grad_enabled()`. */
  isGradEnabled,
  /** `torch.set_grad_enabled(mode)`; returns the previous mode. */
  setGradEnabled,

  /** `torch.autograd`. */
  autograd: {
    /** `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, allow_unused=False)`. */
    grad,
    /** `torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, inputs=None)`. */
    backward: (
      tensors: Tensor | readonly Tensor[],
      gradTensors: Tensor | readonly (Tensor | null)[] | null = null,
      options: BackwardOptions = {},
    ): void => {
      const roots = tensors instanceof Tensor ? [tensors] : tensors;
      const grads =
        gradTensors === null
          ? roots.map(() => null)
          : gradTensors instanceof Tensor
            ? [gradTensors]
            : gradTensors;
      backward(roots, grads, options);
    },
  },
  /** `torch.nn.functional`. */
  nn: {functional: F},

  float32: 'float32' as DType,
  float: 'float32' as DType,
  float64: 'float64' as DType,
  double: 'float64' as DType,
  int64: 'int64' as DType,
  long: 'int64' as DType,
  bool: 'bool' as DType,
};
