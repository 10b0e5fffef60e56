/**
 * nn.BatchNorm1d / BatchNorm2d as PyTorch 1.13's batchnorm.py defines them (`_NormBase`,
 * `_BatchNorm`): weight and bias (ones, zeros) when affine, the buffers running_mean,
 * running_var and num_batches_tracked when tracking, `_check_input_dim`'s messages, and the
 * forward that counts batches, picks the momentum (a cumulative average when None) and calls
 * `F.batch_norm` with batch statistics in training (or when nothing is tracked).
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import * as factories from '../../../../autograd/ops/factories.js';
import {fill_, zero_} from '../../../../autograd/ops/inplace.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {pyError} from '../../errors.js';
import {late} from '../../late.js';
import type {PyClass, PyInstance} from '../../objects.js';
import {pyStr, typeName} from '../../repr.js';
import {PyTuple} from '../../values.js';
import {attr, emptyTensor, F, layer, oneInput, setAttr} from './layers.js';
import {pyMethod, registerBuffer} from './module.js';
import {makeParameter} from './parameter-class.js';

/** `_NormBase.reset_parameters`: the running statistics reset, weight 1 and bias 0. */
function resetParameters(self: PyInstance): void {
  const mean = attr(self, 'running_mean');
  const variance = attr(self, 'running_var');
  const batches = attr(self, 'num_batches_tracked');
  if (late.truthy(attr(self, 'track_running_stats'))) {
    if (mean instanceof Tensor) mean.zero_();
    if (variance instanceof Tensor) variance.fill_(1);
    if (batches instanceof Tensor) batches.zero_();
  }
  if (late.truthy(attr(self, 'affine'))) {
    noGrad(() => {
      fill_(attr(self, 'weight') as Tensor, 1);
      zero_(attr(self, 'bias') as Tensor);
    });
  }
}

function batchNorm(name: string, check: (dim: number) => string | null): PyClass {
  return layer({
    name,
    module: 'torch.nn.modules.batchnorm',
    init: 'any num_features, any eps=1e-05, any momentum=0.1, any affine=True, any track_running_stats=True, any device=None, any dtype=None',
    setup: (self, a) => {
      const features = a.get('num_features');
      for (const k of ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats']) {
        setAttr(self, k, a.get(k));
      }
      const dtype = a.get('dtype');
      if (late.truthy(a.get('affine'))) {
        setAttr(self, 'weight', makeParameter(emptyTensor([features], dtype)));
        setAttr(self, 'bias', makeParameter(emptyTensor([features], dtype)));
      } else {
        callValue(attr(self, 'register_parameter'), ['weight', null]);
        callValue(attr(self, 'register_parameter'), ['bias', null]);
      }
      if (late.truthy(a.get('track_running_stats'))) {
        registerBuffer(self, 'running_mean', emptyTensor([features], dtype));
        registerBuffer(self, 'running_var', emptyTensor([features], dtype));
        registerBuffer(self, 'num_batches_tracked', factories.zeros([], {dtype: 'int64'}));
      } else {
        for (const k of ['running_mean', 'running_var', 'num_batches_tracked']) {
          registerBuffer(self, k, null);
        }
      }
      resetParameters(self);
    },
    forward: (self, args, kwargs) => {
      const input = oneInput(name, args, kwargs);
      if (!(input instanceof Tensor)) {
        throw pyError('AttributeError', `'${typeName(input)}' object has no attribute 'dim'`);
      }
      const problem = check(input.dim());
      if (problem) throw pyError('ValueError', problem);
      const momentum = attr(self, 'momentum');
      let factor: unknown = momentum === null ? 0.0 : momentum;
      const training = late.truthy(attr(self, 'training'));
      const tracking = late.truthy(attr(self, 'track_running_stats'));
      const batches = attr(self, 'num_batches_tracked');
      if (training && tracking && batches instanceof Tensor) {
        batches.add_(1n);
        if (momentum === null) factor = 1.0 / Number(batches.item());
      }
      const mean = attr(self, 'running_mean');
      const variance = attr(self, 'running_var');
      const bnTraining = training || (mean === null && variance === null);
      const pass = !training || tracking;
      return callValue(F('batch_norm'), [
        input,
        pass ? mean : null,
        pass ? variance : null,
        attr(self, 'weight'),
        attr(self, 'bias'),
        bnTraining,
        factor,
        attr(self, 'eps'),
      ]);
    },
    extraRepr: (self) => {
      const s = (k: string) => pyStr(attr(self, k));
      return `${s('num_features')}, eps=${s('eps')}, momentum=${s('momentum')}, affine=${s('affine')}, track_running_stats=${s('track_running_stats')}`;
    },
    more: [
      pyMethod(name, 'reset_parameters()', (self) => {
        resetParameters(self);
        return null;
      }),
      pyMethod(name, 'reset_running_stats()', (self) => {
        const affine = attr(self, 'affine');
        self.dict.set('affine', false);
        try {
          resetParameters(self);
        } finally {
          self.dict.set('affine', affine);
        }
        return null;
      }),
    ],
  });
}

