/**
 * The optimizers: `torch.optim.SGD`, `Adam`, `AdamW`, `RMSprop` and `Adagrad`, each a subclass of
 * Optimizer with PyTorch 1.13's constructor (arguments, checks and their messages, the defaults
 * dict in its order) and a `step` that gathers each group's parameters with a gradient and their
 * state as PyTorch's does, then updates them through autograd/ops/optim.ts.
 */
import * as update from '../../../../autograd/ops/optim.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {late} from '../../late.js';
import {PyClass, PyMethodDescriptor} from '../../objects.js';
import {pyStr} from '../../repr.js';
import {PyTuple, type Kwargs} from '../../values.js';
import {bind, sig, type Signature} from '../args.js';
import {
  groupsOf,
  groupValue,
  num,
  optimizerClass,
  raiseAt,
  required,
  stateOf,
  stepping,
  withGrads,
  within,
} from './optimizer.js';

/** Python's `not 0.0 <= x` (true for NaN too), for a number or a required marker. */
function negative(v: unknown): boolean {
  if (v === required) return false;
  const x = num(v);
  return !(x >= 0);
}

/** PyTorch's check of a constructor argument, raised at its line of `cls`'s file. */
function check(cls: string, key: string, bad: boolean, message: string): void {
  if (bad) raiseAt(`${cls}.${key}`, 'ValueError', message);
}

/** A group's hyperparameter as a number. */
function h(group: PyDict, key: string): number {
  return num(groupValue(group, key), key);
}

/** A group's flag, by Python's truth. */
function flag(group: PyDict, key: string): boolean {
  return late.truthy(group.get(key) ?? false);
}

/** One optimizer class: its signature, its checks and defaults, its update of one group. */
interface Definition {
  readonly name: string;
  readonly module: string;
  readonly signature: Signature;
  /** The defaults dict, in PyTorch's order, from the bound arguments (after `check`). */
  readonly defaults: (a: Map<string, unknown>) => [string, unknown][];
  readonly check: (a: Map<string, unknown>, name: string) => void;
  /** After the base class's init (Adagrad makes its state up front). */
  readonly afterInit?: (self: unknown) => void;
  readonly step: (self: unknown, group: PyDict) => void;
}

function define(d: Definition): PyClass {
  return new PyClass(
    d.name,
    [optimizerClass],
    new Map<string, unknown>([
      [
        '__init__',
        new PyMethodDescriptor(
          '__init__',
          (self, args, kwargs: Kwargs) => {
            const a = bind(d.signature, args, kwargs);
            d.check(a, d.name);
            if (late.truthy(a.get('differentiable') ?? false)) {
              throw pyError(
                'NotImplementedError',
                `${d.name}(differentiable=True) is not supported by grad-graph yet`,
              );
            }
            const init = optimizerClass.dict.get('__init__') as PyMethodDescriptor;
            within(`${d.name}.super`, () =>
              init.call(self, [a.get('params'), new PyDict(d.defaults(a))], new Map(), null),
            );
            d.afterInit?.(self);
            return null;
          },
          d.name,
        ),
      ],
      [
        'step',
        new PyMethodDescriptor(
          'step',
          (self, args, kwargs) => {
            const a = bind(sig(`${d.name}.step(any closure=None)`, 'python'), args, kwargs);
            return stepping(self, a.get('closure'), () => {
              for (const group of groupsOf(self)) d.step(self, group);
            });
          },
          d.name,
        ),
      ],
    ]),
    d.module,
  );
}

const pick =
  (...names: string[]) =>
  (a: Map<string, unknown>): [string, unknown][] =>
    names.map((n) => [n, a.get(n) ?? null]);

/** Adam's and AdamW's `betas`, checked (`Invalid beta parameter at index 0: 1.0`). */
function checkBetas(a: Map<string, unknown>, cls: string): void {
  const betas = late.iterate(a.get('betas'));
  betas.slice(0, 2).forEach((b, i) => {
    const x = num(b);
    check(cls, `beta${i}`, !(x >= 0 && x < 1), `Invalid beta parameter at index ${i}: ${pyStr(b)}`);
  });
}

function betasOf(group: PyDict): [number, number] {
  const items = late.iterate(groupValue(group, 'betas'));
  if (items.length !== 2) {
    throw pyError(
      'ValueError',
      items.length < 2
        ? `not enough values to unpack (expected 2, got ${items.length})`
        : 'too many values to unpack (expected 2)',
    );
  }
  return [num(items[0], 'betas'), num(items[1], 'betas')];
}

