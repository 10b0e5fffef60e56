/**
 * `torch.distributions.Multinomial` as PyTorch 1.13's multinomial.py defines it (d2l's
 * `multinomial.Multinomial(10, fair_probs).sample((500,))`): an int total_count over a Categorical;
 * `sample` draws the Categorical `(total_count,) + sample_shape` times, moves that dimension last
 * and counts with `scatter_add_`, as PyTorch does (the same draws). log_prob as written there
 * (it needs torch.lgamma); entropy (which needs Binomial) is not provided yet.
 */
import {Tensor} from '../../../../autograd/tensor.js';
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {PyClass, PyInstance} from '../../objects.js';
import {setItem} from '../../subscript.js';
import {TorchSize} from '../../values.js';
import {categoricalClass} from './categorical.js';
import {multinomial, realVector, simplex} from './constraints.js';
import {
  bound,
  distributionClass,
  expandMethod,
  extendedShape,
  initDistribution,
  sampleShapeArg,
  shapeOf,
  validates,
  validateSample,
} from './distribution.js';
import {valueArg} from './normal.js';
import {
  call,
  distributionsModule,
  getAttr,
  kw,
  method,
  op,
  property,
  toTorchSize,
  torchCall,
} from './py.js';
import {callValue} from '../../call.js';
import {broadcastAll} from './utils.js';

function categorical(self: PyInstance): unknown {
  return getAttr(self, '_categorical');
}

/** `Multinomial(total_count=1, probs=None, logits=None, validate_args=None)`. */
export const multinomialClass: PyClass = new PyClass(
  'Multinomial',
  [distributionClass],
  new Map<string, unknown>([
    [
      'arg_constraints',
      new PyDict([
        ['probs', simplex],
        ['logits', realVector],
      ]),
    ],
    property('Multinomial', 'mean', (self) =>
      op('*', getAttr(self, 'probs'), getAttr(self, 'total_count')),
    ),
    property('Multinomial', 'variance', (self) => {
      const probs = getAttr(self, 'probs');
      return op('*', op('*', getAttr(self, 'total_count'), probs), op('-', 1n, probs));
    }),
    method('Multinomial', '__init__', (self, args, kwargs) => {
      const a = bound(
        'Multinomial.__init__',
        'any self, any total_count=1, any probs=None, any logits=None, any validate_args=None',
        [self, ...args],
        kwargs,
      );
      const total = a.get('total_count') ?? 1n;
      if (typeof total !== 'bigint' && typeof total !== 'boolean') {
        throw pyError('NotImplementedError', 'inhomogeneous total_count is not supported');
      }
      self.dict.set('total_count', total);
      const cat = callValue(
        categoricalClass,
        [],
        kw({probs: a.get('probs') ?? null, logits: a.get('logits') ?? null}),
      ) as PyInstance;
      self.dict.set('_categorical', cat);
      const paramShape = (getAttr(cat, '_param') as Tensor).shape;
      initDistribution(
        self,
        shapeOf(cat, '_batch_shape'),
        new TorchSize(paramShape.slice(-1)),
        a.get('validate_args') ?? null,
      );
      return null;
    }),
    expandMethod(
      'Multinomial',
      () => multinomialClass,
      (self, made, batch) => {
        made.dict.set('total_count', getAttr(self, 'total_count'));
        made.dict.set('_categorical', call(categorical(self), 'expand', [batch]));
      },
    ),
    property('Multinomial', 'support', (self) => multinomial(getAttr(self, 'total_count'))),
    property('Multinomial', 'logits', (self) => getAttr(categorical(self), 'logits')),
    property('Multinomial', 'probs', (self) => getAttr(categorical(self), 'probs')),
    property('Multinomial', 'param_shape', (self) => getAttr(categorical(self), 'param_shape')),
    method('Multinomial', 'sample', (self, args, kwargs) => {
      const sampleShape = toTorchSize(sampleShapeArg('sample', self, args, kwargs));
      const total = Number(getAttr(self, 'total_count'));
      const drawn = new TorchSize([total, ...sampleShape.dims]);
      let samples = call(categorical(self), 'sample', [drawn]) as Tensor;
      const n = samples.dim();
      const order = Array.from({length: n}, (_, i) => BigInt((i + 1) % n));
      samples = call(samples, 'permute', order) as Tensor;
      const counts = torchCall(
        'zeros',
        [extendedShape(self, sampleShape)],
        kw({dtype: getAttr(samples, 'dtype')}),
      );
      call(counts, 'scatter_add_', [-1n, samples, torchCall('ones_like', [samples])]);
      return call(counts, 'to', [getAttr(getAttr(self, 'probs'), 'dtype')]);
    }),
    method('Multinomial', 'log_prob', (self, args, kwargs) => {
      const given = valueArg('log_prob', self, args, kwargs);
      if (validates(self)) validateSample(self, given);
      const [l, value] = broadcastAll([getAttr(self, 'logits'), given]);
      const logits = call(l, 'clone');
      const logFactorialN = torchCall('lgamma', [op('+', call(value, 'sum', [-1n]), 1n)]);
      const logFactorialXs = call(torchCall('lgamma', [op('+', value, 1n)]), 'sum', [-1n]);
      setItem(logits, op('&', op('==', value, 0n), op('==', logits, -Infinity)), 0n);
      const logPowers = call(op('*', logits, value), 'sum', [-1n]);
      return op('+', op('-', logFactorialN, logFactorialXs), logPowers);
    }),
  ]),
  `${distributionsModule}.multinomial`,
);