const batchNorm1d = batchNorm('BatchNorm1d', (dim) =>
  dim !== 2 && dim !== 3 ? `expected 2D or 3D input (got ${dim}D input)` : null,
);
const batchNorm2d = batchNorm('BatchNorm2d', (dim) =>
  dim !== 4 ? `expected 4D input (got ${dim}D input)` : null,
);

/**
 * nn.LayerNorm (normalization.py): normalized_shape as a tuple (an int becomes `(n,)`), weight 1
 * and bias 0 over that shape when elementwise_affine, forward `F.layer_norm`.
 */
const layerNorm = layer({
  name: 'LayerNorm',
  module: 'torch.nn.modules.normalization',
  init: 'any normalized_shape, any eps=1e-05, any elementwise_affine=True, any device=None, any dtype=None',
  setup: (self, a) => {
    const given = a.get('normalized_shape');
    const shape = typeof given === 'bigint' ? [given] : late.iterate(given);
    setAttr(self, 'normalized_shape', new PyTuple(shape));
    setAttr(self, 'eps', a.get('eps'));
    const affine = a.get('elementwise_affine');
    setAttr(self, 'elementwise_affine', affine);
    if (late.truthy(affine)) {
      setAttr(self, 'weight', makeParameter(emptyTensor(shape, a.get('dtype'))));
      setAttr(self, 'bias', makeParameter(emptyTensor(shape, a.get('dtype'))));
    } else {
      callValue(attr(self, 'register_parameter'), ['weight', null]);
      callValue(attr(self, 'register_parameter'), ['bias', null]);
    }
    resetLayerNorm(self);
  },
  forward: (self, args, kwargs) =>
    callValue(F('layer_norm'), [
      oneInput('LayerNorm', args, kwargs),
      attr(self, 'normalized_shape'),
      attr(self, 'weight'),
      attr(self, 'bias'),
      attr(self, 'eps'),
    ]),
  extraRepr: (self) =>
    `${pyStr(attr(self, 'normalized_shape'))}, eps=${pyStr(attr(self, 'eps'))}, elementwise_affine=${pyStr(attr(self, 'elementwise_affine'))}`,
  more: [
    pyMethod('LayerNorm', 'reset_parameters()', (self) => {
      resetLayerNorm(self);
      return null;
    }),
  ],
});

/** LayerNorm's `reset_parameters`: `init.ones_(weight)`, `init.zeros_(bias)` when affine. */
function resetLayerNorm(self: PyInstance): void {
  if (!late.truthy(attr(self, 'elementwise_affine'))) return;
  noGrad(() => {
    fill_(attr(self, 'weight') as Tensor, 1);
    zero_(attr(self, 'bias') as Tensor);
  });
}

/** The normalisation classes by their `torch.nn` name. */
export function normClasses(): [string, PyClass][] {
  return [
    ['BatchNorm1d', batchNorm1d],
    ['BatchNorm2d', batchNorm2d],
    ['LayerNorm', layerNorm],
  ];
}
