/**
 * The `torch.optim` and `torch.optim.lr_scheduler` modules: the optimizers (algorithms.ts) on the
 * Optimizer base (optimizer.ts), and the learning-rate schedulers (schedulers.ts, schedulers-more.ts).
 */
import {PyModule} from '../../values.js';
import {adagradClass, adamClass, adamwClass, rmspropClass, sgdClass} from './algorithms.js';
import {optimizerClass} from './optimizer.js';
import {
  exponentialLRClass,
  lambdaLRClass,
  multiStepLRClass,
  schedulerClass,
  stepLRClass,
} from './schedulers.js';
import {
  constantLRClass,
  cosineAnnealingLRClass,
  linearLRClass,
  multiplicativeLRClass,
  polynomialLRClass,
  reduceLROnPlateauClass,
} from './schedulers-more.js';

const sitePackages = '/usr/lib/python3/dist-packages/torch';

/** `torch.optim` and `torch.optim.lr_scheduler`, by dotted name. */
export function optimModules(): [string, PyModule][] {
  const lrScheduler = new PyModule(
    'torch.optim.lr_scheduler',
    new Map<string, unknown>([
      ['_LRScheduler', schedulerClass],
      ['LambdaLR', lambdaLRClass],
      ['StepLR', stepLRClass],
      ['MultiStepLR', multiStepLRClass],
      ['ExponentialLR', exponentialLRClass],
      ['MultiplicativeLR', multiplicativeLRClass],
      ['ConstantLR', constantLRClass],
      ['LinearLR', linearLRClass],
      ['PolynomialLR', polynomialLRClass],
      ['CosineAnnealingLR', cosineAnnealingLRClass],
      ['ReduceLROnPlateau', reduceLROnPlateauClass],
    ]),
    `${sitePackages}/optim/lr_scheduler.py`,
  );
  const optim = new PyModule(
    'torch.optim',
    new Map<string, unknown>([
      ['Optimizer', optimizerClass],
      ['SGD', sgdClass],
      ['Adam', adamClass],
      ['AdamW', adamwClass],
      ['RMSprop', rmspropClass],
      ['Adagrad', adagradClass],
      ['lr_scheduler', lrScheduler],
    ]),
    `${sitePackages}/optim/__init__.py`,
  );
  return [
    ['torch.optim', optim],
    ['torch.optim.lr_scheduler', lrScheduler],
  ];
}
