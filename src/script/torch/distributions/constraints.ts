/**
 * torch.distributions.constraints as PyTorch 1.13's constraints.py defines the ones the
 * distributions here use: each a `_Name` class whose `check(value)` is the boolean tensor of
 * valid entries and whose repr is `Name(...)` (what validation errors quote). `dependent`
 * (Uniform's low/high) cannot be checked and is skipped by argument validation.
 */
import {pyError} from '../../errors.js';
import {objectClass, PyClass, PyInstance} from '../../objects.js';
import {pyRepr} from '../../repr.js';
import {PyModule, PyTuple} from '../../values.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {allLast, call, formatTensor, kw, method, op} from './py.js';

const moduleName = 'torch.distributions.constraints';

type Check = (self: PyInstance, value: unknown) => unknown;

function bounds(self: PyInstance, names: readonly string[]): string {
  return names.map((n) => `${n}=${formatTensor(self.dict.get(n))}`).join(', ');
}

/** `Constraint`, the base class. */
export const constraintClass = new PyClass(
  'Constraint',
  [objectClass],
  new Map<string, unknown>([
    ['is_discrete', false],
    ['event_dim', 0n],
    method('Constraint', 'check', () => {
      throw pyError('NotImplementedError', '');
    }),
    method('Constraint', '__repr__', (self) => `${self.cls.name.slice(1)}()`),
  ]),
  moduleName,
);

function constraintType(
  name: string,
  check: Check,
  fields: readonly string[] = [],
  extra: Record<string, unknown> = {},
): PyClass {
  const dict = new Map<string, unknown>([
    ...Object.entries(extra),
    method(name, 'check', (self, args) => check(self, args[0])),
  ]);
  if (fields.length > 0) {
    dict.set(
      '__init__',
      method(name, '__init__', (self, args) => {
        if (args.length !== fields.length) {
          throw pyError(
            'TypeError',
            `${name}.__init__() takes ${fields.length + 1} positional arguments but ${args.length + 1} were given`,
          );
        }
        fields.forEach((f, i) => self.dict.set(f, args[i]));
        return null;
      })[1],
    );
    dict.set(
      '__repr__',
      method(name, '__repr__', (self) => `${name.slice(1)}(${bounds(self, fields)})`)[1],
    );
  }
  return new PyClass(name, [constraintClass], dict, moduleName);
}

const dependentClass = constraintType(
  '_Dependent',
  () => {
    throw pyError('ValueError', 'Cannot determine validity of dependent constraint');
  },
  [],
);

/** `isinstance(c, constraints._Dependent)`. */
export function isDependent(c: unknown): boolean {
  return c instanceof PyInstance && c.cls.mro.includes(dependentClass);
}

