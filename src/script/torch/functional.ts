/**
 * `torch.nn.functional`: PyTorch's Python-level functions (relu, sigmoid, tanh, softmax,
 * log_softmax, mse_loss, nll_loss, cross_entropy) with their signatures and warnings.
 */
import * as nn from '../../../autograd/ops/nn.js';
import type {Reduction} from '../../../autograd/ops/nn.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {pyStr, typeName} from '../repr.js';
import {PyCallable, PyModule, TorchSize} from '../values.js';
import {
  deprecatedFunctional,
  implicitDimWarning,
  implicitLogSoftmaxWarning,
  pyWarn,
  targetSizeWarning,
} from '../warnings.js';
import {bind, sig, type Signature} from './args.js';
import {toInt} from './convert.js';
import type {Args} from './methods.js';

const sitePackages = '/usr/lib/python3/dist-packages/torch';

function lossOptions(a: Args): {reduction?: Reduction; ignoreIndex?: number} {
  const reduction = a.get('reduction');
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw pyError('ValueError', `${pyStr(reduction)} is not a valid value for reduction`);
  }
  const ignore = a.get('ignore_index');
  return {
    reduction,
    ...(ignore !== null && ignore !== undefined ? {ignoreIndex: Number(toInt(ignore))} : {}),
  };
}

function tensorArg(name: string, a: Args, key: string): Tensor {
  const v = a.get(key);
  if (!(v instanceof Tensor)) {
    throw pyError(
      'TypeError',
      `${name}(): argument '${key}' (position 1) must be Tensor, not ${typeName(v)}`,
    );
  }
  return v;
}

/** The `torch.nn.functional` module object. */
export function functionalModule(): PyModule {
  const f = (s: Signature, run: (a: Args) => unknown) =>
    new PyCallable(s.name, (args, kwargs) => run(bind(s, args, kwargs)), {kind: 'builtin'});
  // Signatures are parsed once, when the module is built.
  const softmaxDim = (a: Args, log: boolean): number => {
    const dim = a.get('dim');
    if (dim !== null) return Number(toInt(dim));
    pyWarn('UserWarning', log ? implicitLogSoftmaxWarning : implicitDimWarning);
    const ndim = tensorArg(log ? 'log_softmax' : 'softmax', a, 'input').dim();
    // PyTorch's _get_softmax_dim: 0 for 0-, 1- and 3-dimensional inputs, else 1.
    return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
  };
  const attrs = new Map<string, unknown>([
    [
      'relu',
      f(sig('relu(any input, any inplace=False)', 'python'), (a) =>
        tensorArg('relu', a, 'input').relu(),
      ),
    ],
    [
      'sigmoid',
      f(sig('sigmoid(any input)', 'python'), (a) => {
        deprecatedFunctional('sigmoid');
        return tensorArg('sigmoid', a, 'input').sigmoid();
      }),
    ],
    [
      'tanh',
      f(sig('tanh(any input)', 'python'), (a) => {
        deprecatedFunctional('tanh');
        return tensorArg('tanh', a, 'input').tanh();
      }),
    ],
    [
      'softmax',
      f(sig('softmax(any input, any dim=None, any _stacklevel=3, any dtype=None)', 'python'), (a) =>
        nn.softmax(tensorArg('softmax', a, 'input'), softmaxDim(a, false)),
      ),
    ],
    [
      'log_softmax',
      f(
        sig('log_softmax(any input, any dim=None, any _stacklevel=3, any dtype=None)', 'python'),
        (a) => nn.logSoftmax(tensorArg('log_softmax', a, 'input'), softmaxDim(a, true)),
      ),
    ],
    [
      'mse_loss',
      f(
        sig(
          'mse_loss(any input, any target, any size_average=None, any reduce=None, any reduction=mean)',
          'python',
        ),
        (a) => {
          const target = a.get('target');
          if (!(target instanceof Tensor))
            throw pyError('AttributeError', `'${typeName(target)}' object has no attribute 'size'`);
          const input = a.get('input');
          if (!(input instanceof Tensor))
            throw pyError('AttributeError', `'${typeName(input)}' object has no attribute 'size'`);
          if (target.shape.join() !== input.shape.join() || target.dim() !== input.dim()) {
            pyWarn(
              'UserWarning',
              targetSizeWarning(
                pyStr(new TorchSize(target.shape)),
                pyStr(new TorchSize(input.shape)),
              ),
            );
          }
          return nn.mseLoss(input, target, lossOptions(a).reduction ?? 'mean');
        },
      ),
    ],
    [
      'nll_loss',
      f(
        sig(
          'nll_loss(any input, any target, any weight=None, any size_average=None, any ignore_index=-100, any reduce=None, any reduction=mean)',
          'python',
        ),
        (a) =>
          nn.nllLoss(
            tensorArg('nll_loss', a, 'input'),
            tensorArg('nll_loss', a, 'target'),
            lossOptions(a),
          ),
      ),
    ],
    [
      'cross_entropy',
      f(
        sig(
          'cross_entropy(any input, any target, any weight=None, any size_average=None, any ignore_index=-100, any reduce=None, any reduction=mean, any label_smoothing=0.0)',
          'python',
        ),
        (a) =>
          nn.crossEntropy(
            tensorArg('cross_entropy', a, 'input'),
            tensorArg('cross_entropy', a, 'target'),
            lossOptions(a),
          ),
      ),
    ],
  ]);
  return new PyModule('torch.nn.functional', attrs, `${sitePackages}/nn/functional.py`);
}
