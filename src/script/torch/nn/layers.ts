/**
 * nn's layers as TS-defined subclasses of nn.Module: Linear (PyTorch's default initialisation,
 * kaiming_uniform_(a=√5) then a uniform bias, so a seeded run draws PyTorch's numbers), the
 * activations ReLU, Tanh, Sigmoid, Softmax and LogSoftmax (the others are activations.ts), Identity
 * and Flatten.
 * Each forward calls the `torch.nn.functional` function PyTorch's forward calls.
 */
import * as factories from '../../../../autograd/ops/factories.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {instanceGetAttr, instanceSetAttr} from '../../classes.js';
import {inLibrary, pyError} from '../../errors.js';
import {PyMethodDescriptor, type PyClass, type PyInstance} from '../../objects.js';
import {pyRepr, pyStr, typeName} from '../../repr.js';
import type {Kwargs} from '../../values.js';
import {tensorAttribute} from '../attributes.js';
import {toDType} from '../convert.js';
import {functionalModule} from '../functional.js';
import {fanInAndOut, initUniform, kaimingUniform} from './init.js';
import {initModule, moduleSubclass, pyMethod, type MethodArgs} from './module.js';
import {makeParameter} from './parameter-class.js';
import {forwardFrame} from './sources.js';

let functional: Map<string, unknown> | null = null;

/** `F.name` (the functional module's function). */
export function F(name: string): unknown {
  functional ??= functionalModule().attrs;
  const f = functional.get(name);
  if (f === undefined) throw new Error(`grad-graph: torch.nn.functional.${name} is missing`);
  return f;
}

/** `self.name`. */
export function attr(self: PyInstance, name: string): unknown {
  return instanceGetAttr(self, name);
}

/** `self.name = value` (through the class's `__setattr__`). */
export function setAttr(self: PyInstance, name: string, value: unknown): void {
  instanceSetAttr(self, name, value);
}

/** What a layer class declares: its `__init__` parameters and body, forward, extra_repr. */
export interface LayerSpec {
  readonly name: string;
  /** Its Python module (`torch.nn.modules.linear`). */
  readonly module: string;
  /** `__init__`'s parameters after self, in the compact signature form. */
  readonly init: string;
  readonly setup: (self: PyInstance, a: MethodArgs) => void;
  readonly forward?: (self: PyInstance, args: readonly unknown[], kwargs: Kwargs) => unknown;
  /** `forward`'s parameters (for its messages), when `forward` takes one `input`. */
  readonly extraRepr?: (self: PyInstance) => string;
  readonly more?: Iterable<[string, unknown]>;
  readonly base?: PyClass;
}

/** A TS-defined nn.Module subclass. */
export function layer(spec: LayerSpec): PyClass {
  const entries: [string, unknown][] = [
    pyMethod(spec.name, `__init__(${spec.init})`, (self, a) => {
      initModule(self);
      spec.setup(self, a);
      return null;
    }),
  ];
  const forward = spec.forward;
  if (forward) {
    const frame = forwardFrame(spec.name);
    entries.push([
      'forward',
      new PyMethodDescriptor(
        'forward',
        (self, args, kwargs) => {
          // Python binds `forward(self, input)` before its body (and its frame) runs.
          oneInput(spec.name, args, kwargs);
          const body = () => forward(self as PyInstance, args, kwargs);
          // Softmax's warning names the caller (_stacklevel=5), the others warn at forward's line.
          return frame ? inLibrary(frame, body, !spec.name.endsWith('Softmax')) : body();
        },
        spec.name,
      ),
    ]);
  }
  const extra = spec.extraRepr;
  if (extra) entries.push(pyMethod(spec.name, 'extra_repr()', (self) => extra(self)));
  entries.push(...(spec.more ?? []));
  return spec.base
    ? moduleSubclass(spec.name, spec.module, entries, spec.base)
    : moduleSubclass(spec.name, spec.module, entries);
}

