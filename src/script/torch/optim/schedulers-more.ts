/**
 * More of `torch.optim.lr_scheduler`, on the scheduler base of schedulers.ts: MultiplicativeLR,
 * ConstantLR, LinearLR, PolynomialLR and CosineAnnealingLR, each with the chainable `get_lr` and
 * the closed form PyTorch 1.13's lr_scheduler.py gives it. Every learning rate is computed with
 * Python's arithmetic on Python numbers (math.cos is glibc's, as CPython's), in the order of
 * PyTorch's expressions, so the printed rates are the same floats. ReduceLROnPlateau, a class of
 * its own (not an _LRScheduler), is here too.
 */
import {cos} from '../../../../autograd/kernels/libm.js';
import {callValue} from '../../call.js';
import {late} from '../../late.js';
import {PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor, PyProperty} from '../../objects.js';
import {typeName} from '../../repr.js';
import {PyCallable, PyList, type Kwargs} from '../../values.js';
import {pyWarn} from '../../warnings.js';
import {bind, sig} from '../args.js';
import {binaryOp, compare} from '../../operators.js';
import {groupsOf, groupValue, optimizerClass, raiseAt, within} from './optimizer.js';
import {currentLrs, get, power, scheduler, setLambdas, times, warnGetLr} from './schedulers.js';

const schedulerFile = '/usr/lib/python3/dist-packages/torch/optim/lr_scheduler.py';

const plus = (a: unknown, b: unknown): unknown => binaryOp('+', a, b);
const minus = (a: unknown, b: unknown): unknown => binaryOp('-', a, b);
const over = (a: unknown, b: unknown): unknown => binaryOp('/', a, b);
const is = (op: '==' | '!=' | '<' | '>' | '>=', a: unknown, b: unknown): boolean =>
  compare(op, a, b) === true;
/** Python's `math.cos(x)`. */
const mathCos = (x: unknown): number => cos(late.float(x));
/** Python's `min(a, b)` (the first of equals). */
const min = (a: unknown, b: unknown): unknown => (is('<', b, a) ? b : a);
const bases = (self: PyInstance): unknown[] => late.iterate(get(self, 'base_lrs'));

/** `MultiplicativeLR(optimizer, lr_lambda)`: lr × lr_lambda(epoch) every epoch after the first. */
export const multiplicativeLRClass = scheduler(
  'MultiplicativeLR',
  'MultiplicativeLR.__init__(any optimizer, any lr_lambda, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    setLambdas(self, a, 'MultiplicativeLR.count');
  },
  (self) => {
    warnGetLr(self, 335);
    const epoch = get(self, 'last_epoch');
    const lrs = currentLrs(self);
    if (!is('>', epoch, 0n)) return lrs;
    const lambdas = late.iterate(get(self, 'lr_lambdas'));
    return lambdas.slice(0, lrs.length).map((f, i) => times(lrs[i], callValue(f, [epoch])));
  },
  null,
);

/** `ConstantLR(optimizer, factor=1/3, total_iters=5)`: lr × factor until total_iters. */
export const constantLRClass = scheduler(
  'ConstantLR',
  'ConstantLR.__init__(any optimizer, any factor=0.3333333333333333, any total_iters=5, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    const factor = a.get('factor');
    if (is('>', factor, 1.0) || is('<', factor, 0n)) {
      raiseAt(
        'ConstantLR.factor',
        'ValueError',
        'Constant multiplicative factor expected to be between 0 and 1.',
      );
    }
    self.dict.set('factor', factor);
    self.dict.set('total_iters', a.get('total_iters'));
  },
  (self) => {
    warnGetLr(self, 483);
    const epoch = get(self, 'last_epoch');
    const total = get(self, 'total_iters');
    const lrs = currentLrs(self);
    if (is('==', epoch, 0n)) return lrs.map((lr) => times(lr, get(self, 'factor')));
    if (is('>', epoch, total) || is('!=', epoch, total)) return lrs;
    return lrs.map((lr) => times(lr, over(1.0, get(self, 'factor'))));
  },
  (self) => {
    const factor = get(self, 'factor');
    const reached = is('>=', get(self, 'last_epoch'), get(self, 'total_iters'));
    return bases(self).map((b) => times(b, plus(factor, times(reached, minus(1n, factor)))));
  },
);

