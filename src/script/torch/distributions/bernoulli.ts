/**
 * `torch.distributions.Bernoulli` as PyTorch 1.13's bernoulli.py defines it: probs or logits
 * (through broadcast_all), the other computed lazily (sigmoid, or log(p) - log1p(-p) of the
 * clamped probs); `sample` is `torch.bernoulli(probs.expand(shape))` under no_grad, log_prob and
 * entropy are `binary_cross_entropy_with_logits(..., reduction='none')`.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {PyClass, PyInstance} from '../../objects.js';
import {unaryOp} from '../../operators.js';
import {setItem} from '../../subscript.js';
import {TorchSize} from '../../values.js';
import {lazyParameter} from './categorical.js';
import {boolean, real, unitInterval} from './constraints.js';
import {
  bound,
  expandMethod,
  expandProbsOrLogits,
  extendedShape,
  initDistribution,
  sampleShapeArg,
  validates,
  validateSample,
} from './distribution.js';
import {exponentialFamilyClass, valueArg} from './normal.js';
import {
  call,
  distributionsModule,
  functionalCall,
  isNumber,
  kw,
  method,
  op,
  property,
  torchCall,
  getAttr,
} from './py.js';
import {broadcastAll, logitsToProbs, probsToLogits} from './utils.js';

function probs(self: PyInstance): Tensor {
  return getAttr(self, 'probs') as Tensor;
}

function bce(logits: unknown, target: unknown): unknown {
  return functionalCall(
    'binary_cross_entropy_with_logits',
    [logits, target],
    kw({reduction: 'none'}),
  );
}

/** `Bernoulli(probs=None, logits=None, validate_args=None)`. */
export const bernoulliClass: PyClass = new PyClass(
  'Bernoulli',
  [exponentialFamilyClass],
  new Map<string, unknown>([
    [
      'arg_constraints',
      new PyDict([
        ['probs', unitInterval],
        ['logits', real],
      ]),
    ],
    ['support', boolean],
    ['has_enumerate_support', true],
    ['_mean_carrier_measure', 0n],
    method('Bernoulli', '__init__', (self, args, kwargs) => {
      const a = bound(
        'Bernoulli.__init__',
        'any self, any probs=None, any logits=None, any validate_args=None',
        [self, ...args],
        kwargs,
      );
      const p = a.get('probs') ?? null;
      const l = a.get('logits') ?? null;
      if ((p === null) === (l === null)) {
        throw pyError('ValueError', 'Either `probs` or `logits` must be specified, but not both.');
      }
      const given = p !== null ? p : l;
      const name = p !== null ? 'probs' : 'logits';
      const [value] = broadcastAll([given]);
      self.dict.set(name, value);
      self.dict.set('_param', value);
      const batch = new TorchSize(isNumber(given) ? [] : (value?.shape ?? []));
      initDistribution(self, batch, new TorchSize([]), a.get('validate_args') ?? null);
      return null;
    }),
    expandMethod('Bernoulli', () => bernoulliClass, expandProbsOrLogits),
    property('Bernoulli', 'mean', (self) => probs(self)),
    property('Bernoulli', 'mode', (self) => {
      const p = probs(self);
      const mode = call(op('>=', p, 0.5), 'to', [p]);
      setItem(mode, op('==', p, 0.5), NaN);
      return mode;
    }),
    property('Bernoulli', 'variance', (self) => op('*', probs(self), op('-', 1n, probs(self)))),
    lazyParameter('logits', (self) => probsToLogits(probs(self), true)),
    lazyParameter('probs', (self) => logitsToProbs(getAttr(self, 'logits') as Tensor, true)),
    property('Bernoulli', 'param_shape', (self) => call(getAttr(self, '_param'), 'size')),
    method('Bernoulli', 'sample', (self, args, kwargs) => {
      const shape = extendedShape(self, sampleShapeArg('sample', self, args, kwargs));
      return noGrad(() => torchCall('bernoulli', [call(probs(self), 'expand', [shape])]));
    }),
    method('Bernoulli', 'log_prob', (self, args, kwargs) => {
      const value = valueArg('log_prob', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      const [logits, v] = broadcastAll([getAttr(self, 'logits'), value]);
      return unaryOp('-', bce(logits, v));
    }),
    method('Bernoulli', 'entropy', (self) => bce(getAttr(self, 'logits'), probs(self))),
  ]),
  `${distributionsModule}.bernoulli`,
);
