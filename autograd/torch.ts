/**
 * The `torch` namespace for TypeScript callers: factories, functional forms of the tensor
 * methods (`torch.add(x, y)`), grad mode, `torch.autograd`, and `torch.nn.functional` as `F`.
 */
import type {DType} from './dtype.js';
import {enableGrad, isGradEnabled, noGrad, setGradEnabled} from './gradmode.js';
import {backward, grad} from './engine.js';
import type {BackwardOptions} from './engine.js';
import type {FunctionalFunctions, TorchFunctions} from './op.js';
import * as factories from './ops/factories.js';
import * as random from './ops/random.js';
import {functionalFunctions, opFunctions} from './registry.js';
import {Tensor} from './tensor.js';

/** `torch.nn.functional`: the functions the ops declare (ops/nn.ts, ops/unary.ts). */
export const F = functionalFunctions as unknown as FunctionalFunctions;

/** `torch.*`: factories, functional ops, dtypes, grad mode and `torch.autograd`. */
const namespace = {
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
  randintLike: random.randintLike,
  randperm: random.randperm,
  randnLike: random.randnLike,
  manualSeed: random.manualSeed,
  initialSeed: random.initialSeed,

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
  float16: 'float16' as DType,
  half: 'float16' as DType,
  int64: 'int64' as DType,
  long: 'int64' as DType,
  int32: 'int32' as DType,
  int: 'int32' as DType,
  int16: 'int16' as DType,
  short: 'int16' as DType,
  int8: 'int8' as DType,
  uint8: 'uint8' as DType,
  bool: 'bool' as DType,
};

/** `torch.*`: factories, dtypes, grad mode, `torch.autograd`, and the functions the ops declare. */
export const torch = {...opFunctions, ...namespace} as unknown as typeof namespace & TorchFunctions;