/** The one `input` argument of a forward (Python's message when missing or doubled). */
export function oneInput(owner: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  const input = args[0] ?? kwargs.get('input');
  const given = args.length + kwargs.size;
  if (input === undefined) {
    throw pyError(
      'TypeError',
      `${owner}.forward() missing 1 required positional argument: 'input'`,
    );
  }
  if (given > 1) {
    throw pyError(
      'TypeError',
      `${owner}.forward() takes 2 positional arguments but ${given + 1} were given`,
    );
  }
  return input;
}

function inplaceRepr(self: PyInstance): string {
  return attr(self, 'inplace') === true ? 'inplace=True' : '';
}

function dtypeOf(v: unknown) {
  const d = toDType(v);
  return d ?? 'float32';
}

/** `torch.empty(shape, dtype=dtype)` with PyTorch's messages for a bad size (zeros: init fills it). */
export function emptyTensor(shape: readonly unknown[], dtype: unknown): Tensor {
  const dims = shape.map((d) => {
    if (typeof d !== 'bigint') {
      throw pyError(
        'TypeError',
        `empty(): argument 'size' must be tuple of SymInts, but found element of type ${typeof d === 'number' ? 'float' : 'str'} at pos ${shape.indexOf(d) + 1}`,
      );
    }
    if (d < 0n) {
      throw pyError(
        'RuntimeError',
        `Trying to create tensor with negative dimension ${d}: [${shape.map(String).join(', ')}]`,
      );
    }
    return d;
  });
  return factories.zeros(dims, {dtype: dtypeOf(dtype)});
}

/**
 * Linear's and _ConvNd's `reset_parameters`: `kaiming_uniform_(weight, a=√5)`, then the bias
 * uniform in ±1/√fan_in; when fan_in is 0 Linear draws it in ±0, _ConvNd leaves it alone.
 */
export function resetWeightAndBias(self: PyInstance, linear: boolean): void {
  const weight = attr(self, 'weight') as Tensor;
  kaimingUniform(weight, Math.sqrt(5));
  const bias = attr(self, 'bias');
  if (bias instanceof Tensor) {
    const [fanIn] = fanInAndOut(weight);
    if (fanIn > 0 || linear) {
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      initUniform(bias, -bound, bound);
    }
  }
}

const linear = layer({
  name: 'Linear',
  module: 'torch.nn.modules.linear',
  init: 'any in_features, any out_features, any bias=True, any device=None, any dtype=None',
  setup: (self, a) => {
    const inF = a.get('in_features');
    const outF = a.get('out_features');
    setAttr(self, 'in_features', inF);
    setAttr(self, 'out_features', outF);
    setAttr(self, 'weight', makeParameter(emptyTensor([outF, inF], a.get('dtype'))));
    if (a.get('bias') !== false && a.get('bias') !== null) {
      setAttr(self, 'bias', makeParameter(emptyTensor([outF], a.get('dtype'))));
    } else {
      callValue(attr(self, 'register_parameter'), ['bias', null]);
    }
    callValue(attr(self, 'reset_parameters'));
  },
  forward: (self, args, kwargs) =>
    callValue(F('linear'), [
      oneInput('Linear', args, kwargs),
      attr(self, 'weight'),
      attr(self, 'bias'),
    ]),
  extraRepr: (self) =>
    `in_features=${pyStr(attr(self, 'in_features'))}, out_features=${pyStr(attr(self, 'out_features'))}, bias=${attr(self, 'bias') === null ? 'False' : 'True'}`,
  more: [
    pyMethod('Linear', 'reset_parameters()', (self) => {
      resetWeightAndBias(self, true);
      return null;
    }),
  ],
});

/** An activation whose forward is `F.name(input)` (or `torch.name`), with PyTorch's extra_repr. */
function activation(
  name: string,
  fn: string,
  init = '',
  keys: readonly string[] = [],
  extraRepr?: (self: PyInstance) => string,
  kw: (self: PyInstance) => [string, unknown][] = () => [],
): PyClass {
  return layer({
    name,
    module: 'torch.nn.modules.activation',
    init,
    setup: (self, a) => {
      for (const k of keys) setAttr(self, k, a.get(k));
    },
    forward: (self, args, kwargs) =>
      callValue(F(fn), [oneInput(name, args, kwargs)], new Map(kw(self))),
    ...(extraRepr ? {extraRepr} : {}),
  });
}

