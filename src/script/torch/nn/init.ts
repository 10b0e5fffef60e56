/**
 * `torch.nn.init` as PyTorch 1.13's init.py computes it: the fans and gains in Python floats,
 * then one in-place random op (`uniform_`, `normal_`) or fill under no_grad, so a seeded
 * initialisation draws the same numbers as PyTorch's.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {fill_, normal_, uniform_, zero_} from '../../../../autograd/ops/inplace.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {pyError} from '../../errors.js';
import {pyRepr, pyStr, typeName} from '../../repr.js';
import {pyWarn} from '../../warnings.js';
import {PyCallable, PyList, PyModule} from '../../values.js';
import {bind, sig} from '../args.js';

const initFile = '/usr/lib/python3/dist-packages/torch/nn/init.py';

const linearFns = [
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
];

/** `calculate_gain(nonlinearity, param=None)`: a Python int 1 for the linear ones, else a float. */
export function calculateGain(nonlinearity: unknown, param: unknown = null): number | bigint {
  if (
    (typeof nonlinearity === 'string' && linearFns.includes(nonlinearity)) ||
    nonlinearity === 'sigmoid'
  ) {
    return 1n;
  }
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    let slope: number;
    if (param === null) slope = 0.01;
    else if (typeof param === 'bigint' || typeof param === 'number') slope = Number(param);
    else throw pyError('ValueError', `negative_slope ${pyStr(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + slope * slope));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw pyError('ValueError', `Unsupported nonlinearity ${pyStr(nonlinearity)}`);
}

/** `_calculate_fan_in_and_fan_out(tensor)`. */
export function fanInAndOut(t: Tensor): [number, number] {
  if (t.dim() < 2) {
    throw pyError(
      'ValueError',
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions',
    );
  }
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [(t.shape[1] ?? 0) * receptive, (t.shape[0] ?? 0) * receptive];
}

function correctFan(t: Tensor, mode: unknown): number {
  const m = typeof mode === 'string' ? mode.toLowerCase() : mode;
  if (m !== 'fan_in' && m !== 'fan_out') {
    throw pyError(
      'ValueError',
      `Mode ${pyStr(mode)} not supported, please use one of ${pyRepr(new PyList(['fan_in', 'fan_out']))}`,
    );
  }
  const [fanIn, fanOut] = fanInAndOut(t);
  return m === 'fan_in' ? fanIn : fanOut;
}

function num(v: unknown): number {
  return Number(v);
}

/** `kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`. */
export function kaimingUniform(
  t: Tensor,
  a: unknown = 0n,
  mode: unknown = 'fan_in',
  nonlinearity: unknown = 'leaky_relu',
): Tensor {
  if (t.shape.includes(0)) {
    pyWarn('UserWarning', 'Initializing zero-element tensors is a no-op');
    return t;
  }
  const fan = correctFan(t, mode);
  const gain = num(calculateGain(nonlinearity, a));
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  noGrad(() => {
    uniform_(t, -bound, bound);
  });
  return t;
}

/** `uniform_(tensor, a, b)` under no_grad. */
export function initUniform(t: Tensor, a: number, b: number): Tensor {
  noGrad(() => {
    uniform_(t, a, b);
  });
  return t;
}

function tensorArg(name: string, v: unknown): Tensor {
  if (v instanceof Tensor) return v;
  throw pyError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

type InitFn = [string, string, (a: Map<string, unknown>) => Tensor | number | bigint];

const functions: InitFn[] = [
  [
    'calculate_gain',
    'calculate_gain(any nonlinearity, any param=None)',
    (a) => calculateGain(a.get('nonlinearity'), a.get('param')),
  ],
  [
    'uniform_',
    'uniform_(any tensor, any a=0.0, any b=1.0)',
    (a) => initUniform(tensorArg('uniform_', a.get('tensor')), num(a.get('a')), num(a.get('b'))),
  ],
  [
    'normal_',
    'normal_(any tensor, any mean=0.0, any std=1.0)',
    (a) => {
      const t = tensorArg('normal_', a.get('tensor'));
      noGrad(() => {
        normal_(t, num(a.get('mean')), num(a.get('std')));
      });
      return t;
    },
  ],
  [
    'constant_',
    'constant_(any tensor, any val)',
    (a) => {
      const t = tensorArg('fill_', a.get('tensor'));
      noGrad(() => {
        fill_(t, a.get('val') as number);
      });
      return t;
    },
  ],
  [
    'ones_',
    'ones_(any tensor)',
    (a) => {
      const t = tensorArg('fill_', a.get('tensor'));
      noGrad(() => {
        fill_(t, 1n);
      });
      return t;
    },
  ],
  [
    'zeros_',
    'zeros_(any tensor)',
    (a) => {
      const t = tensorArg('zero_', a.get('tensor'));
      noGrad(() => {
        zero_(t);
      });
      return t;
    },
  ],
  [
    'xavier_uniform_',
    'xavier_uniform_(any tensor, any gain=1.0)',
    (a) => {
      const t = tensorArg('dim', a.get('tensor'));
      const [fanIn, fanOut] = fanInAndOut(t);
      const std = num(a.get('gain')) * Math.sqrt(2.0 / (fanIn + fanOut));
      return initUniform(t, -Math.sqrt(3.0) * std, Math.sqrt(3.0) * std);
    },
  ],
  [
    'xavier_normal_',
    'xavier_normal_(any tensor, any gain=1.0)',
    (a) => {
      const t = tensorArg('dim', a.get('tensor'));
      const [fanIn, fanOut] = fanInAndOut(t);
      const std = num(a.get('gain')) * Math.sqrt(2.0 / (fanIn + fanOut));
      noGrad(() => {
        normal_(t, 0, std);
      });
      return t;
    },
  ],
  [
    'kaiming_uniform_',
    "kaiming_uniform_(any tensor, any a=0, any mode='fan_in', any nonlinearity='leaky_relu')",
    (a) =>
      kaimingUniform(
        tensorArg('shape', a.get('tensor')),
        a.get('a'),
        a.get('mode'),
        a.get('nonlinearity'),
      ),
  ],
  [
    'kaiming_normal_',
    "kaiming_normal_(any tensor, any a=0, any mode='fan_in', any nonlinearity='leaky_relu')",
    (a) => {
      const t = tensorArg('shape', a.get('tensor'));
      if (t.shape.includes(0)) {
        pyWarn('UserWarning', 'Initializing zero-element tensors is a no-op');
        return t;
      }
      const fan = correctFan(t, a.get('mode'));
      const std = num(calculateGain(a.get('nonlinearity'), a.get('a'))) / Math.sqrt(fan);
      noGrad(() => {
        normal_(t, 0, std);
      });
      return t;
    },
  ],
];

/** The `torch.nn.init` module object. */
export function initModule(): PyModule {
  const attrs = new Map<string, unknown>();
  for (const [name, text, run] of functions) {
    const signature = sig(text, 'python');
    attrs.set(
      name,
      new PyCallable(name, (args, kwargs) => run(bind(signature, args, kwargs)), {
        kind: 'module-function',
        module: 'torch.nn.init',
      }),
    );
  }
  return new PyModule('torch.nn.init', attrs, initFile);
}
