/**
 * `torch.optim.lr_scheduler`: the `_LRScheduler` base (base_lrs, last_epoch, step(), get_last_lr(),
 * state_dict(), the warning for a scheduler stepped before its optimizer) and StepLR, MultiStepLR,
 * ExponentialLR and LambdaLR, as PyTorch 1.13's lr_scheduler.py computes them: the learning rates
 * are Python numbers multiplied with Python's arithmetic, written into the optimizer's groups.
 * A script may subclass `_LRScheduler` with its own `get_lr`.
 */
import {callValue} from '../../call.js';
import {instanceGetAttr} from '../../classes.js';
import {PyCounter, PyDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import {late} from '../../late.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor} from '../../objects.js';
import {binaryOp, compare} from '../../operators.js';
import {typeName} from '../../repr.js';
import {PyList, type Kwargs} from '../../values.js';
import {pyWarn} from '../../warnings.js';
import {bind, sig} from '../args.js';
import {groupsOf, groupValue, optimizerClass, raiseAt, within} from './optimizer.js';

const file = '/usr/lib/python3/dist-packages/torch/optim/lr_scheduler.py';

function self_(self: unknown): PyInstance {
  if (!(self instanceof PyInstance)) throw pyError('TypeError', 'a scheduler method needs self');
  return self;
}

/** `self.name` of a scheduler. */
export function get(self: PyInstance, name: string): unknown {
  return instanceGetAttr(self, name);
}

/** The learning rates of the optimizer's groups now (`[group['lr'] for group in …]`). */
export function currentLrs(self: PyInstance): unknown[] {
  return groupsOf(get(self, 'optimizer')).map((g) => groupValue(g, 'lr'));
}

/** get_lr's warning when called outside step(), at lr_scheduler.py's `line`. */
export function warnGetLr(self: PyInstance, line: number): void {
  if (late.truthy(self.dict.get('_get_lr_called_within_step') ?? false)) return;
  pyWarn(
    'UserWarning',
    'To get the last learning rate computed by the scheduler, please use `get_last_lr()`.',
    {
      file,
      line,
      source: 'warnings.warn("To get the last learning rate computed by the scheduler, "',
    },
  );
}

/** `_LRScheduler.__init__(optimizer, last_epoch=-1, verbose=False)`. */
function init(self: PyInstance, optimizer: unknown, lastEpoch: unknown, verbose: unknown): void {
  if (!(optimizer instanceof PyInstance && optimizer.cls.isSubclassOf(optimizerClass))) {
    raiseAt('scheduler.type', 'TypeError', `${typeName(optimizer)} is not an Optimizer`);
  }
  if (late.truthy(verbose)) {
    throw pyError('NotImplementedError', 'verbose=True is not supported by grad-graph yet');
  }
  self.dict.set('optimizer', optimizer);
  const groups = groupsOf(optimizer);
  if (compare('==', lastEpoch, -1n) === true) {
    for (const g of groups) if (!g.has('initial_lr')) g.set('initial_lr', groupValue(g, 'lr'));
  } else {
    groups.forEach((g, i) => {
      if (!g.has('initial_lr')) {
        throw pyError(
          'KeyError',
          `"param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer"`,
        );
      }
    });
  }
  self.dict.set('base_lrs', new PyList(groups.map((g) => groupValue(g, 'initial_lr'))));
  self.dict.set('last_epoch', lastEpoch);
  // PyTorch wraps optimizer.step to count its calls; the optimizers here count when it is set.
  optimizer.dict.set('_step_count', 0n);
  self.dict.set('verbose', verbose);
  self.dict.set('_step_count', 0n);
  step(self, null);
}

/** `scheduler.step()`: next epoch, its learning rates written into the optimizer's groups. */
function step(self: PyInstance, epoch: unknown): void {
  const optimizer = get(self, 'optimizer');
  if (self.dict.get('_step_count') === 1n && optimizer instanceof PyInstance) {
    const count = optimizer.dict.get('_step_count');
    if (typeof count === 'bigint' && count < 1n) {
      pyWarn(
        'UserWarning',
        'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate',
        {
          file,
          line: 138,
          source:
            'warnings.warn("Detected call of `lr_scheduler.step()` before `optimizer.step()`. "',
        },
      );
    }
  }
  self.dict.set('_step_count', binaryOp('+', self.dict.get('_step_count') ?? 0n, 1n));
  self.dict.set('_get_lr_called_within_step', true);
  let values: unknown[];
  try {
    if (epoch === null) {
      self.dict.set('last_epoch', binaryOp('+', get(self, 'last_epoch'), 1n));
      values = late.iterate(callValue(get(self, 'get_lr')));
    } else {
      pyWarn(
        'UserWarning',
        'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.',
        {file, line: 163, source: 'warnings.warn(EPOCH_DEPRECATION_WARNING, UserWarning)'},
      );
      self.dict.set('last_epoch', epoch);
      const closed = self.cls.lookup('_get_closed_form_lr');
      values = late.iterate(
        callValue(closed === undefined ? get(self, 'get_lr') : get(self, '_get_closed_form_lr')),
      );
    }
  } finally {
    self.dict.set('_get_lr_called_within_step', false);
  }
  const groups = groupsOf(optimizer);
  groups.forEach((g, i) => {
    if (i < values.length) g.set('lr', values[i]);
  });
  self.dict.set('_last_lr', new PyList(groups.map((g) => groupValue(g, 'lr'))));
}

function method(
  owner: string,
  name: string,
  call: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [name, new PyMethodDescriptor(name, (s, a, k) => call(self_(s), a, k), owner)];
}

/** `torch.optim.lr_scheduler._LRScheduler`. */
export const schedulerClass = new PyClass(
  '_LRScheduler',
  [objectClass],
  new Map<string, unknown>([
    method('_LRScheduler', '__init__', (self, args, kwargs) => {
      const a = bind(
        sig('_LRScheduler.__init__(any optimizer, any last_epoch=-1, any verbose=False)', 'python'),
        args,
        kwargs,
      );
      init(self, a.get('optimizer'), a.get('last_epoch'), a.get('verbose'));
      return null;
    }),
    method('_LRScheduler', 'step', (self, args, kwargs) => {
      const a = bind(sig('_LRScheduler.step(any epoch=None)', 'python'), args, kwargs);
      step(self, a.get('epoch'));
      return null;
    }),
    method('_LRScheduler', 'get_last_lr', (self, args, kwargs) => {
      bind(sig('_LRScheduler.get_last_lr()', 'python'), args, kwargs);
      return get(self, '_last_lr');
    }),
    method('_LRScheduler', 'get_lr', () => {
      throw pyError('NotImplementedError', '');
    }),
    method('_LRScheduler', 'state_dict', (self, args, kwargs) => {
      bind(sig('_LRScheduler.state_dict()', 'python'), args, kwargs);
      return new PyDict([...self.dict].filter(([k]) => k !== 'optimizer'));
    }),
  ]),
  'torch.optim.lr_scheduler',
);

/** A scheduler: its own arguments (set as attributes before the base init), its get_lr. */
export function scheduler(
  name: string,
  signature: string,
  setUp: (self: PyInstance, a: Map<string, unknown>) => void,
  getLr: (self: PyInstance) => unknown[],
  closedForm: ((self: PyInstance) => unknown[]) | null,
): PyClass {
  const s = sig(signature, 'python');
  const entries: [string, unknown][] = [
    method(name, '__init__', (self, args, kwargs) => {
      const a = bind(s, args, kwargs);
      setUp(self, a);
      within(`${name}.super`, () => {
        init(self, a.get('optimizer'), a.get('last_epoch'), a.get('verbose'));
      });
      return null;
    }),
    method(name, 'get_lr', (self) => new PyList(getLr(self))),
  ];
  if (closedForm) {
    entries.push(method(name, '_get_closed_form_lr', (self) => new PyList(closedForm(self))));
  }
  return new PyClass(name, [schedulerClass], new Map(entries), 'torch.optim.lr_scheduler');
}

/** Python's `a * b`. */
export const times = (a: unknown, b: unknown): unknown => binaryOp('*', a, b);
/** Python's `a ** b`. */
export const power = (a: unknown, b: unknown): unknown => binaryOp('**', a, b);

/** `StepLR(optimizer, step_size, gamma=0.1)`: lr × gamma every step_size epochs. */
export const stepLRClass = scheduler(
  'StepLR',
  'StepLR.__init__(any optimizer, any step_size, any gamma=0.1, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    self.dict.set('step_size', a.get('step_size'));
    self.dict.set('gamma', a.get('gamma'));
  },
  (self) => {
    warnGetLr(self, 381);
    const epoch = get(self, 'last_epoch');
    const lrs = currentLrs(self);
    if (
      compare('==', epoch, 0n) === true ||
      compare('!=', binaryOp('%', epoch, get(self, 'step_size')), 0n) === true
    ) {
      return lrs;
    }
    return lrs.map((lr) => times(lr, get(self, 'gamma')));
  },
  (self) =>
    late
      .iterate(get(self, 'base_lrs'))
      .map((b) =>
        times(
          b,
          power(
            get(self, 'gamma'),
            binaryOp('//', get(self, 'last_epoch'), get(self, 'step_size')),
          ),
        ),
      ),
);