function adamStep(self: unknown, group: PyDict, decoupled: boolean): void {
  const {params, grads} = withGrads(group);
  const [beta1, beta2] = betasOf(group);
  const amsgrad = flag(group, 'amsgrad');
  if (flag(group, 'capturable') && params.length > 0) {
    throw pyError(
      'AssertionError',
      'If capturable=True, params and state_steps must be CUDA tensors.',
    );
  }
  const states = params.map((p) => {
    const state = stateOf(self, p);
    if (state.size === 0) {
      state.set('step', update.stepTensor());
      state.set('exp_avg', update.stateLike(p));
      state.set('exp_avg_sq', update.stateLike(p));
      if (amsgrad) state.set('max_exp_avg_sq', update.stateLike(p));
    }
    return {
      step: tensorState(state, 'step'),
      expAvg: tensorState(state, 'exp_avg'),
      expAvgSq: tensorState(state, 'exp_avg_sq'),
      maxExpAvgSq: amsgrad ? tensorState(state, 'max_exp_avg_sq') : null,
    };
  });
  update.adam(params, grads, states, {
    lr: h(group, 'lr'),
    beta1,
    beta2,
    eps: h(group, 'eps'),
    weightDecay: h(group, 'weight_decay'),
    amsgrad,
    maximize: flag(group, 'maximize'),
    decoupled,
  });
}

function tensorState(state: PyDict, key: string): Tensor {
  const v = state.get(key);
  if (v instanceof Tensor) return v;
  throw pyError('KeyError', `'${key}'`);
}

const adamDefaults = (a: Map<string, unknown>) => ({
  betas: a.get('betas') ?? new PyTuple([0.9, 0.999]),
});

/** The usual checks: `not 0.0 <= x` → `Invalid {what}: {x}`, in PyTorch's order. */
function checkAll(
  a: Map<string, unknown>,
  cls: string,
  checks: readonly (readonly [string, string])[],
): void {
  for (const [key, what] of checks) {
    if (key === 'betas') checkBetas(a, cls);
    else check(cls, key, negative(a.get(key)), `Invalid ${what}: ${pyStr(a.get(key))}`);
  }
}

function checkAdam(a: Map<string, unknown>, cls: string): void {
  if (a.get('betas') === null) a.set('betas', adamDefaults(a).betas);
  checkAll(a, cls, [
    ['lr', 'learning rate'],
    ['eps', 'epsilon value'],
    ['betas', ''],
    ['weight_decay', 'weight_decay value'],
  ]);
}

/** `torch.optim.SGD`. */
export const sgdClass = define({
  name: 'SGD',
  module: 'torch.optim.sgd',
  signature: sig(
    'SGD.__init__(any params, any lr=<required>, any momentum=0, any dampening=0, any weight_decay=0, any nesterov=False, *, any maximize=False, any foreach=None, any differentiable=False)',
    'python',
  ),
  check: (a, cls) => {
    if (a.get('lr') === '<required>') a.set('lr', required);
    const lr = a.get('lr');
    check(cls, 'lr', lr !== required && num(lr) < 0, `Invalid learning rate: ${pyStr(lr)}`);
    const momentum = a.get('momentum');
    check(cls, 'momentum', num(momentum) < 0, `Invalid momentum value: ${pyStr(momentum)}`);
    const wd = a.get('weight_decay');
    check(cls, 'weight_decay', num(wd) < 0, `Invalid weight_decay value: ${pyStr(wd)}`);
    check(
      cls,
      'nesterov',
      late.truthy(a.get('nesterov')) && (num(momentum) <= 0 || num(a.get('dampening')) !== 0),
      'Nesterov momentum requires a momentum and zero dampening',
    );
  },
  defaults: pick(
    'lr',
    'momentum',
    'dampening',
    'weight_decay',
    'nesterov',
    'maximize',
    'foreach',
    'differentiable',
  ),
  step: (self, group) => {
    const {params, grads} = withGrads(group);
    const buffers = params.map((p) => {
      const b = stateOf(self, p).get('momentum_buffer');
      return b instanceof Tensor ? b : null;
    });
    update.sgd(params, grads, buffers, {
      lr: h(group, 'lr'),
      momentum: h(group, 'momentum'),
      dampening: h(group, 'dampening'),
      weightDecay: h(group, 'weight_decay'),
      nesterov: flag(group, 'nesterov'),
      maximize: flag(group, 'maximize'),
    });
    params.forEach((p, i) => {
      stateOf(self, p).set('momentum_buffer', buffers[i] ?? null);
    });
  },
});

/** `torch.optim.Adam`. */
export const adamClass = define({
  name: 'Adam',
  module: 'torch.optim.adam',
  signature: sig(
    'Adam.__init__(any params, any lr=0.001, any betas=None, any eps=1e-08, any weight_decay=0, any amsgrad=False, *, any foreach=None, any maximize=False, any capturable=False, any differentiable=False, any fused=False)',
    'python',
  ),
  check: checkAdam,
  afterInit: (self) => {
    const defaults = (self as {dict?: Map<string, unknown>}).dict?.get('defaults');
    if (defaults instanceof PyDict && late.truthy(defaults.get('fused') ?? false)) {
      raiseAt(
        'Adam.fused',
        'RuntimeError',
        'FusedAdam requires all the params to be CUDA, floating point',
      );
    }
  },
  defaults: pick(
    'lr',
    'betas',
    'eps',
    'weight_decay',
    'amsgrad',
    'maximize',
    'foreach',
    'capturable',
    'differentiable',
    'fused',
  ),
  step: (self, group) => {
    adamStep(self, group, false);
  },
});

