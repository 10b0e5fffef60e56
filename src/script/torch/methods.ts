/**
 * Tensor methods by their Python names, each with PyTorch's signature (parameter names, keyword
 * arguments, defaults): the ops' declared Python forms (bindings.ts) and the tensor's own
 * methods. The same table, with `input` prepended, gives the functional forms `torch.add(x, y)`
 * (see modules.ts).
 */
import {inTensorBackward} from './autograd-frames.js';
import {Tensor, elementSize} from '../../../autograd/index.js';
import type {DType} from '../../../autograd/index.js';
import {pyError} from '../errors.js';
import {PyList, TorchDtype, TorchSize, PyTuple} from '../values.js';
import {cudaNotCompiled, isDevice, requireCpu} from './device.js';
import {typeMethod} from './legacy.js';
import {typeName} from '../repr.js';
import {bind, invalidArguments, ov, sig, type Overload} from './args.js';
import {opMethods, type Args, type MethodSpec} from './bindings.js';
import {dtypeObject, fromNestedList, toInt} from './convert.js';
import {newFactoryMethods} from './new-factories.js';
import type {Kwargs} from '../values.js';
import {tensorRegisterHook} from './hooks.js';

export type {Args, MethodSpec} from './bindings.js';

function noArgs(name: string, run: (self: Tensor) => unknown): [string, MethodSpec] {
  return [name, {signature: sig(`${name}()`), run: (t) => run(t), noArgs: true}];
}

function method(
  text: string,
  run: (self: Tensor, a: Args) => unknown,
  style: 'native' | 'python' = 'native',
  overloads?: readonly Overload[],
): [string, MethodSpec] {
  const signature = sig(text, style, overloads);
  const name = signature.name.replace(/^Tensor\./, '');
  return [name, {signature, run}];
}

function backward(self: Tensor, a: Args): null {
  let gradient = a.get('gradient');
  if (gradient !== null && !(gradient instanceof Tensor)) {
    // torch.autograd.backward turns `gradient` into a sequence, then checks each item.
    if (!(gradient instanceof PyList || gradient instanceof PyTuple)) {
      throw pyError('TypeError', `'${typeName(gradient)}' object is not iterable`);
    }
    const items = gradient.items;
    for (const g of items) {
      if (g !== null && !(g instanceof Tensor)) {
        throw pyError(
          'TypeError',
          `gradients can be either Tensors or None, but got ${typeName(g)}`,
        );
      }
    }
    gradient = items[0] ?? null;
  }
  const retain = a.get('retain_graph');
  const inputs = a.get('inputs');
  inTensorBackward(() => {
    self.backward(gradient as Tensor | null, {
      ...(retain !== null ? {retainGraph: retain === true} : {}),
      ...(a.get('create_graph') === true ? {createGraph: true} : {}),
      ...(inputs instanceof Tensor
        ? {inputs: [inputs]}
        : inputs instanceof PyTuple
          ? {inputs: inputs.items as Tensor[]}
          : {}),
    });
  });
  return null;
}

const toSignature = sig(
  'to(any device=None, any dtype=None, bool non_blocking=False, bool copy=False)',
  'native',
  [
    ov(
      '(torch.device device, torch.dtype dtype, bool non_blocking, bool copy, *, torch.memory_format memory_format)',
      0,
      5,
    ),
    ov(
      '(torch.dtype dtype, bool non_blocking, bool copy, *, torch.memory_format memory_format)',
      1,
      4,
    ),
    ov('(Tensor tensor, bool non_blocking, bool copy, *, torch.memory_format memory_format)', 1, 4),
  ],
);

/**
 * `x.to(dtype)`, `x.to('cpu')`, `x.to(device, dtype)`, `x.to(other)`, `copy=True`: a dtype cast
 * (a copy when asked); the device must be the CPU. The first positional slot holds whichever
 * PyTorch's overloads put there.
 */
function toMethod(self: Tensor, a: Args): unknown {
  const first = a.get('device');
  const second = a.get('dtype');
  const given = [first, second].filter((v) => v !== null);
  const invalid = (): never => invalidArguments(toSignature, given, new Map());
  let dtype: DType = self.dtype;
  if (second !== null && !(second instanceof TorchDtype)) invalid();
  if (first instanceof TorchDtype) {
    if (second !== null) invalid();
    dtype = first.name as DType;
  } else if (first instanceof Tensor) {
    if (second !== null) invalid();
    dtype = first.dtype;
  } else if (isDevice(first) || typeof first === 'bigint') {
    requireCpu(first);
  } else if (first !== null) {
    invalid();
  }
  if (second !== null) dtype = (second as TorchDtype).name as DType;
  return self.to(dtype, a.get('copy') === true);
}

