/**
 * nn's convolution and pooling layers as PyTorch 1.13's conv.py and pooling.py define them:
 * Conv1d/Conv2d (`_ConvNd`: its checks, `_single`/`_pair` of the sizes, the weight
 * `[out, in / groups, *kernel]` initialised as Linear's, the extra_repr), MaxPool2d, AvgPool2d
 * and AdaptiveAvgPool2d (the sizes kept as given). Each forward calls the `F.` function
 * PyTorch's forward calls, so the ops and grad_fns are the functional ones.
 */
import {callValue} from '../../call.js';
import {setFrom} from '../../containers.js';
import {pyError} from '../../errors.js';
import {late} from '../../late.js';
import type {PyClass, PyInstance} from '../../objects.js';
import {pyRepr, pyStr} from '../../repr.js';
import {PyList, PyTuple} from '../../values.js';
import {attr, emptyTensor, F, layer, oneInput, resetWeightAndBias, setAttr} from './layers.js';
import {pyMethod} from './module.js';
import {makeParameter} from './parameter-class.js';

/** `_single` / `_pair`: an iterable becomes a tuple of its items, anything else is repeated. */
function ntuple(v: unknown, n: number): PyTuple {
  if (v instanceof PyTuple) return v;
  if (v instanceof PyList || typeof v === 'string') return new PyTuple(late.iterate(v));
  return new PyTuple(Array<unknown>(n).fill(v));
}

/** A Python number as a JS number (for the modulo checks of `_ConvNd.__init__`). */
function num(v: unknown): number {
  return typeof v === 'bigint' || typeof v === 'number' ? Number(v) : NaN;
}

/** Does every item of a tuple equal `value` (`self.padding != (0,) * len(self.padding)`)? */
function allEqual(v: unknown, value: bigint): boolean {
  return v instanceof PyTuple && v.items.every((i) => i === value || i === Number(value));
}

const paddingModes = ['zeros', 'reflect', 'replicate', 'circular'];

/** `_ConvNd.__init__` for a `dims`-dimensional convolution. */
function setupConv(self: PyInstance, a: Map<string, unknown>, dims: number): void {
  const inC = a.get('in_channels');
  const outC = a.get('out_channels');
  const kernel = ntuple(a.get('kernel_size'), dims);
  const stride = ntuple(a.get('stride'), dims);
  const padArg = a.get('padding');
  const padding = typeof padArg === 'string' ? padArg : ntuple(padArg, dims);
  const dilation = ntuple(a.get('dilation'), dims);
  const groups = a.get('groups');
  const mode = a.get('padding_mode');
  if (num(groups) <= 0) throw pyError('ValueError', 'groups must be a positive integer');
  if (num(inC) % num(groups) !== 0) {
    throw pyError('ValueError', 'in_channels must be divisible by groups');
  }
  if (num(outC) % num(groups) !== 0) {
    throw pyError('ValueError', 'out_channels must be divisible by groups');
  }
  if (typeof padding === 'string') {
    if (padding !== 'same' && padding !== 'valid') {
      throw pyError(
        'ValueError',
        `Invalid padding string ${pyRepr(padding)}, should be one of ${pyRepr(setFrom(['same', 'valid']))}`,
      );
    }
    if (padding === 'same' && stride.items.some((s) => num(s) !== 1)) {
      throw pyError('ValueError', "padding='same' is not supported for strided convolutions");
    }
  }
  if (typeof mode !== 'string' || !paddingModes.includes(mode)) {
    throw pyError(
      'ValueError',
      `padding_mode must be one of ${pyRepr(setFrom(paddingModes))}, but got padding_mode='${pyStr(mode)}'`,
    );
  }
  setAttr(self, 'in_channels', inC);
  setAttr(self, 'out_channels', outC);
  setAttr(self, 'kernel_size', kernel);
  setAttr(self, 'stride', stride);
  setAttr(self, 'padding', padding);
  setAttr(self, 'dilation', dilation);
  setAttr(self, 'transposed', false);
  setAttr(self, 'output_padding', ntuple(0n, dims));
  setAttr(self, 'groups', groups);
  setAttr(self, 'padding_mode', mode);
  const perGroup = typeof inC === 'bigint' && typeof groups === 'bigint' ? inC / groups : inC;
  const dtype = a.get('dtype');
  setAttr(self, 'weight', makeParameter(emptyTensor([outC, perGroup, ...kernel.items], dtype)));
  if (late.truthy(a.get('bias'))) {
    setAttr(self, 'bias', makeParameter(emptyTensor([outC], dtype)));
  } else {
    callValue(attr(self, 'register_parameter'), ['bias', null]);
  }
  callValue(attr(self, 'reset_parameters'));
}