/** `LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)`. */
export const linearLRClass = scheduler(
  'LinearLR',
  'LinearLR.__init__(any optimizer, any start_factor=0.3333333333333333, any end_factor=1.0, any total_iters=5, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    const start = a.get('start_factor');
    const end = a.get('end_factor');
    if (is('>', start, 1.0) || is('<', start, 0n)) {
      raiseAt(
        'LinearLR.start',
        'ValueError',
        'Starting multiplicative factor expected to be between 0 and 1.',
      );
    }
    if (is('>', end, 1.0) || is('<', end, 0n)) {
      raiseAt(
        'LinearLR.end',
        'ValueError',
        'Ending multiplicative factor expected to be between 0 and 1.',
      );
    }
    self.dict.set('start_factor', start);
    self.dict.set('end_factor', end);
    self.dict.set('total_iters', a.get('total_iters'));
  },
  (self) => {
    warnGetLr(self, 550);
    const epoch = get(self, 'last_epoch');
    const start = get(self, 'start_factor');
    const end = get(self, 'end_factor');
    const total = get(self, 'total_iters');
    const lrs = currentLrs(self);
    if (is('==', epoch, 0n)) return lrs.map((lr) => times(lr, start));
    if (is('>', epoch, total)) return lrs;
    // 1. + (end - start) / (total * start + (epoch - 1) * (end - start))
    const step = plus(
      1.0,
      over(
        minus(end, start),
        plus(times(total, start), times(minus(epoch, 1n), minus(end, start))),
      ),
    );
    return lrs.map((lr) => times(lr, step));
  },
  (self) => {
    const start = get(self, 'start_factor');
    const end = get(self, 'end_factor');
    const total = get(self, 'total_iters');
    const done = min(total, get(self, 'last_epoch'));
    return bases(self).map((b) =>
      times(b, plus(start, over(times(minus(end, start), done), total))),
    );
  },
);

/** `PolynomialLR(optimizer, total_iters=5, power=1.0)`. */
export const polynomialLRClass = scheduler(
  'PolynomialLR',
  'PolynomialLR.__init__(any optimizer, any total_iters=5, any power=1.0, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    self.dict.set('total_iters', a.get('total_iters'));
    self.dict.set('power', a.get('power'));
  },
  (self) => {
    warnGetLr(self, 742);
    const epoch = get(self, 'last_epoch');
    const total = get(self, 'total_iters');
    const lrs = currentLrs(self);
    if (is('==', epoch, 0n) || is('>', epoch, total)) return lrs;
    const factor = power(
      over(minus(1.0, over(epoch, total)), minus(1.0, over(minus(epoch, 1n), total))),
      get(self, 'power'),
    );
    return lrs.map((lr) => times(lr, factor));
  },
  (self) => {
    const total = get(self, 'total_iters');
    const done = min(total, get(self, 'last_epoch'));
    return bases(self).map((b) =>
      times(b, power(minus(1.0, over(done, total)), get(self, 'power'))),
    );
  },
);

/** `CosineAnnealingLR(optimizer, T_max, eta_min=0)`: SGDR's cosine annealing, without restarts. */
export const cosineAnnealingLRClass = scheduler(
  'CosineAnnealingLR',
  'CosineAnnealingLR.__init__(any optimizer, any T_max, any eta_min=0, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    self.dict.set('T_max', a.get('T_max'));
    self.dict.set('eta_min', a.get('eta_min'));
  },
  (self) => {
    warnGetLr(self, 807);
    const epoch = get(self, 'last_epoch');
    const tMax = get(self, 'T_max');
    const etaMin = get(self, 'eta_min');
    const lrs = currentLrs(self);
    if (is('==', epoch, 0n)) return lrs;
    if (is('==', get(self, '_step_count'), 1n) && is('>', epoch, 0n)) {
      // eta_min + (base_lr - eta_min) * (1 + math.cos((last_epoch) * math.pi / T_max)) / 2
      const c = plus(1n, mathCos(over(times(epoch, Math.PI), tMax)));
      return bases(self).map((b) => plus(etaMin, over(times(minus(b, etaMin), c), 2n)));
    }
    if (is('==', binaryOp('%', minus(minus(epoch, 1n), tMax), times(2n, tMax)), 0n)) {
      // group['lr'] + (base_lr - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
      const c = minus(1n, mathCos(over(Math.PI, tMax)));
      const bs = bases(self);
      return lrs.map((lr, i) => plus(lr, over(times(minus(bs[i], etaMin), c), 2n)));
    }
    // (1 + cos(pi * e / T)) / (1 + cos(pi * (e - 1) / T)) * (group['lr'] - eta_min) + eta_min
    const ratio = over(
      plus(1n, mathCos(over(times(Math.PI, epoch), tMax))),
      plus(1n, mathCos(over(times(Math.PI, minus(epoch, 1n)), tMax))),
    );
    return lrs.map((lr) => plus(times(ratio, minus(lr, etaMin)), etaMin));
  },
  (self) => {
    const etaMin = get(self, 'eta_min');
    const c = plus(1n, mathCos(over(times(Math.PI, get(self, 'last_epoch')), get(self, 'T_max'))));
    return bases(self).map((b) => plus(etaMin, over(times(minus(b, etaMin), c), 2n)));
  },
);