/** `torch.optim.AdamW`. */
export const adamwClass = define({
  name: 'AdamW',
  module: 'torch.optim.adamw',
  signature: sig(
    'AdamW.__init__(any params, any lr=0.001, any betas=None, any eps=1e-08, any weight_decay=0.01, any amsgrad=False, *, any maximize=False, any foreach=None, any capturable=False)',
    'python',
  ),
  check: checkAdam,
  defaults: pick(
    'lr',
    'betas',
    'eps',
    'weight_decay',
    'amsgrad',
    'foreach',
    'maximize',
    'capturable',
  ),
  step: (self, group) => {
    adamStep(self, group, true);
  },
});

/** `torch.optim.RMSprop`. */
export const rmspropClass = define({
  name: 'RMSprop',
  module: 'torch.optim.rmsprop',
  signature: sig(
    'RMSprop.__init__(any params, any lr=0.01, any alpha=0.99, any eps=1e-08, any weight_decay=0, any momentum=0, any centered=False, any foreach=None, any maximize=False, any differentiable=False)',
    'python',
  ),
  check: (a, cls) => {
    checkAll(a, cls, [
      ['lr', 'learning rate'],
      ['eps', 'epsilon value'],
      ['momentum', 'momentum value'],
      ['weight_decay', 'weight_decay value'],
      ['alpha', 'alpha value'],
    ]);
  },
  defaults: pick(
    'lr',
    'momentum',
    'alpha',
    'eps',
    'centered',
    'weight_decay',
    'foreach',
    'maximize',
    'differentiable',
  ),
  step: (self, group) => {
    const {params, grads} = withGrads(group);
    const momentum = h(group, 'momentum');
    const centered = flag(group, 'centered');
    const states = params.map((p) => {
      const state = stateOf(self, p);
      if (state.size === 0) {
        state.set('step', 0n);
        state.set('square_avg', update.stateLike(p));
        if (momentum > 0) state.set('momentum_buffer', update.stateLike(p));
        if (centered) state.set('grad_avg', update.stateLike(p));
      }
      const step = state.get('step');
      state.set('step', typeof step === 'bigint' ? step + 1n : num(step) + 1);
      return {
        squareAvg: tensorState(state, 'square_avg'),
        momentumBuffer: momentum > 0 ? tensorState(state, 'momentum_buffer') : null,
        gradAvg: centered ? tensorState(state, 'grad_avg') : null,
      };
    });
    update.rmsprop(params, grads, states, {
      lr: h(group, 'lr'),
      alpha: h(group, 'alpha'),
      eps: h(group, 'eps'),
      weightDecay: h(group, 'weight_decay'),
      momentum,
      centered,
      maximize: flag(group, 'maximize'),
    });
  },
});

/** `torch.optim.Adagrad`. */
export const adagradClass = define({
  name: 'Adagrad',
  module: 'torch.optim.adagrad',
  signature: sig(
    'Adagrad.__init__(any params, any lr=0.01, any lr_decay=0, any weight_decay=0, any initial_accumulator_value=0, any eps=1e-10, any foreach=None, *, any maximize=False)',
    'python',
  ),
  check: (a, cls) => {
    checkAll(a, cls, [
      ['lr', 'learning rate'],
      ['lr_decay', 'lr_decay value'],
      ['weight_decay', 'weight_decay value'],
      ['initial_accumulator_value', 'initial_accumulator_value value'],
      ['eps', 'epsilon value'],
    ]);
  },
  defaults: pick(
    'lr',
    'lr_decay',
    'eps',
    'weight_decay',
    'initial_accumulator_value',
    'foreach',
    'maximize',
  ),
  afterInit: (self) => {
    for (const group of groupsOf(self)) {
      const init = h(group, 'initial_accumulator_value');
      for (const p of late.iterate(groupValue(group, 'params'))) {
        if (!(p instanceof Tensor)) continue;
        const state = stateOf(self, p);
        state.set('step', update.stepTensor());
        state.set('sum', update.stateLike(p, init));
      }
    }
  },
  step: (self, group) => {
    const {params, grads} = withGrads(group);
    const states = params.map((p) => {
      const state = stateOf(self, p);
      return {step: tensorState(state, 'step'), sum: tensorState(state, 'sum')};
    });
    update.adagrad(params, grads, states, {
      lr: h(group, 'lr'),
      lrDecay: h(group, 'lr_decay'),
      eps: h(group, 'eps'),
      weightDecay: h(group, 'weight_decay'),
      maximize: flag(group, 'maximize'),
    });
  },
});
