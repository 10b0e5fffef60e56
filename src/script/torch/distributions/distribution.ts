/**
 * `torch.distributions.Distribution` as PyTorch 1.13's distribution.py defines it: batch and event
 * shapes, `_extended_shape` (a sample shape given as a tuple, list or torch.Size), argument
 * validation (on by default, `validate_args=` or `Distribution.set_default_validate_args`) with
 * PyTorch's ValueError texts, `_validate_sample` for log_prob/cdf, `sample` under no_grad through
 * `rsample`, `perplexity`, `expand`'s instance check and the repr (`Normal(loc: 0.0, scale: 1.0)`).
 * The concrete distributions (normal.ts, …) derive from it, as a script's own class may.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {instanceGetAttr} from '../../classes.js';
import {pyError, PyException} from '../../errors.js';
import {
  objectClass,
  PyClass,
  PyInstance,
  PyMethodDescriptor,
  PyStaticMethod,
} from '../../objects.js';
import {pyEquals} from '../../operators.js';
import {pyRepr, typeName} from '../../repr.js';
import {PyCallable, TorchSize, type Kwargs} from '../../values.js';
import {PyDict} from '../../containers.js';
import {pyWarn} from '../../warnings.js';
import {bind, sig} from '../args.js';
import {check, isDependent} from './constraints.js';
import {
  allTrue,
  attr,
  call,
  concatSizes,
  distributionsModule,
  formatTensor,
  isNumber,
  method,
  property,
  shapeTuple,
  toTorchSize,
  torchCall,
} from './py.js';
import {broadcastAll} from './utils.js';

const file = '/usr/lib/python3/dist-packages/torch/distributions/distribution.py';

/** Binds a distribution method's arguments (Python's TypeErrors for bad calls). */
export function bound(
  name: string,
  params: string,
  args: readonly unknown[],
  kwargs: Kwargs,
): Map<string, unknown> {
  return bind(sig(`${name}(${params})`, 'python'), args, kwargs);
}

function notImplemented(message = ''): never {
  throw pyError('NotImplementedError', message);
}

/** `self.__class__` as Python prints it: `<class 'torch.distributions.normal.Normal'>`. */
function classText(self: PyInstance): string {
  return `<class '${self.cls.module}.${self.cls.qualname}'>`;
}

/** `self._batch_shape` / `self._event_shape`. */
export function shapeOf(self: PyInstance, name: '_batch_shape' | '_event_shape'): TorchSize {
  return toTorchSize(instanceGetAttr(self, name));
}

/** `self._extended_shape(sample_shape)`: sample_shape + batch_shape + event_shape. */
export function extendedShape(
  self: PyInstance,
  sampleShape: unknown = new TorchSize([]),
): TorchSize {
  return concatSizes(
    toTorchSize(sampleShape),
    shapeOf(self, '_batch_shape'),
    shapeOf(self, '_event_shape'),
  );
}

/** Is validation on for this instance (its own `_validate_args` or the class default)? */
export function validates(self: PyInstance): boolean {
  return Boolean(instanceGetAttr(self, '_validate_args'));
}

function constraintsOf(self: PyInstance): [unknown, unknown][] {
  const c = attr(self, 'arg_constraints');
  return c instanceof PyDict ? [...c.items()] : [];
}

/** `Distribution.__init__`'s validation of the parameters against `arg_constraints`. */
function validateArgs(self: PyInstance): void {
  let constraints: [unknown, unknown][];
  try {
    constraints = constraintsOf(self);
  } catch (e) {
    if (!isNotImplemented(e)) throw e;
    pyWarn(
      'UserWarning',
      `${classText(self)} does not define \`arg_constraints\`. Please set \`arg_constraints = {}\` or initialize the distribution with \`validate_args=False\` to turn off validation.`,
      {
        file,
        line: 45,
        source: "warnings.warn(f'{self.__class__} does not define `arg_constraints`. ' +",
      },
    );
    constraints = [];
  }
  for (const [param, constraint] of constraints) {
    if (isDependent(constraint)) continue;
    const name = String(param);
    if (!self.dict.has(name) && isLazy(self.cls.lookup(name))) continue;
    const value = attr(self, name);
    if (!allTrue(check(constraint, value))) {
      throw pyError(
        'ValueError',
        `Expected parameter ${name} (${typeName(value)} of shape ${shapeText(value)}) of distribution ${pyRepr(self)} to satisfy the constraint ${pyRepr(constraint)}, but found invalid values:\n${formatTensor(value)}`,
      );
    }
  }
}

function shapeText(value: unknown): string {
  return value instanceof Tensor ? shapeTuple(value) : pyRepr(call(value, 'shape'));
}

function isNotImplemented(e: unknown): boolean {
  return e instanceof PyException && e.type === 'NotImplementedError';
}