/** Python's `max(a, b)` (the first of equals). */
const max = (a: unknown, b: unknown): unknown => (is('>', b, a) ? b : a);

function plateau(self: unknown): PyInstance {
  if (!(self instanceof PyInstance)) {
    throw pyError('TypeError', 'a ReduceLROnPlateau method needs self');
  }
  return self;
}

/** `ReduceLROnPlateau.is_better(a, best)`, by mode and threshold mode. */
function isBetter(self: PyInstance, a: unknown, best: unknown): boolean {
  const mode = get(self, 'mode');
  const thresholdMode = get(self, 'threshold_mode');
  const threshold = get(self, 'threshold');
  if (mode === 'min' && thresholdMode === 'rel') {
    return is('<', a, times(best, minus(1.0, threshold)));
  }
  if (mode === 'min' && thresholdMode === 'abs') return is('<', a, minus(best, threshold));
  if (mode === 'max' && thresholdMode === 'rel') {
    return is('>', a, times(best, plus(threshold, 1.0)));
  }
  return is('>', a, plus(best, threshold));
}

/** `_init_is_better`: checks the modes, sets mode_worse. */
function initIsBetter(self: PyInstance): void {
  const mode = get(self, 'mode');
  const thresholdMode = get(self, 'threshold_mode');
  if (mode !== 'min' && mode !== 'max') {
    raiseAt('ReduceLROnPlateau.mode', 'ValueError', `mode ${String(mode)} is unknown!`);
  }
  if (thresholdMode !== 'rel' && thresholdMode !== 'abs') {
    raiseAt(
      'ReduceLROnPlateau.threshold_mode',
      'ValueError',
      `threshold mode ${String(thresholdMode)} is unknown!`,
    );
  }
  self.dict.set('mode_worse', mode === 'min' ? Infinity : -Infinity);
}

/** `_reset()`: best back to the worst value, counters to 0. */
function reset(self: PyInstance): void {
  self.dict.set('best', get(self, 'mode_worse'));
  self.dict.set('cooldown_counter', 0n);
  self.dict.set('num_bad_epochs', 0n);
}

/** `_reduce_lr(epoch)`: each group's lr × factor, not below its min_lr, if it changes by > eps. */
function reduceLr(self: PyInstance): void {
  const minLrs = late.iterate(get(self, 'min_lrs'));
  groupsOf(get(self, 'optimizer')).forEach((g, i) => {
    const old = late.float(groupValue(g, 'lr'));
    const next = max(times(old, get(self, 'factor')), minLrs[i]);
    if (is('>', minus(old, next), get(self, 'eps'))) g.set('lr', next);
  });
}

/** `ReduceLROnPlateau.step(metrics, epoch=None)`. */
function plateauStep(self: PyInstance, metrics: unknown, epoch: unknown): void {
  const current = late.float(metrics);
  let e = epoch;
  if (e === null) e = plus(get(self, 'last_epoch'), 1n);
  else {
    pyWarn(
      'UserWarning',
      'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.',
      {
        file: schedulerFile,
        line: 1006,
        source: 'warnings.warn(EPOCH_DEPRECATION_WARNING, UserWarning)',
      },
    );
  }
  self.dict.set('last_epoch', e);
  if (isBetter(self, current, get(self, 'best'))) {
    self.dict.set('best', current);
    self.dict.set('num_bad_epochs', 0n);
  } else {
    self.dict.set('num_bad_epochs', plus(get(self, 'num_bad_epochs'), 1n));
  }
  if (is('>', get(self, 'cooldown_counter'), 0n)) {
    self.dict.set('cooldown_counter', minus(get(self, 'cooldown_counter'), 1n));
    self.dict.set('num_bad_epochs', 0n);
  }
  if (is('>', get(self, 'num_bad_epochs'), get(self, 'patience'))) {
    reduceLr(self);
    self.dict.set('cooldown_counter', get(self, 'cooldown'));
    self.dict.set('num_bad_epochs', 0n);
  }
  self.dict.set('_last_lr', new PyList(currentLrs(self)));
}

