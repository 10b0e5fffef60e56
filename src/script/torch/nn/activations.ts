/**
 * The activation modules of torch/nn/modules/activation.py beyond ReLU, Tanh, Sigmoid and the
 * softmaxes (layers.ts): LeakyReLU, ELU, GELU, Softplus, SiLU, Mish, Hardtanh, ReLU6, Softsign,
 * LogSigmoid, PReLU (a learnable weight) and Threshold. Each keeps its arguments as attributes,
 * prints PyTorch's extra_repr and forwards to the `F.*` function PyTorch's forward calls.
 */
import {callValue} from '../../call.js';
import {raiseIn} from '../../errors.js';
import type {PyClass, PyInstance} from '../../objects.js';
import {pyRepr, pyStr} from '../../repr.js';
import type {Kwargs} from '../../values.js';
import {callMethod, tensorMethods} from '../methods.js';
import {F, attr, emptyTensor, layer, oneInput, setAttr} from './layers.js';
import {makeParameter} from './parameter-class.js';

const activationFile = '/usr/lib/python3/dist-packages/torch/nn/modules/activation.py';

/** `, inplace=True` when the module works in place, as the extra_reprs append it. */
function inplaceSuffix(self: PyInstance): string {
  return attr(self, 'inplace') === true ? ', inplace=True' : '';
}

/**
 * A module of the activation file: `__init__` stores `keys`, forward calls `F.fn(input, …)`
 * with the positional attributes `args` and the keyword attributes `kwargs`.
 */
function module(
  name: string,
  init: string,
  keys: readonly string[],
  fn: string,
  args: readonly string[],
  extraRepr?: (self: PyInstance) => string,
  kwargs: readonly string[] = [],
  base?: PyClass,
): PyClass {
  return layer({
    name,
    module: 'torch.nn.modules.activation',
    init,
    setup: (self, a) => {
      for (const k of keys) setAttr(self, k, a.get(k));
    },
    forward: (self, given: readonly unknown[], kw: Kwargs) =>
      callValue(
        F(fn),
        [oneInput(name, given, kw), ...args.map((k) => attr(self, k))],
        new Map(kwargs.map((k) => [k, attr(self, k)])),
      ),
    ...(extraRepr ? {extraRepr} : {}),
    ...(base ? {base} : {}),
  });
}

const leakyRelu = module(
  'LeakyReLU',
  'any negative_slope=0.01, any inplace=False',
  ['negative_slope', 'inplace'],
  'leaky_relu',
  ['negative_slope', 'inplace'],
  (s) => `negative_slope=${pyStr(attr(s, 'negative_slope'))}${inplaceSuffix(s)}`,
);

const eluModule = module(
  'ELU',
  'any alpha=1.0, any inplace=False',
  ['alpha', 'inplace'],
  'elu',
  ['alpha', 'inplace'],
  (s) => `alpha=${pyStr(attr(s, 'alpha'))}${inplaceSuffix(s)}`,
);

const geluModule = module(
  'GELU',
  "any approximate='none'",
  ['approximate'],
  'gelu',
  [],
  (s) => `approximate=${pyRepr(attr(s, 'approximate'))}`,
  ['approximate'],
);

const softplusModule = module(
  'Softplus',
  'any beta=1, any threshold=20',
  ['beta', 'threshold'],
  'softplus',
  ['beta', 'threshold'],
  (s) => `beta=${pyStr(attr(s, 'beta'))}, threshold=${pyStr(attr(s, 'threshold'))}`,
);

const inplaceOnly = (s: PyInstance) => (attr(s, 'inplace') === true ? 'inplace=True' : '');

const siluModule = module('SiLU', 'any inplace=False', ['inplace'], 'silu', [], inplaceOnly, [
  'inplace',
]);
const mishModule = module('Mish', 'any inplace=False', ['inplace'], 'mish', [], inplaceOnly, [
  'inplace',
]);

const hardtanhInit = (self: PyInstance, min: unknown, max: unknown, inplace: unknown) => {
  setAttr(self, 'min_val', min);
  setAttr(self, 'max_val', max);
  setAttr(self, 'inplace', inplace);
  const lo = min as number | bigint;
  const hi = max as number | bigint;
  if (!(hi > lo)) {
    raiseIn(
      {
        file: activationFile,
        line: 231,
        name: '__init__',
        source: 'assert self.max_val > self.min_val',
        carets: `${' '.repeat(7)}${'^'.repeat(27)}`,
      },
      'AssertionError',
      '',
    );
  }
};

const hardtanhModule = layer({
  name: 'Hardtanh',
  module: 'torch.nn.modules.activation',
  init: 'any min_val=-1.0, any max_val=1.0, any inplace=False',
  setup: (self, a) => {
    hardtanhInit(self, a.get('min_val'), a.get('max_val'), a.get('inplace'));
  },
  forward: (self, args, kw) =>
    callValue(F('hardtanh'), [
      oneInput('Hardtanh', args, kw),
      attr(self, 'min_val'),
      attr(self, 'max_val'),
      attr(self, 'inplace'),
    ]),
  extraRepr: (s) =>
    `min_val=${pyStr(attr(s, 'min_val'))}, max_val=${pyStr(attr(s, 'max_val'))}${inplaceSuffix(s)}`,
});

const relu6Module = layer({
  name: 'ReLU6',
  module: 'torch.nn.modules.activation',
  init: 'any inplace=False',
  setup: (self, a) => {
    hardtanhInit(self, 0, 6, a.get('inplace'));
  },
  extraRepr: inplaceOnly,
  base: hardtanhModule,
});

const softsignModule = module('Softsign', '', [], 'softsign', []);
const logSigmoidModule = module('LogSigmoid', '', [], 'logsigmoid', []);

const preluModule = layer({
  name: 'PReLU',
  module: 'torch.nn.modules.activation',
  init: 'any num_parameters=1, any init=0.25, any device=None, any dtype=None',
  setup: (self, a) => {
    const n = a.get('num_parameters');
    setAttr(self, 'num_parameters', n);
    const weight = emptyTensor([n], a.get('dtype'));
    const fill = tensorMethods.get('fill_');
    if (fill === undefined) throw new Error('internal: no Tensor.fill_');
    callMethod(fill, weight, [a.get('init')], new Map());
    setAttr(self, 'weight', makeParameter(weight));
  },
  forward: (self, args, kw) =>
    callValue(F('prelu'), [oneInput('PReLU', args, kw), attr(self, 'weight')]),
  extraRepr: (s) => `num_parameters=${pyStr(attr(s, 'num_parameters'))}`,
});

const thresholdModule = module(
  'Threshold',
  'any threshold, any value, any inplace=False',
  ['threshold', 'value', 'inplace'],
  'threshold',
  ['threshold', 'value', 'inplace'],
  (s) =>
    `threshold=${pyStr(attr(s, 'threshold'))}, value=${pyStr(attr(s, 'value'))}${inplaceSuffix(s)}`,
);

/** The activation classes by their `torch.nn` name. */
export function activationClasses(): [string, PyClass][] {
  return [
    ['LeakyReLU', leakyRelu],
    ['ELU', eluModule],
    ['GELU', geluModule],
    ['Softplus', softplusModule],
    ['SiLU', siluModule],
    ['Mish', mishModule],
    ['Hardtanh', hardtanhModule],
    ['ReLU6', relu6Module],
    ['Softsign', softsignModule],
    ['LogSigmoid', logSigmoidModule],
    ['PReLU', preluModule],
    ['Threshold', thresholdModule],
  ];
}
