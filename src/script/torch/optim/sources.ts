/**
 * Where PyTorch 1.13's optimizer code raises, by site: the file, line, function and the line's text
 * its tracebacks show (`File ".../torch/optim/sgd.py", line 97, in __init__`). Read from
 * /usr/lib/python3/dist-packages/torch/optim; the golden tracebacks check every one that is used.
 */
import type {LibraryFrame} from '../../errors.js';

const dir = '/usr/lib/python3/dist-packages/torch/optim';

type Site = readonly [file: string, line: number, name: string, source: string];

const invalid = (what: string, arg: string): string =>
  `raise ValueError("Invalid ${what}: {}".format(${arg}))`;

const table: Readonly<Record<string, Site>> = {
  'optimizer.init.tensor': [
    'optimizer.py',
    52,
    '__init__',
    'raise TypeError("params argument given to the optimizer should be "',
  ],
  'optimizer.init.empty': [
    'optimizer.py',
    61,
    '__init__',
    'raise ValueError("optimizer got an empty parameter list")',
  ],
  'optimizer.init.add': ['optimizer.py', 66, '__init__', 'self.add_param_group(param_group)'],
  'optimizer.add.dict': [
    'optimizer.py',
    310,
    'add_param_group',
    'assert isinstance(param_group, dict), "param group must be a dict"',
  ],
  'optimizer.add.set': [
    'optimizer.py',
    316,
    'add_param_group',
    "raise TypeError('optimizer parameters need to be organized in ordered collections, but '",
  ],
  'optimizer.add.tensor': [
    'optimizer.py',
    323,
    'add_param_group',
    'raise TypeError("optimizer can only optimize Tensors, "',
  ],
  'optimizer.add.leaf': [
    'optimizer.py',
    326,
    'add_param_group',
    'raise ValueError("can\'t optimize a non-leaf Tensor")',
  ],
  'optimizer.add.required': [
    'optimizer.py',
    330,
    'add_param_group',
    'raise ValueError("parameter group didn\'t specify a value of required optimization parameter " +',
  ],
  'optimizer.add.overlap': [
    'optimizer.py',
    346,
    'add_param_group',
    'raise ValueError("some parameters appear in more than one parameter group")',
  ],
  'SGD.lr': ['sgd.py', 97, '__init__', invalid('learning rate', 'lr')],
  'SGD.momentum': ['sgd.py', 99, '__init__', invalid('momentum value', 'momentum')],
  'SGD.weight_decay': ['sgd.py', 101, '__init__', invalid('weight_decay value', 'weight_decay')],
  'SGD.nesterov': [
    'sgd.py',
    108,
    '__init__',
    'raise ValueError("Nesterov momentum requires a momentum and zero dampening")',
  ],
  'SGD.super': ['sgd.py', 109, '__init__', 'super(SGD, self).__init__(params, defaults)'],
  'Adam.lr': ['adam.py', 124, '__init__', invalid('learning rate', 'lr')],
  'Adam.eps': ['adam.py', 126, '__init__', invalid('epsilon value', 'eps')],
  'Adam.beta0': [
    'adam.py',
    128,
    '__init__',
    'raise ValueError("Invalid beta parameter at index 0: {}".format(betas[0]))',
  ],
  'Adam.beta1': [
    'adam.py',
    130,
    '__init__',
    'raise ValueError("Invalid beta parameter at index 1: {}".format(betas[1]))',
  ],
  'Adam.weight_decay': ['adam.py', 132, '__init__', invalid('weight_decay value', 'weight_decay')],
  'Adam.super': ['adam.py', 137, '__init__', 'super(Adam, self).__init__(params, defaults)'],
  'Adam.fused': [
    'adam.py',
    151,
    '__init__',
    'raise RuntimeError("FusedAdam requires all the params to be CUDA, floating point")',
  ],
  'AdamW.lr': ['adamw.py', 80, '__init__', invalid('learning rate', 'lr')],
  'AdamW.eps': ['adamw.py', 82, '__init__', invalid('epsilon value', 'eps')],
  'AdamW.beta0': [
    'adamw.py',
    84,
    '__init__',
    'raise ValueError("Invalid beta parameter at index 0: {}".format(betas[0]))',
  ],
  'AdamW.beta1': [
    'adamw.py',
    86,
    '__init__',
    'raise ValueError("Invalid beta parameter at index 1: {}".format(betas[1]))',
  ],
  'AdamW.weight_decay': ['adamw.py', 88, '__init__', invalid('weight_decay value', 'weight_decay')],
  'AdamW.super': ['adamw.py', 92, '__init__', 'super(AdamW, self).__init__(params, defaults)'],
  'RMSprop.lr': ['rmsprop.py', 74, '__init__', invalid('learning rate', 'lr')],
  'RMSprop.eps': ['rmsprop.py', 76, '__init__', invalid('epsilon value', 'eps')],
  'RMSprop.momentum': ['rmsprop.py', 78, '__init__', invalid('momentum value', 'momentum')],
  'RMSprop.weight_decay': [
    'rmsprop.py',
    80,
    '__init__',
    invalid('weight_decay value', 'weight_decay'),
  ],
  'RMSprop.alpha': ['rmsprop.py', 82, '__init__', invalid('alpha value', 'alpha')],
  'RMSprop.super': [
    'rmsprop.py',
    87,
    '__init__',
    'super(RMSprop, self).__init__(params, defaults)',
  ],
  'Adagrad.lr': ['adagrad.py', 65, '__init__', invalid('learning rate', 'lr')],
  'Adagrad.lr_decay': ['adagrad.py', 67, '__init__', invalid('lr_decay value', 'lr_decay')],
  'Adagrad.weight_decay': [
    'adagrad.py',
    69,
    '__init__',
    invalid('weight_decay value', 'weight_decay'),
  ],
  'Adagrad.initial_accumulator_value': ['adagrad.py', 71, '__init__', 'raise ValueError('],
  'Adagrad.eps': ['adagrad.py', 77, '__init__', invalid('epsilon value', 'eps')],
  'Adagrad.super': [
    'adagrad.py',
    88,
    '__init__',
    'super(Adagrad, self).__init__(params, defaults)',
  ],
  'scheduler.type': [
    'lr_scheduler.py',
    31,
    '__init__',
    "raise TypeError('{} is not an Optimizer'.format(",
  ],
  'LambdaLR.count': [
    'lr_scheduler.py',
    210,
    '__init__',
    'raise ValueError("Expected {} lr_lambdas, but got {}".format(',
  ],
  'LambdaLR.super': [
    'lr_scheduler.py',
    213,
    '__init__',
    'super(LambdaLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'StepLR.super': [
    'lr_scheduler.py',
    377,
    '__init__',
    'super(StepLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'MultiStepLR.super': [
    'lr_scheduler.py',
    425,
    '__init__',
    'super(MultiStepLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'MultiplicativeLR.count': [
    'lr_scheduler.py',
    294,
    '__init__',
    'raise ValueError("Expected {} lr_lambdas, but got {}".format(',
  ],
  'MultiplicativeLR.super': [
    'lr_scheduler.py',
    297,
    '__init__',
    'super(MultiplicativeLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'ConstantLR.factor': [
    'lr_scheduler.py',
    475,
    '__init__',
    "raise ValueError('Constant multiplicative factor expected to be between 0 and 1.')",
  ],
  'ConstantLR.super': [
    'lr_scheduler.py',
    479,
    '__init__',
    'super(ConstantLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'LinearLR.start': [
    'lr_scheduler.py',
    538,
    '__init__',
    "raise ValueError('Starting multiplicative factor expected to be between 0 and 1.')",
  ],
  'LinearLR.end': [
    'lr_scheduler.py',
    541,
    '__init__',
    "raise ValueError('Ending multiplicative factor expected to be between 0 and 1.')",
  ],
  'LinearLR.super': [
    'lr_scheduler.py',
    546,
    '__init__',
    'super(LinearLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'PolynomialLR.super': [
    'lr_scheduler.py',
    738,
    '__init__',
    'super().__init__(optimizer, last_epoch, verbose)',
  ],
  'CosineAnnealingLR.super': [
    'lr_scheduler.py',
    803,
    '__init__',
    'super(CosineAnnealingLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
  'ReduceLROnPlateau.factor': [
    'lr_scheduler.py',
    961,
    '__init__',
    "raise ValueError('Factor should be < 1.0.')",
  ],
  'ReduceLROnPlateau.type': [
    'lr_scheduler.py',
    966,
    '__init__',
    "raise TypeError('{} is not an Optimizer'.format(",
  ],
  'ReduceLROnPlateau.min_lrs': [
    'lr_scheduler.py',
    972,
    '__init__',
    'raise ValueError("expected {} min_lrs, got {}".format(',
  ],
  'ReduceLROnPlateau.init_is_better': [
    'lr_scheduler.py',
    990,
    '__init__',
    'self._init_is_better(mode=mode, threshold=threshold,',
  ],
  'ReduceLROnPlateau.mode': [
    'lr_scheduler.py',
    1059,
    '_init_is_better',
    "raise ValueError('mode ' + mode + ' is unknown!')",
  ],
  'ReduceLROnPlateau.threshold_mode': [
    'lr_scheduler.py',
    1061,
    '_init_is_better',
    "raise ValueError('threshold mode ' + threshold_mode + ' is unknown!')",
  ],
  'ExponentialLR.super': [
    'lr_scheduler.py',
    583,
    '__init__',
    'super(ExponentialLR, self).__init__(optimizer, last_epoch, verbose)',
  ],
};

/** The frame of a site (`SGD.lr`, `optimizer.add.leaf`); null for a site not in the table. */
export function site(key: string): LibraryFrame | null {
  const s = table[key];
  return s ? {file: `${dir}/${s[0]}`, line: s[1], name: s[2], source: s[3]} : null;
}