const plateauInit = sig(
  "ReduceLROnPlateau.__init__(any optimizer, any mode='min', any factor=0.1, any patience=10, any threshold=0.0001, any threshold_mode='rel', any cooldown=0, any min_lr=0, any eps=1e-08, any verbose=False)",
  'python',
);

function plateauMethod(
  name: string,
  call: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [
    name,
    new PyMethodDescriptor(name, (s, a, k) => call(plateau(s), a, k), 'ReduceLROnPlateau'),
  ];
}

/**
 * `ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, …)`: not an _LRScheduler;
 * `step(metrics)` cuts each group's lr by `factor` after more than `patience` epochs without
 * improvement, then waits `cooldown` epochs.
 */
export const reduceLROnPlateauClass = new PyClass(
  'ReduceLROnPlateau',
  [objectClass],
  new Map<string, unknown>([
    plateauMethod('__init__', (self, args, kwargs) => {
      const a = bind(plateauInit, args, kwargs);
      const factor = a.get('factor');
      if (is('>=', factor, 1.0)) {
        raiseAt('ReduceLROnPlateau.factor', 'ValueError', 'Factor should be < 1.0.');
      }
      self.dict.set('factor', factor);
      const optimizer = a.get('optimizer');
      if (!(optimizer instanceof PyInstance && optimizer.cls.isSubclassOf(optimizerClass))) {
        raiseAt(
          'ReduceLROnPlateau.type',
          'TypeError',
          `${typeName(optimizer)} is not an Optimizer`,
        );
      }
      if (late.truthy(a.get('verbose'))) {
        throw pyError('NotImplementedError', 'verbose=True is not supported by grad-graph yet');
      }
      self.dict.set('optimizer', optimizer);
      const n = groupsOf(optimizer).length;
      const minLr = a.get('min_lr');
      if (minLr instanceof PyList || typeName(minLr) === 'tuple') {
        const items = late.iterate(minLr);
        if (items.length !== n) {
          raiseAt(
            'ReduceLROnPlateau.min_lrs',
            'ValueError',
            `expected ${n} min_lrs, got ${items.length}`,
          );
        }
        self.dict.set('min_lrs', new PyList(items));
      } else self.dict.set('min_lrs', new PyList(new Array<unknown>(n).fill(minLr)));
      for (const key of ['patience', 'verbose', 'cooldown']) self.dict.set(key, a.get(key));
      self.dict.set('cooldown_counter', 0n);
      for (const key of ['mode', 'threshold', 'threshold_mode']) self.dict.set(key, a.get(key));
      for (const key of ['best', 'num_bad_epochs', 'mode_worse']) self.dict.set(key, null);
      self.dict.set('eps', a.get('eps'));
      self.dict.set('last_epoch', 0n);
      within('ReduceLROnPlateau.init_is_better', () => {
        initIsBetter(self);
      });
      reset(self);
      return null;
    }),
    plateauMethod('step', (self, args, kwargs) => {
      const a = bind(
        sig('ReduceLROnPlateau.step(any metrics, any epoch=None)', 'python'),
        args,
        kwargs,
      );
      plateauStep(self, a.get('metrics'), a.get('epoch'));
      return null;
    }),
    plateauMethod('is_better', (self, args, kwargs) => {
      const a = bind(sig('ReduceLROnPlateau.is_better(any a, any best)', 'python'), args, kwargs);
      return isBetter(self, a.get('a'), a.get('best'));
    }),
    [
      'in_cooldown',
      new PyProperty(
        new PyCallable('in_cooldown', (args) =>
          is('>', get(plateau(args[0]), 'cooldown_counter'), 0n),
        ),
      ),
    ],
    plateauMethod('state_dict', (self, args, kwargs) => {
      bind(sig('ReduceLROnPlateau.state_dict()', 'python'), args, kwargs);
      return new PyDict([...self.dict].filter(([k]) => k !== 'optimizer'));
    }),
  ]),
  'torch.optim.lr_scheduler',
);