/**
 * The Python tensor methods grad-graph supports, by name: the ops' declared Python forms
 * (bindings.ts), then the tensor's own methods that are no op (attributes, autograd, devices).
 */
export const tensorMethods: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  ...opMethods(),
  ...newFactoryMethods(),
  ['to', {signature: toSignature, run: toMethod}],
  noArgs('cpu', (t) => t),
  method('cuda(any device=None, bool non_blocking=False, any memory_format=None)', () => {
    throw cudaNotCompiled();
  }),
  method('type(any dtype=None, bool non_blocking=False)', (t, a) => typeMethod(t, a.get('dtype'))),
  noArgs('numpy', () => {
    throw pyError(
      'NotImplementedError',
      'Tensor.numpy() needs numpy, which grad-graph does not run: keep the tensor, or use .tolist()',
    );
  }),
  noArgs('item', (t) => t.item()),
  noArgs('tolist', (t) => fromNestedList(t.tolist())),
  method(
    'size(int? dim=None)',
    (t, a) => {
      const dim = a.get('dim');
      return dim === null ? new TorchSize(t.shape) : BigInt(t.size(toInt(dim)));
    },
    'native',
    [ov('(int dim)', 1, 1), ov('()', 0, 0), ov('(name dim)', 1, 1)],
  ),
  noArgs('dim', (t) => BigInt(t.dim())),
  noArgs('ndimension', (t) => BigInt(t.dim())),
  noArgs('numel', (t) => BigInt(t.numel())),
  noArgs('nelement', (t) => BigInt(t.numel())),
  noArgs('stride', (t) => new PyTuple(t.stride().map((s) => BigInt(s)))),
  noArgs('is_contiguous', (t) => t.isContiguous()),
  noArgs('is_floating_point', (t) => t.isFloatingPoint()),
  noArgs('element_size', (t) => BigInt(elementSize(t.dtype))),
  noArgs('is_signed', (t) => t.dtype !== 'uint8' && t.dtype !== 'bool'),
  method(
    'Tensor.backward(any gradient=None, any retain_graph=None, any create_graph=False, any inputs=None)',
    backward,
    'python',
  ),
  method('register_hook(any hook)', (t, a) => tensorRegisterHook(t, a.get('hook')), 'python'),
  noArgs('retain_grad', (t) => {
    t.retainGrad();
    return null;
  }),
  method('requires_grad_(bool requires_grad=True)', (t, a) =>
    t.requiresGrad_(a.get('requires_grad') === true),
  ),
]);

/** PyTorch's error for a dimension given by name (a str) on a tensor without dimension names. */
export function checkNamedDim(
  spec: MethodSpec,
  self: Tensor,
  args: readonly unknown[],
  kwargs: Kwargs,
): void {
  // Only methods with a named-dimension overload look the name up (and fail on unnamed tensors).
  if (!spec.signature.overloads?.some((o) => o.text.includes('name'))) return;
  const positional = spec.signature.params.filter((p) => !p.kwOnly);
  const position = positional.findIndex((p) => p.name === 'dim');
  const value = kwargs.get('dim') ?? (position >= 0 ? args[position] : undefined);
  if (typeof value === 'string') {
    const names = Array.from({length: self.dim()}, () => 'None').join(', ');
    throw pyError('RuntimeError', `Name '${value}' not found in Tensor[${names}].`);
  }
}

/** Calls a tensor method with Python arguments. */
export function callMethod(
  spec: MethodSpec,
  self: Tensor,
  args: readonly unknown[],
  kwargs: Kwargs,
): unknown {
  checkNamedDim(spec, self, args, kwargs);
  if (spec.noArgs && (args.length > 0 || kwargs.size > 0)) {
    if (kwargs.size > 0) {
      throw pyError('TypeError', `_TensorBase.${spec.signature.name}() takes no keyword arguments`);
    }
    throw pyError(
      'TypeError',
      `_TensorBase.${spec.signature.name}() takes no arguments (${args.length} given)`,
    );
  }
  const a = spec.parsesItself ? new Map<string, unknown>() : bind(spec.signature, args, kwargs);
  return spec.run(self, a, args, kwargs);
}

/** The dtype object of a tensor (`x.dtype`). */
export function tensorDtype(t: Tensor): unknown {
  return dtypeObject(t.dtype);
}
