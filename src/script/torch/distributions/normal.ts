/**
 * `torch.distributions.Normal` (and the `ExponentialFamily` base it derives from) as PyTorch
 * 1.13's normal.py defines it: `sample` is `torch.normal` under no_grad, `rsample` is
 * `loc + eps * scale` with `eps` standard normal draws (so the gradient reaches loc and scale and
 * the graph shows it), log_prob/cdf/icdf/entropy with the same operations in the same order.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {PyDict} from '../../containers.js';
import {PyClass, PyInstance} from '../../objects.js';
import {unaryOp} from '../../operators.js';
import type {Kwargs} from '../../values.js';
import {positive, real} from './constraints.js';
import {
  bound,
  distributionClass,
  expandMethod,
  extendedShape,
  initBroadcastPair,
  sampleShapeArg,
  validates,
  validateSample,
} from './distribution.js';
import {
  call,
  distributionsModule,
  isNumber,
  method,
  op,
  property,
  tensorAttr,
  torchCall,
  getAttr,
} from './py.js';
import {standardNormal} from './utils.js';

/** `ExponentialFamily`: the base of Normal and Bernoulli. */
export const exponentialFamilyClass = new PyClass(
  'ExponentialFamily',
  [distributionClass],
  new Map<string, unknown>(),
  `${distributionsModule}.exp_family`,
);

/** `math.log(math.sqrt(2 * math.pi))`. */
const logSqrt2Pi = Math.log(Math.sqrt(2 * Math.PI));

/** `Normal(loc, scale, validate_args=None)`. */
export const normalClass: PyClass = new PyClass(
  'Normal',
  [exponentialFamilyClass],
  new Map<string, unknown>([
    [
      'arg_constraints',
      new PyDict([
        ['loc', real],
        ['scale', positive],
      ]),
    ],
    ['support', real],
    ['has_rsample', true],
    ['_mean_carrier_measure', 0n],
    property('Normal', 'mean', (self) => getAttr(self, 'loc')),
    property('Normal', 'mode', (self) => getAttr(self, 'loc')),
    property('Normal', 'stddev', (self) => getAttr(self, 'scale')),
    property('Normal', 'variance', (self) => call(getAttr(self, 'stddev'), 'pow', [2n])),
    method('Normal', '__init__', (self, args, kwargs) => {
      initBroadcastPair(self, 'Normal', ['loc', 'scale'], args, kwargs);
      return null;
    }),
    expandMethod(
      'Normal',
      () => normalClass,
      (self, made, batch) => {
        made.dict.set('loc', call(getAttr(self, 'loc'), 'expand', [batch]));
        made.dict.set('scale', call(getAttr(self, 'scale'), 'expand', [batch]));
      },
    ),
    method('Normal', 'sample', (self, args, kwargs) => {
      const shape = extendedShape(self, sampleShapeArg('sample', self, args, kwargs));
      return noGrad(() =>
        torchCall('normal', [
          call(getAttr(self, 'loc'), 'expand', [shape]),
          call(getAttr(self, 'scale'), 'expand', [shape]),
        ]),
      );
    }),
    method('Normal', 'rsample', (self, args, kwargs) => {
      const shape = extendedShape(self, sampleShapeArg('rsample', self, args, kwargs));
      const eps = standardNormal(shape, getAttr(tensorAttr(self, 'loc'), 'dtype'));
      return op('+', getAttr(self, 'loc'), op('*', eps, getAttr(self, 'scale')));
    }),
    method('Normal', 'log_prob', (self, args, kwargs) => {
      const value = valueArg('log_prob', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      const scale = getAttr(self, 'scale');
      const variance = op('**', scale, 2n);
      const logScale = isNumber(scale) ? Math.log(Number(scale)) : call(scale, 'log');
      const square = op('**', op('-', value, getAttr(self, 'loc')), 2n);
      return op(
        '-',
        op('-', op('/', unaryOp('-', square), op('*', 2n, variance)), logScale),
        logSqrt2Pi,
      );
    }),
    method('Normal', 'cdf', (self, args, kwargs) => {
      const value = valueArg('cdf', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      const z = op(
        '/',
        op('*', op('-', value, getAttr(self, 'loc')), call(getAttr(self, 'scale'), 'reciprocal')),
        Math.SQRT2,
      );
      return op('*', 0.5, op('+', 1n, torchCall('erf', [z])));
    }),
    method('Normal', 'icdf', (self, args, kwargs) => {
      const value = valueArg('icdf', self, args, kwargs);
      const inner = torchCall('erfinv', [op('-', op('*', 2n, value), 1n)]);
      return op(
        '+',
        getAttr(self, 'loc'),
        op('*', op('*', getAttr(self, 'scale'), inner), Math.SQRT2),
      );
    }),
    method('Normal', 'entropy', (self) =>
      op('+', 0.5 + 0.5 * Math.log(2 * Math.PI), torchCall('log', [getAttr(self, 'scale')])),
    ),
  ]),
  `${distributionsModule}.normal`,
);

/** The `value` argument of log_prob, cdf, icdf. */
export function valueArg(
  name: string,
  self: PyInstance,
  args: readonly unknown[],
  kwargs: Kwargs,
): unknown {
  return bound(name, 'any self, any value', [self, ...args], kwargs).get('value');
}