const realClass = constraintType('_Real', (_s, v) => op('==', v, v));
const greaterThanClass = constraintType(
  '_GreaterThan',
  (s, v) => op('<', s.dict.get('lower_bound'), v),
  ['lower_bound'],
);
const intervalClass = constraintType(
  '_Interval',
  (s, v) => op('&', op('<=', s.dict.get('lower_bound'), v), op('<=', v, s.dict.get('upper_bound'))),
  ['lower_bound', 'upper_bound'],
);
const integerIntervalClass = constraintType(
  '_IntegerInterval',
  (s, v) =>
    op(
      '&',
      op('&', op('==', op('%', v, 1n), 0n), op('<=', s.dict.get('lower_bound'), v)),
      op('<=', v, s.dict.get('upper_bound')),
    ),
  ['lower_bound', 'upper_bound'],
  {is_discrete: true},
);
const booleanClass = constraintType(
  '_Boolean',
  (_s, v) => op('|', op('==', v, 0n), op('==', v, 1n)),
  [],
  {is_discrete: true},
);
const simplexClass = constraintType(
  '_Simplex',
  (_s, v) =>
    op(
      '&',
      allLast(op('>=', v, 0n) as Tensor),
      op('<', call(op('-', call(v, 'sum', [-1n]), 1n), 'abs'), 1e-6),
    ),
  [],
  {event_dim: 1n},
);
const multinomialClass = constraintType(
  '_Multinomial',
  (s, v) =>
    op(
      '&',
      allLast(op('>=', v, 0n) as Tensor),
      op('<=', call(v, 'sum', [], kw({dim: -1n})), s.dict.get('upper_bound')),
    ),
  [],
  {is_discrete: true, event_dim: 1n},
);
// _Multinomial's __init__ sets upper_bound but its repr stays the base one (`Multinomial()`).
multinomialClass.dict.set(
  '__init__',
  method('_Multinomial', '__init__', (self, args) => {
    self.dict.set('upper_bound', args[0]);
    return null;
  })[1],
);
const independentClass = constraintType(
  '_IndependentConstraint',
  (s, v) => {
    const base = s.dict.get('base_constraint');
    const n = Number(s.dict.get('reinterpreted_batch_ndims'));
    const result = call(base, 'check', [v]);
    const dims = Number(call(result, 'dim'));
    if (dims < n) {
      throw pyError('ValueError', `Expected value.dim() >= ${n} but got ${String(call(v, 'dim'))}`);
    }
    const shape = (call(result, 'size') as {dims: readonly number[]}).dims.slice(0, dims - n);
    return allLast(call(result, 'reshape', [new PyTuple([...shape.map(BigInt), -1n])]) as Tensor);
  },
  ['base_constraint', 'reinterpreted_batch_ndims'],
);
independentClass.dict.set(
  '__repr__',
  method('_IndependentConstraint', '__repr__', (self) => {
    const base = pyRepr(self.dict.get('base_constraint'));
    return `IndependentConstraint(${base}, ${pyRepr(self.dict.get('reinterpreted_batch_ndims'))})`;
  })[1],
);

function make(cls: PyClass, fields: Record<string, unknown> = {}): PyInstance {
  const c = new PyInstance(cls);
  for (const [k, v] of Object.entries(fields)) c.dict.set(k, v);
  return c;
}

/** `constraints.real`. */
export const real = make(realClass);
/** `constraints.real_vector`: `independent(real, 1)`. */
export const realVector = make(independentClass, {
  base_constraint: real,
  reinterpreted_batch_ndims: 1n,
});
/** `constraints.positive`: `GreaterThan(lower_bound=0.0)`. */
export const positive = make(greaterThanClass, {lower_bound: 0});
/** `constraints.unit_interval`. */
export const unitInterval = make(intervalClass, {lower_bound: 0, upper_bound: 1});
/** `constraints.boolean`. */
export const boolean = make(booleanClass);
/** `constraints.simplex`. */
export const simplex = make(simplexClass);
/** `constraints.dependent`. */
export const dependent = make(dependentClass);

/** `constraints.integer_interval(lower, upper)`. */
export function integerInterval(lower: unknown, upper: unknown): PyInstance {
  return make(integerIntervalClass, {lower_bound: lower, upper_bound: upper});
}

/** `constraints.interval(lower, upper)`. */
export function interval(lower: unknown, upper: unknown): PyInstance {
  return make(intervalClass, {lower_bound: lower, upper_bound: upper});
}

/** `constraints.multinomial(upper)`. */
export function multinomial(upper: unknown): PyInstance {
  return make(multinomialClass, {upper_bound: upper});
}

/** `constraint.check(value)`. */
export function check(constraint: unknown, value: unknown): unknown {
  return call(constraint, 'check', [value]);
}

/** The `torch.distributions.constraints` module. */
export function constraintsModule(): PyModule {
  return new PyModule(
    moduleName,
    new Map<string, unknown>([
      ['Constraint', constraintClass],
      ['real', real],
      ['real_vector', realVector],
      ['positive', positive],
      ['unit_interval', unitInterval],
      ['boolean', boolean],
      ['simplex', simplex],
      ['dependent', dependent],
      ['integer_interval', integerIntervalClass],
      ['interval', intervalClass],
      ['multinomial', multinomialClass],
      ['greater_than', greaterThanClass],
      ['independent', independentClass],
    ]),
    '/usr/lib/python3/dist-packages/torch/distributions/constraints.py',
  );
}