const relu = activation('ReLU', 'relu', 'any inplace=False', ['inplace'], inplaceRepr, (s) =>
  attr(s, 'inplace') === true ? [['inplace', true]] : [],
);
/** Tanh / Sigmoid: their forward is `torch.name(input)` (F.name would warn it is deprecated). */
function torchActivation(name: string, fn: 'tanh' | 'sigmoid'): PyClass {
  return layer({
    name,
    module: 'torch.nn.modules.activation',
    init: '',
    setup: () => undefined,
    forward: (_self, args, kwargs) => {
      const input = oneInput(name, args, kwargs);
      if (!(input instanceof Tensor)) {
        throw pyError(
          'TypeError',
          `${fn}(): argument 'input' (position 1) must be Tensor, not ${typeName(input)}`,
        );
      }
      return input[fn]();
    },
  });
}

const tanh = torchActivation('Tanh', 'tanh');
const sigmoid = torchActivation('Sigmoid', 'sigmoid');
/** Softmax, LogSoftmax, Softmin: `F.fn(input, self.dim, _stacklevel=5)`, extra_repr `dim=…`. */
function dimActivation(name: string, fn: string): PyClass {
  return activation(
    name,
    fn,
    'any dim=None',
    ['dim'],
    (s) => `dim=${pyStr(attr(s, 'dim'))}`,
    (s) => [
      ['dim', attr(s, 'dim')],
      ['_stacklevel', 5n],
    ],
  );
}

const softmax = dimActivation('Softmax', 'softmax');
const logSoftmax = dimActivation('LogSoftmax', 'log_softmax');
const softmin = dimActivation('Softmin', 'softmin');

const unflatten = layer({
  name: 'Unflatten',
  module: 'torch.nn.modules.flatten',
  init: 'any dim, any unflattened_size',
  setup: (self, a) => {
    setAttr(self, 'dim', a.get('dim'));
    setAttr(self, 'unflattened_size', a.get('unflattened_size'));
  },
  forward: (self, args, kwargs) => {
    const input = oneInput('Unflatten', args, kwargs);
    if (!(input instanceof Tensor)) {
      throw pyError('AttributeError', `'${typeName(input)}' object has no attribute 'unflatten'`);
    }
    return callValue(tensorAttribute(input, 'unflatten'), [
      attr(self, 'dim'),
      attr(self, 'unflattened_size'),
    ]);
  },
  extraRepr: (self) =>
    `dim=${pyStr(attr(self, 'dim'))}, unflattened_size=${pyStr(attr(self, 'unflattened_size'))}`,
});

const identity = layer({
  name: 'Identity',
  module: 'torch.nn.modules.linear',
  init: '',
  setup: () => undefined,
  forward: (_self, args, kwargs) => oneInput('Identity', args, kwargs),
});

const flatten = layer({
  name: 'Flatten',
  module: 'torch.nn.modules.flatten',
  init: 'any start_dim=1, any end_dim=-1',
  setup: (self, a) => {
    setAttr(self, 'start_dim', a.get('start_dim'));
    setAttr(self, 'end_dim', a.get('end_dim'));
  },
  forward: (self, args, kwargs) => {
    const input = oneInput('Flatten', args, kwargs);
    if (!(input instanceof Tensor)) {
      throw pyError('AttributeError', `'${pyRepr(input)}' object has no attribute 'flatten'`);
    }
    return input.flatten(attr(self, 'start_dim') as bigint, attr(self, 'end_dim') as bigint);
  },
  extraRepr: (self) =>
    `start_dim=${pyStr(attr(self, 'start_dim'))}, end_dim=${pyStr(attr(self, 'end_dim'))}`,
});

/** The layer classes by their `torch.nn` name. */
export function layerClasses(): [string, PyClass][] {
  return [
    ['Linear', linear],
    ['Identity', identity],
    ['ReLU', relu],
    ['Tanh', tanh],
    ['Sigmoid', sigmoid],
    ['Softmax', softmax],
    ['LogSoftmax', logSoftmax],
    ['Flatten', flatten],
    ['Unflatten', unflatten],
    ['Softmin', softmin],
  ];
}
