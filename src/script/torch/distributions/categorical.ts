/**
 * `torch.distributions.Categorical` as PyTorch 1.13's categorical.py defines it: given probs
 * (normalised by their sum) or logits (normalised by logsumexp), the other computed lazily and kept;
 * `sample` is `torch.multinomial(probs_2d, n, True).T` reshaped (the same draws), log_prob a
 * gather of the broadcast logits, entropy `-(clamp(logits) * probs).sum(-1)`.
 */
import {enableGrad} from '../../../../autograd/gradmode.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {ellipsis, PyClass, PyInstance, PyProperty} from '../../objects.js';
import {unaryOp} from '../../operators.js';
import {getItem} from '../../subscript.js';
import {PyCallable, PySlice, PyTuple, TorchDtype, TorchSize} from '../../values.js';
import {integerInterval, realVector, simplex} from './constraints.js';
import {
  bound,
  distributionClass,
  expandMethod,
  expandProbsOrLogits,
  extendedShape,
  initDistribution,
  lazyProperties,
  sampleShapeArg,
  validates,
  validateSample,
} from './distribution.js';
import {valueArg} from './normal.js';
import {
  call,
  distributionsModule,
  kw,
  method,
  op,
  property,
  toTorchSize,
  torchCall,
  getAttr,
} from './py.js';
import {broadcastTensors, finfoMin, logitsToProbs, probsToLogits} from './utils.js';

/**
 * A parameter computed from the other the first time it is read (utils.lazy_property): under
 * enable_grad, then kept in the instance's `__dict__` (so the repr shows it from then on).
 */
export function lazyParameter(
  name: string,
  make: (self: PyInstance) => unknown,
): [string, PyProperty] {
  const prop = new PyProperty(
    new PyCallable(name, (args) => {
      const self = args[0];
      if (!(self instanceof PyInstance)) throw pyError('TypeError', `${name} needs an instance`);
      const kept = self.dict.get(name);
      if (kept !== undefined) return kept;
      const value = enableGrad(() => make(self));
      self.dict.set(name, value);
      return value;
    }),
  );
  lazyProperties.add(prop);
  return [name, prop];
}

function param(self: PyInstance): Tensor {
  return getAttr(self, '_param') as Tensor;
}

/** `Categorical(probs=None, logits=None, validate_args=None)`. */
export const categoricalClass: PyClass = new PyClass(
  'Categorical',
  [distributionClass],
  new Map<string, unknown>([
    [
      'arg_constraints',
      new PyDict([
        ['probs', simplex],
        ['logits', realVector],
      ]),
    ],
    ['has_enumerate_support', true],
    method('Categorical', '__init__', (self, args, kwargs) => {
      const a = bound(
        'Categorical.__init__',
        'any self, any probs=None, any logits=None, any validate_args=None',
        [self, ...args],
        kwargs,
      );
      const probs = a.get('probs') ?? null;
      const logits = a.get('logits') ?? null;
      if ((probs === null) === (logits === null)) {
        throw pyError('ValueError', 'Either `probs` or `logits` must be specified, but not both.');
      }
      if (probs !== null) {
        if (Number(call(probs, 'dim')) < 1) {
          throw pyError('ValueError', '`probs` parameter must be at least one-dimensional.');
        }
        self.dict.set('probs', op('/', probs, call(probs, 'sum', [-1n], kw({keepdim: true}))));
      } else {
        if (Number(call(logits, 'dim')) < 1) {
          throw pyError('ValueError', '`logits` parameter must be at least one-dimensional.');
        }
        const norm = call(logits, 'logsumexp', [], kw({dim: -1n, keepdim: true}));
        self.dict.set('logits', op('-', logits, norm));
      }
      const p = getAttr(self, probs !== null ? 'probs' : 'logits') as Tensor;
      self.dict.set('_param', p);
      self.dict.set('_num_events', BigInt(p.shape[p.shape.length - 1] ?? 0));
      const batch = new TorchSize(p.shape.length > 1 ? p.shape.slice(0, -1) : []);
      initDistribution(self, batch, new TorchSize([]), a.get('validate_args') ?? null);
      return null;
    }),
    expandMethod(
      'Categorical',
      () => categoricalClass,
      (self, made, batch) => {
        const events = getAttr(self, '_num_events');
        expandProbsOrLogits(self, made, new TorchSize([...batch.dims, Number(events)]));
        made.dict.set('_num_events', events);
      },
    ),
    property('Categorical', 'support', (self) =>
      integerInterval(0n, (getAttr(self, '_num_events') as bigint) - 1n),
    ),
    lazyParameter('logits', (self) => probsToLogits(getAttr(self, 'probs') as Tensor)),
    lazyParameter('probs', (self) => logitsToProbs(getAttr(self, 'logits') as Tensor)),
    property('Categorical', 'param_shape', (self) => call(param(self), 'size')),
    property('Categorical', 'mean', (self) => nanFull(self)),
    property('Categorical', 'mode', (self) =>
      call(getAttr(self, 'probs'), 'argmax', [], kw({axis: -1n})),
    ),
    property('Categorical', 'variance', (self) => nanFull(self)),
    method('Categorical', 'sample', (self, args, kwargs) => {
      const sampleShape = toTorchSize(sampleShapeArg('sample', self, args, kwargs));
      const events = getAttr(self, '_num_events') as bigint;
      const probs2d = call(getAttr(self, 'probs'), 'reshape', [-1n, events]);
      const n = BigInt(sampleShape.dims.reduce((x, y) => x * y, 1));
      const samples2d = getAttr(torchCall('multinomial', [probs2d, n, true]), 'T');
      return call(samples2d, 'reshape', [extendedShape(self, sampleShape)]);
    }),
    method('Categorical', 'log_prob', (self, args, kwargs) => {
      let value = valueArg('log_prob', self, args, kwargs);
      if (validates(self)) validateSample(self, value);
      value = call(call(value, 'long'), 'unsqueeze', [-1n]);
      const [v, logPmf] = broadcastTensors([value as Tensor, getAttr(self, 'logits') as Tensor]);
      const first = getItem(v, new PyTuple([ellipsis, new PySlice(null, 1n, null)]));
      return call(call(logPmf, 'gather', [-1n, first]), 'squeeze', [-1n]);
    }),
    method('Categorical', 'entropy', (self) => {
      const logits = getAttr(self, 'logits') as Tensor;
      const clamped = torchCall('clamp', [logits], kw({min: finfoMin(logits)}));
      const pLogP = op('*', clamped, getAttr(self, 'probs'));
      return unaryOp('-', call(pLogP, 'sum', [-1n]));
    }),
    method('Categorical', 'enumerate_support', (self, args, kwargs) => {
      const a = bound('enumerate_support', 'any self, any expand=True', [self, ...args], kwargs);
      const batch = toTorchSize(getAttr(self, '_batch_shape'));
      let values = torchCall(
        'arange',
        [getAttr(self, '_num_events')],
        kw({dtype: TorchDtype.of('int64')}),
      );
      values = call(values, 'view', [new PyTuple([-1n, ...batch.dims.map(() => 1n)])]);
      if (a.get('expand') !== false)
        values = call(values, 'expand', [new PyTuple([-1n, ...batch.dims.map(BigInt)])]);
      return values;
    }),
  ]),
  `${distributionsModule}.categorical`,
);

function nanFull(self: PyInstance): unknown {
  const probs = getAttr(self, 'probs');
  return torchCall('full', [extendedShape(self), NaN], kw({dtype: getAttr(probs, 'dtype')}));
}
