/**
 * More of `torch.optim.lr_scheduler`, on the scheduler base of schedulers.ts: MultiplicativeLR,
 * ConstantLR, LinearLR, PolynomialLR and CosineAnnealingLR, each with the chainable `get_lr` and
 * the closed form PyTorch 1.13's lr_scheduler.py gives it. Every learning rate is computed with
 * Python's arithmetic on Python numbers (math.cos is glibc's, as CPython's), in the order of
 * PyTorch's expressions, so the printed rates are the same floats.
 */
import {cos} from '../../../../autograd/kernels/libm.js';
import {callValue} from '../../call.js';
import {late} from '../../late.js';
import type {PyInstance} from '../../objects.js';
import {binaryOp, compare} from '../../operators.js';
import {pyFloat} from '../../builtins.js';
import {raiseAt} from './optimizer.js';
import {currentLrs, get, power, scheduler, setLambdas, times, warnGetLr} from './schedulers.js';

const plus = (a: unknown, b: unknown): unknown => binaryOp('+', a, b);
const minus = (a: unknown, b: unknown): unknown => binaryOp('-', a, b);
const over = (a: unknown, b: unknown): unknown => binaryOp('/', a, b);
const is = (op: '==' | '!=' | '<' | '>' | '>=', a: unknown, b: unknown): boolean =>
  compare(op, a, b) === true;
/** Python's `math.cos(x)`. */
const mathCos = (x: unknown): number => cos(pyFloat(x));
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