/** `_ConvNd.extra_repr`. */
function convRepr(self: PyInstance): string {
  const s = (k: string) => pyStr(attr(self, k));
  let out = `${s('in_channels')}, ${s('out_channels')}, kernel_size=${s('kernel_size')}, stride=${s('stride')}`;
  if (!allEqual(attr(self, 'padding'), 0n)) out += `, padding=${s('padding')}`;
  if (!allEqual(attr(self, 'dilation'), 1n)) out += `, dilation=${s('dilation')}`;
  if (!allEqual(attr(self, 'output_padding'), 0n)) {
    out += `, output_padding=${s('output_padding')}`;
  }
  if (attr(self, 'groups') !== 1n) out += `, groups=${s('groups')}`;
  if (attr(self, 'bias') === null) out += ', bias=False';
  if (attr(self, 'padding_mode') !== 'zeros') out += `, padding_mode=${s('padding_mode')}`;
  return out;
}

function conv(dims: 1 | 2): PyClass {
  const name = `Conv${dims}d`;
  return layer({
    name,
    module: 'torch.nn.modules.conv',
    init: "any in_channels, any out_channels, any kernel_size, any stride=1, any padding=0, any dilation=1, any groups=1, any bias=True, any padding_mode='zeros', any device=None, any dtype=None",
    setup: (self, a) => {
      setupConv(self, a, dims);
    },
    forward: (self, args, kwargs) => {
      const input = oneInput(name, args, kwargs);
      const mode = attr(self, 'padding_mode');
      if (mode !== 'zeros') {
        throw pyError(
          'NotImplementedError',
          `${name}(padding_mode='${pyStr(mode)}') pads with F.pad, which grad-graph does not support yet`,
        );
      }
      return callValue(F(`conv${dims}d`), [
        input,
        attr(self, 'weight'),
        attr(self, 'bias'),
        attr(self, 'stride'),
        attr(self, 'padding'),
        attr(self, 'dilation'),
        attr(self, 'groups'),
      ]);
    },
    extraRepr: convRepr,
    more: [
      pyMethod(name, 'reset_parameters()', (self) => {
        resetWeightAndBias(self, false);
        return null;
      }),
    ],
  });
}

const conv1d = conv(1);
const conv2d = conv(2);

const maxPool2d = layer({
  name: 'MaxPool2d',
  module: 'torch.nn.modules.pooling',
  init: 'any kernel_size, any stride=None, any padding=0, any dilation=1, any return_indices=False, any ceil_mode=False',
  setup: (self, a) => {
    const kernel = a.get('kernel_size');
    const stride = a.get('stride');
    setAttr(self, 'kernel_size', kernel);
    setAttr(self, 'stride', stride === null ? kernel : stride);
    for (const k of ['padding', 'dilation', 'return_indices', 'ceil_mode']) {
      setAttr(self, k, a.get(k));
    }
  },
  forward: (self, args, kwargs) =>
    callValue(
      F('max_pool2d'),
      [
        oneInput('MaxPool2d', args, kwargs),
        attr(self, 'kernel_size'),
        attr(self, 'stride'),
        attr(self, 'padding'),
        attr(self, 'dilation'),
      ],
      new Map([
        ['ceil_mode', attr(self, 'ceil_mode')],
        ['return_indices', attr(self, 'return_indices')],
      ]),
    ),
  extraRepr: (self) =>
    ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode']
      .map((k) => `${k}=${pyStr(attr(self, k))}`)
      .join(', '),
});

const avgPool2d = layer({
  name: 'AvgPool2d',
  module: 'torch.nn.modules.pooling',
  init: 'any kernel_size, any stride=None, any padding=0, any ceil_mode=False, any count_include_pad=True, any divisor_override=None',
  setup: (self, a) => {
    const kernel = a.get('kernel_size');
    const stride = a.get('stride');
    setAttr(self, 'kernel_size', kernel);
    setAttr(self, 'stride', stride === null ? kernel : stride);
    for (const k of ['padding', 'ceil_mode', 'count_include_pad', 'divisor_override']) {
      setAttr(self, k, a.get(k));
    }
  },
  forward: (self, args, kwargs) =>
    callValue(F('avg_pool2d'), [
      oneInput('AvgPool2d', args, kwargs),
      ...['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'].map((k) =>
        attr(self, k),
      ),
      attr(self, 'divisor_override'),
    ]),
  extraRepr: (self) =>
    ['kernel_size', 'stride', 'padding'].map((k) => `${k}=${pyStr(attr(self, k))}`).join(', '),
});

const adaptiveAvgPool2d = layer({
  name: 'AdaptiveAvgPool2d',
  module: 'torch.nn.modules.pooling',
  init: 'any output_size',
  setup: (self, a) => {
    setAttr(self, 'output_size', a.get('output_size'));
  },
  forward: (self, args, kwargs) =>
    callValue(F('adaptive_avg_pool2d'), [
      oneInput('AdaptiveAvgPool2d', args, kwargs),
      attr(self, 'output_size'),
    ]),
  extraRepr: (self) => `output_size=${pyStr(attr(self, 'output_size'))}`,
});

/** The convolution and pooling classes by their `torch.nn` name. */
export function convClasses(): [string, PyClass][] {
  return [
    ['Conv1d', conv1d],
    ['Conv2d', conv2d],
    ['MaxPool2d', maxPool2d],
    ['AvgPool2d', avgPool2d],
    ['AdaptiveAvgPool2d', adaptiveAvgPool2d],
  ];
}