/** `MultiStepLR(optimizer, milestones, gamma=0.1)`: lr × gamma at each milestone epoch. */
export const multiStepLRClass = scheduler(
  'MultiStepLR',
  'MultiStepLR.__init__(any optimizer, any milestones, any gamma=0.1, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    const counter = new PyCounter();
    for (const m of late.iterate(a.get('milestones'))) {
      counter.set(m, binaryOp('+', counter.get(m) ?? 0n, 1n));
    }
    self.dict.set('milestones', counter);
    self.dict.set('gamma', a.get('gamma'));
  },
  (self) => {
    warnGetLr(self, 429);
    const milestones = get(self, 'milestones') as PyDict;
    const epoch = get(self, 'last_epoch');
    const lrs = currentLrs(self);
    if (!milestones.has(epoch)) return lrs;
    return lrs.map((lr) => times(lr, power(get(self, 'gamma'), milestones.get(epoch))));
  },
  null,
);

/** `ExponentialLR(optimizer, gamma)`: lr × gamma every epoch. */
export const exponentialLRClass = scheduler(
  'ExponentialLR',
  'ExponentialLR.__init__(any optimizer, any gamma, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    self.dict.set('gamma', a.get('gamma'));
  },
  (self) => {
    warnGetLr(self, 587);
    const lrs = currentLrs(self);
    if (compare('==', get(self, 'last_epoch'), 0n) === true) return lrs;
    return lrs.map((lr) => times(lr, get(self, 'gamma')));
  },
  (self) =>
    late
      .iterate(get(self, 'base_lrs'))
      .map((b) => times(b, power(get(self, 'gamma'), get(self, 'last_epoch')))),
);