/** The lazily computed parameters (Categorical's probs/logits): a mark on their properties. */
export const lazyProperties = new WeakSet<object>();

function isLazy(v: unknown): boolean {
  return typeof v === 'object' && v !== null && lazyProperties.has(v);
}

/** `self._validate_sample(value)`: log_prob's checks of its argument, PyTorch's messages. */
export function validateSample(self: PyInstance, value: unknown): void {
  if (!(value instanceof Tensor)) {
    throw pyError('ValueError', 'The value argument to log_prob must be a Tensor');
  }
  const event = shapeOf(self, '_event_shape').dims;
  const actual = value.shape;
  const start = actual.length - event.length;
  const tail = start >= 0 ? actual.slice(start) : actual;
  if (tail.length !== event.length || tail.some((d, i) => d !== event[i])) {
    throw pyError(
      'ValueError',
      `The right-most size of value must match event_shape: ${pyRepr(new TorchSize(actual))} vs ${pyRepr(new TorchSize(event))}.`,
    );
  }
  const expected = [...shapeOf(self, '_batch_shape').dims, ...event];
  for (let k = 1; k <= Math.min(actual.length, expected.length); k++) {
    const i = actual[actual.length - k] ?? 1;
    const j = expected[expected.length - k] ?? 1;
    if (i !== 1 && j !== 1 && i !== j) {
      throw pyError(
        'ValueError',
        `Value is not broadcastable with batch_shape+event_shape: ${pyRepr(new TorchSize(actual))} vs ${pyRepr(new TorchSize(expected))}.`,
      );
    }
  }
  const support = attr(self, 'support');
  if (!allTrue(check(support, value))) {
    throw pyError(
      'ValueError',
      `Expected value argument (${typeName(value)} of shape ${shapeTuple(value)}) to be within the support (${pyRepr(support)}) of the distribution ${pyRepr(self)}, but found invalid values:\n${formatTensor(value)}`,
    );
  }
}

/** `Distribution.__init__(self, batch_shape, event_shape, validate_args)`. */
export function initDistribution(
  self: PyInstance,
  batchShape: unknown,
  eventShape: unknown = new TorchSize([]),
  validateArgsValue: unknown = null,
): void {
  self.dict.set('_batch_shape', batchShape);
  self.dict.set('_event_shape', eventShape);
  if (validateArgsValue !== null) self.dict.set('_validate_args', validateArgsValue);
  if (validates(self)) validateArgs(self);
}

/**
 * The `__init__` of a distribution with two broadcast parameters (Normal's loc and scale,
 * Uniform's low and high): both set as tensors of one shape, the batch shape theirs unless both
 * were Python numbers. Returns the two tensors.
 */
export function initBroadcastPair(
  self: PyInstance,
  owner: string,
  [first, second]: readonly [string, string],
  args: readonly unknown[],
  kwargs: Kwargs,
): [Tensor | undefined, Tensor | undefined] {
  const a = bound(
    `${owner}.__init__`,
    `any self, any ${first}, any ${second}, any validate_args=None`,
    [self, ...args],
    kwargs,
  );
  const [x, y] = broadcastAll([a.get(first), a.get(second)]);
  self.dict.set(first, x);
  self.dict.set(second, y);
  const scalar = isNumber(a.get(first)) && isNumber(a.get(second));
  const batch = new TorchSize(scalar ? [] : (x?.shape ?? []));
  initDistribution(self, batch, new TorchSize([]), a.get('validate_args') ?? null);
  return [x, y];
}

/** `self._get_checked_instance(cls)` for `expand`: a new, uninitialised instance of self's class. */
export function checkedInstance(self: PyInstance, cls: PyClass, instance: unknown): PyInstance {
  if (instance instanceof PyInstance) return instance;
  if (self.cls.lookup('__init__') !== cls.lookup('__init__')) {
    notImplemented(
      `Subclass ${self.cls.name} of ${cls.name} that defines a custom __init__ method must also define a custom .expand() method.`,
    );
  }
  return new PyInstance(self.cls);
}

/** The end of every `expand`: batch shape set, validation carried over without re-checking. */
export function finishExpand(
  self: PyInstance,
  made: PyInstance,
  batchShape: TorchSize,
): PyInstance {
  initDistribution(made, batchShape, shapeOf(self, '_event_shape'), false);
  made.dict.set('_validate_args', instanceGetAttr(self, '_validate_args'));
  return made;
}

/**
 * The `expand(batch_shape, _instance=None)` method of a distribution class (its class read when
 * called): a new instance of self's class whose parameters `fill` sets for the new batch shape,
 * then finishExpand.
 */
