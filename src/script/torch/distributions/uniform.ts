/**
 * `torch.distributions.Uniform` as PyTorch 1.13's uniform.py defines it: low/high through
 * broadcast_all (checked low < high when validating), `rsample` is `low + rand * (high - low)`
 * with `torch.rand` draws (so the gradient reaches both bounds), log_prob, cdf, icdf, entropy.
 */
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {PyClass} from '../../objects.js';
import {dependent, interval} from './constraints.js';
import {
  distributionClass,
  expandMethod,
  extendedShape,
  initBroadcastPair,
  sampleShapeArg,
  validates,
  validateSample,
} from './distribution.js';
import {valueArg} from './normal.js';
import {
  allTrue,
  call,
  distributionsModule,
  kw,
  method,
  op,
  property,
  torchCall,
  getAttr,
} from './py.js';

/** `Uniform(low, high, validate_args=None)`. */
export const uniformClass: PyClass = new PyClass(
  'Uniform',
  [distributionClass],
  new Map<string, unknown>([
    [
      'arg_constraints',
      new PyDict([
        ['low', dependent],
        ['high', dependent],
      ]),
    ],
    ['has_rsample', true],
    property('Uniform', 'mean', (self) =>
      op('/', op('+', getAttr(self, 'high'), getAttr(self, 'low')), 2n),
    ),
    property('Uniform', 'mode', (self) => op('*', NaN, getAttr(self, 'high'))),
    property('Uniform', 'stddev', (self) =>
      op('/', op('-', getAttr(self, 'high'), getAttr(self, 'low')), 12 ** 0.5),
    ),
    property('Uniform', 'variance', (self) =>
      op('/', call(op('-', getAttr(self, 'high'), getAttr(self, 'low')), 'pow', [2n]), 12n),
    ),
    method('Uniform', '__init__', (self, args, kwargs) => {
      const [low, high] = initBroadcastPair(self, 'Uniform', ['low', 'high'], args, kwargs);
      if (validates(self) && !allTrue(torchCall('lt', [low, high]))) {
        throw pyError('ValueError', 'Uniform is not defined when low>= high');
      }
      return null;
    }),
    expandMethod(
      'Uniform',
      () => uniformClass,
      (self, made, batch) => {
        made.dict.set('low', call(getAttr(self, 'low'), 'expand', [batch]));
        made.dict.set('high', call(getAttr(self, 'high'), 'expand', [batch]));
      },
    ),
    property('Uniform', 'support', (self) => interval(getAttr(self, 'low'), getAttr(self, 'high'))),
    method('Uniform', 'rsample', (self, args, kwargs) => {
      const shape = extendedShape(self, sampleShapeArg('rsample', self, args, kwargs));
      const low = getAttr(self, 'low');
      const rand = torchCall('rand', [shape], kw({dtype: getAttr(low, 'dtype')}));
      return op('+', low, op('*', rand, op('-', getAttr(self, 'high'), low)));
    }),
    method('Uniform', 'log_prob', (self, args, kwargs) => {
      const value = valueArg('log_prob', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      const low = getAttr(self, 'low');
      const high = getAttr(self, 'high');
      const lb = call(call(low, 'le', [value]), 'to', [getAttr(low, 'dtype')]);
      const ub = call(call(high, 'gt', [value]), 'to', [getAttr(low, 'dtype')]);
      return op(
        '-',
        torchCall('log', [call(lb, 'mul', [ub])]),
        torchCall('log', [op('-', high, low)]),
      );
    }),
    method('Uniform', 'cdf', (self, args, kwargs) => {
      const value = valueArg('cdf', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      const low = getAttr(self, 'low');
      const result = op('/', op('-', value, low), op('-', getAttr(self, 'high'), low));
      return call(result, 'clamp', [], kw({min: 0n, max: 1n}));
    }),
    method('Uniform', 'icdf', (self, args, kwargs) => {
      const value = valueArg('icdf', self, args, kwargs);
      const low = getAttr(self, 'low');
      return op('+', op('*', value, op('-', getAttr(self, 'high'), low)), low);
    }),
    method('Uniform', 'entropy', (self) =>
      torchCall('log', [op('-', getAttr(self, 'high'), getAttr(self, 'low'))]),
    ),
  ]),
  `${distributionsModule}.uniform`,
);