/** `self.lr_lambdas`: one function per parameter group (LambdaLR's and MultiplicativeLR's init). */
export function setLambdas(self: PyInstance, a: Map<string, unknown>, countSite: string): void {
  const optimizer = a.get('optimizer');
  self.dict.set('optimizer', optimizer);
  const fn = a.get('lr_lambda');
  const n =
    optimizer instanceof PyInstance && optimizer.cls.isSubclassOf(optimizerClass)
      ? groupsOf(optimizer).length
      : 0;
  if (fn instanceof PyList || (fn !== null && typeName(fn) === 'tuple')) {
    const items = late.iterate(fn);
    if (items.length !== n) {
      raiseAt(countSite, 'ValueError', `Expected ${n} lr_lambdas, but got ${items.length}`);
    }
    self.dict.set('lr_lambdas', new PyList(items));
  } else self.dict.set('lr_lambdas', new PyList(new Array<unknown>(n).fill(fn)));
}

/** `LambdaLR(optimizer, lr_lambda)`: base_lr × lr_lambda(epoch). */
export const lambdaLRClass = scheduler(
  'LambdaLR',
  'LambdaLR.__init__(any optimizer, any lr_lambda, any last_epoch=-1, any verbose=False)',
  (self, a) => {
    setLambdas(self, a, 'LambdaLR.count');
  },
  (self) => {
    warnGetLr(self, 257);
    const lambdas = late.iterate(get(self, 'lr_lambdas'));
    const bases = late.iterate(get(self, 'base_lrs'));
    const epoch = get(self, 'last_epoch');
    return lambdas.slice(0, bases.length).map((f, i) => times(bases[i], callValue(f, [epoch])));
  },
  null,
);