export function expandMethod(
  owner: string,
  cls: () => PyClass,
  fill: (self: PyInstance, made: PyInstance, batch: TorchSize) => void,
): [string, PyMethodDescriptor] {
  return method(owner, 'expand', (self, args, kwargs) => {
    const a = bound(
      `${owner}.expand`,
      'any self, any batch_shape, any _instance=None',
      [self, ...args],
      kwargs,
    );
    const made = checkedInstance(self, cls(), a.get('_instance'));
    const batch = toTorchSize(a.get('batch_shape'));
    fill(self, made, batch);
    return finishExpand(self, made, batch);
  });
}

/** `expand` of a probs-or-logits parameter (Bernoulli, Categorical): whichever was given. */
export function expandProbsOrLogits(self: PyInstance, made: PyInstance, shape: TorchSize): void {
  for (const name of ['probs', 'logits']) {
    if (!self.dict.has(name)) continue;
    const expanded = call(instanceGetAttr(self, name), 'expand', [shape]);
    made.dict.set(name, expanded);
    made.dict.set('_param', expanded);
  }
}

function distributionRepr(self: PyInstance): string {
  const params = constraintsOf(self)
    .map(([k]) => String(k))
    .filter((k) => self.dict.has(k));
  const text = params.map((p) => {
    const v = self.dict.get(p);
    const numel = Number(call(v, 'numel'));
    return `${p}: ${numel === 1 ? formatTensor(v) : pyRepr(call(v, 'size'))}`;
  });
  return `${self.cls.name}(${text.join(', ')})`;
}

const sampleParams = 'any self, any sample_shape=None';

/** The sample shape a `sample`/`rsample` call was given (`torch.Size()` when none). */
export function sampleShapeArg(
  name: string,
  self: PyInstance,
  args: readonly unknown[],
  kwargs: Kwargs,
): unknown {
  const a = bound(name, sampleParams, [self, ...args], kwargs);
  return a.get('sample_shape') ?? new TorchSize([]);
}

/** `Distribution`: the base class of every distribution (a script may derive its own). */
export const distributionClass: PyClass = new PyClass(
  'Distribution',
  [objectClass],
  new Map<string, unknown>([
    ['has_rsample', false],
    ['has_enumerate_support', false],
    ['_validate_args', true],
    [
      'set_default_validate_args',
      new PyStaticMethod(
        new PyCallable('set_default_validate_args', (args, kwargs) => {
          const value = bound('set_default_validate_args', 'any value', args, kwargs).get('value');
          if (!pyEquals(value, true) && !pyEquals(value, false)) throw pyError('ValueError', '');
          distributionClass.dict.set('_validate_args', value);
          return null;
        }),
      ),
    ],
    method('Distribution', '__init__', (self, args, kwargs) => {
      const a = bound(
        'Distribution.__init__',
        'any self, any batch_shape=None, any event_shape=None, any validate_args=None',
        [self, ...args],
        kwargs,
      );
      initDistribution(
        self,
        a.get('batch_shape') ?? new TorchSize([]),
        a.get('event_shape') ?? new TorchSize([]),
        a.get('validate_args') ?? null,
      );
      return null;
    }),
    method('Distribution', 'expand', () => notImplemented()),
    property('Distribution', 'batch_shape', (self) => instanceGetAttr(self, '_batch_shape')),
    property('Distribution', 'event_shape', (self) => instanceGetAttr(self, '_event_shape')),
    property('Distribution', 'arg_constraints', () => notImplemented()),
    property('Distribution', 'support', () => notImplemented()),
    property('Distribution', 'mean', () => notImplemented()),
    property('Distribution', 'mode', (self) =>
      notImplemented(`${classText(self)} does not implement mode`),
    ),
    property('Distribution', 'variance', () => notImplemented()),
    property('Distribution', 'stddev', (self) => call(attr(self, 'variance'), 'sqrt')),
    method('Distribution', 'sample', (self, args, kwargs) => {
      const shape = sampleShapeArg('sample', self, args, kwargs);
      return noGrad(() => call(self, 'rsample', [shape]));
    }),
    method('Distribution', 'rsample', () => notImplemented()),
    method('Distribution', 'log_prob', () => notImplemented()),
    method('Distribution', 'cdf', () => notImplemented()),
    method('Distribution', 'icdf', () => notImplemented()),
    method('Distribution', 'enumerate_support', () => notImplemented()),
    method('Distribution', 'entropy', () => notImplemented()),
    method('Distribution', 'perplexity', (self) => torchCall('exp', [call(self, 'entropy')])),
    method('Distribution', '_extended_shape', (self, args, kwargs) =>
      extendedShape(self, sampleShapeArg('_extended_shape', self, args, kwargs)),
    ),
    method('Distribution', '_validate_sample', (self, args, kwargs) => {
      validateSample(
        self,
        bound('_validate_sample', 'any self, any value', [self, ...args], kwargs).get('value'),
      );
      return null;
    }),
    method('Distribution', '__repr__', distributionRepr),
  ]),
  `${distributionsModule}.distribution`,
);
