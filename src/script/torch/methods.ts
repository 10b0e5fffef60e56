/**
 * Tensor methods by their Python names, each with PyTorch's signature (parameter names, keyword
 * arguments, defaults) mapped onto autograd/'s camelCase method. The same table, with `input`
 * prepended, gives the functional forms `torch.add(x, y)` (see functions.ts).
 */
import type {DType, Scalar} from '../../../autograd/dtype.js';
import type {Int} from '../../../autograd/shape.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {PyList, PyNamedTuple, TorchDtype, TorchSize, PyTuple} from '../values.js';
import {checkDevice} from './device.js';
import {minAll, minDim} from '../../../autograd/ops/reduce.js';
import {typeName} from '../repr.js';
import {bind, invalidArguments, ov, sig, type Overload, type Signature} from './args.js';
import {dtypeObject, fromNestedList, toDims, toDType, toInt, toSize} from './convert.js';
import type {Kwargs} from '../values.js';

/** Bound arguments by parameter name. */
export type Args = Map<string, unknown>;

/** A tensor method: its signature and implementation. */
export interface MethodSpec {
  readonly signature: Signature;
  readonly run: (self: Tensor, a: Args) => unknown;
  /** A C method taking no arguments (`_TensorBase.item() takes no arguments (1 given)`). */
  readonly noArgs?: boolean;
}

const num = (a: Args, k: string) => a.get(k) as Tensor | Scalar;
const opt = (v: unknown): Int | undefined => (v === null || v === undefined ? undefined : toInt(v));

function noArgs(name: string, run: (self: Tensor) => unknown): [string, MethodSpec] {
  return [name, {signature: sig(`${name}()`), run: (t) => run(t), noArgs: true}];
}

function method(
  text: string,
  run: (self: Tensor, a: Args) => unknown,
  overloads?: readonly Overload[],
  style: 'native' | 'python' = 'native',
): [string, MethodSpec] {
  const signature = sig(text, style, overloads);
  const name = signature.name.replace(/^Tensor\./, '');
  return [name, {signature, run}];
}

const softmaxOverloads = [
  ov('(int dim, torch.dtype dtype)', 1, 2),
  ov('(name dim, *, torch.dtype dtype)', 1, 2),
];

const reduceOverloads = [
  ov('(*, torch.dtype dtype)', 0, 1),
  ov('(tuple of ints dim, bool keepdim, *, torch.dtype dtype)', 1, 3),
  ov('(tuple of names dim, bool keepdim, *, torch.dtype dtype)', 1, 3),
];

function reduceOptions(a: Args) {
  return {
    dim: toDims(a.get('dim')),
    keepdim: a.get('keepdim') === true,
    ...(a.get('dtype') ? {dtype: toDType(a.get('dtype'))} : {}),
  };
}

/** `x.max(keepdim=True)`: no overload takes keepdim without dim. */
function keepdimWithoutDim(name: 'max' | 'min'): never {
  const spec = tensorMethods.get(name);
  if (!spec) throw pyError('TypeError', `${name}() received an invalid combination of arguments`);
  return invalidArguments(spec.signature, [], new Map([['keepdim', true]]));
}

function maxResult(self: Tensor, a: Args): unknown {
  const dim = a.get('dim');
  if (dim === null || dim === undefined) {
    if (a.get('keepdim') === true) keepdimWithoutDim('max');
    return self.max();
  }
  const r = self.max({dim: toInt(dim), keepdim: a.get('keepdim') === true});
  if (!Array.isArray(r)) return r;
  return new PyNamedTuple('torch.return_types.max', ['values', 'indices'], r);
}

function minResult(self: Tensor, a: Args): unknown {
  const dim = a.get('dim');
  if (dim === null || dim === undefined) {
    if (a.get('keepdim') === true) keepdimWithoutDim('min');
    return minAll(self);
  }
  const r = minDim(self, toInt(dim), a.get('keepdim') === true);
  return new PyNamedTuple('torch.return_types.min', ['values', 'indices'], r);
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
  self.backward(gradient as Tensor | null, {
    ...(retain !== null ? {retainGraph: retain === true} : {}),
    ...(a.get('create_graph') === true ? {createGraph: true} : {}),
    ...(inputs instanceof Tensor
      ? {inputs: [inputs]}
      : inputs instanceof PyTuple
        ? {inputs: inputs.items as Tensor[]}
        : {}),
  });
  return null;
}

/**
 * PyTorch 1.13's `norm(p='fro', dim=…)` calls `frobenius_norm(input, [dim] if an int else dim)`:
 * its argument parser's errors for anything but an int or a sequence of at most two ints.
 */
function checkFrobeniusDim(dim: unknown): void {
  if (dim === null || dim === undefined || typeof dim === 'bigint') return;
  const items = dim instanceof PyList || dim instanceof PyTuple ? dim.items : null;
  if (items === null || typeof dim === 'boolean') {
    // A bool is not an int here: [True] is refused whole, as a list.
    const what = typeof dim === 'boolean' ? 'list' : typeName(dim);
    throw pyError(
      'TypeError',
      `frobenius_norm(): argument 'dim' (position 2) must be tuple of ints, not ${what}`,
    );
  }
  items.forEach((v, i) => {
    if (typeof v !== 'bigint') {
      throw pyError(
        'TypeError',
        `frobenius_norm(): argument 'dim' must be tuple of ints, but found element of type ${typeName(v)} at pos ${i + 1}`,
      );
    }
  });
  if (items.length > 2) {
    throw pyError(
      'RuntimeError',
      `Expected at most 2 dimensions, but got ${items.length} dimensions instead.`,
    );
  }
}

function normOptions(a: Args) {
  const p = a.get('p');
  if (typeof p === 'string' && p !== 'fro') {
    throw pyError('NotImplementedError', `norm(p='${p}') is not supported by grad-graph yet`);
  }
  if (p === 'fro') checkFrobeniusDim(a.get('dim'));
  const out: {p?: Scalar; dim?: ReturnType<typeof toDims>; keepdim?: boolean} = {};
  if (typeof p === 'number' || typeof p === 'bigint' || typeof p === 'boolean') out.p = p;
  const dim = toDims(a.get('dim'));
  if (dim !== null) out.dim = dim;
  if (a.get('keepdim') === true) out.keepdim = true;
  return out;
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
 * `x.to(dtype)`, `x.to('cpu')`, `x.to('cpu', dtype)`, `x.to(other)`: a dtype cast; the device must
 * be the CPU. The first positional slot holds whichever PyTorch's overloads put there.
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
  } else if (typeof first === 'string' || typeof first === 'bigint') {
    checkDevice(first);
  } else if (first !== null) {
    invalid();
  }
  if (second !== null) {
    if (!(second instanceof TorchDtype)) invalid();
    dtype = (second as TorchDtype).name as DType;
  }
  if (a.get('copy') === true) {
    throw pyError('NotImplementedError', 'to(copy=True) is not supported by grad-graph yet');
  }
  return self.to(dtype);
}

/** The Python tensor methods grad-graph supports, by name. */
export const tensorMethods: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  method(
    'add(TensorOrNumber other, *, Number alpha=1)',
    (t, a) => t.add(num(a, 'other'), {alpha: a.get('alpha') as Scalar}),
    [ov('(Tensor other, *, Number alpha)', 1, 2), ov('(Number alpha, Tensor other)', 2, 2, true)],
  ),
  method(
    'sub(TensorOrNumber other, *, Number alpha=1)',
    (t, a) => t.sub(num(a, 'other'), {alpha: a.get('alpha') as Scalar}),
    [ov('(Tensor other, *, Number alpha)', 1, 2), ov('(Number alpha, Tensor other)', 2, 2, true)],
  ),
  method('mul(TensorOrNumber other)', (t, a) => t.mul(num(a, 'other'))),
  method('div(TensorOrNumber other, *, any rounding_mode=None)', (t, a) => {
    if (a.get('rounding_mode') !== null) {
      throw pyError(
        'NotImplementedError',
        'div(rounding_mode=...) is not supported by grad-graph yet',
      );
    }
    return t.div(num(a, 'other'));
  }),
  method('pow(TensorOrNumber exponent)', (t, a) => t.pow(num(a, 'exponent')), [
    ov('(Tensor exponent)', 1, 1),
    ov('(Number exponent)', 1, 1),
  ]),
  ...(
    [
      ['floor_divide', (t: Tensor, o: Tensor | Scalar) => t.floorDivide(o)],
      ['remainder', (t: Tensor, o: Tensor | Scalar) => t.remainder(o)],
      ['fmod', (t: Tensor, o: Tensor | Scalar) => t.fmod(o)],
      ['floor_divide_', (t: Tensor, o: Tensor | Scalar) => t.floorDivide_(o)],
      ['remainder_', (t: Tensor, o: Tensor | Scalar) => t.remainder_(o)],
    ] as const
  ).map(([name, run]) =>
    method(`${name}(TensorOrNumber other)`, (t, a) => run(t, num(a, 'other')), [
      ov('(Tensor other)', 1, 1),
      ov('(Number other)', 1, 1),
    ]),
  ),
  method(
    'round(*, int? decimals=None)',
    (t, a) => {
      const decimals = a.get('decimals');
      return t.round(decimals === null ? {} : {decimals: Number(toInt(decimals))});
    },
    [ov('()', 0, 0), ov('(*, int decimals)', 0, 1, false, 1)],
  ),
  noArgs('floor', (t) => t.floor()),
  noArgs('ceil', (t) => t.ceil()),
  noArgs('trunc', (t) => t.trunc()),
  noArgs('neg', (t) => t.neg()),
  noArgs('exp', (t) => t.exp()),
  noArgs('log', (t) => t.log()),
  noArgs('sqrt', (t) => t.sqrt()),
  noArgs('abs', (t) => t.abs()),
  noArgs('sin', (t) => t.sin()),
  noArgs('cos', (t) => t.cos()),
  noArgs('tanh', (t) => t.tanh()),
  noArgs('sigmoid', (t) => t.sigmoid()),
  noArgs('relu', (t) => t.relu()),
  noArgs('reciprocal', (t) => t.reciprocal()),
  method(
    'clamp(Number? min=None, Number? max=None)',
    (t, a) => t.clamp({min: a.get('min') as Scalar | null, max: a.get('max') as Scalar | null}),
    [ov('(Tensor min, Tensor max)', 0, 2), ov('(Number min, Number max)', 0, 2)],
  ),
  method(
    'sum(ints? dim=None, bool keepdim=False, *, dtype? dtype=None)',
    (t, a) => t.sum(reduceOptions(a)),
    reduceOverloads,
  ),
  method(
    'mean(ints? dim=None, bool keepdim=False, *, dtype? dtype=None)',
    (t, a) => t.mean(reduceOptions(a)),
    reduceOverloads,
  ),
  method('max(int? dim=None, bool keepdim=False)', maxResult, [
    ov('()', 0, 0),
    ov('(Tensor other)', 1, 1),
    ov('(int dim, bool keepdim)', 1, 2),
    ov('(name dim, bool keepdim)', 1, 2),
  ]),
  method('min(int? dim=None, bool keepdim=False)', minResult, [
    ov('()', 0, 0),
    ov('(Tensor other)', 1, 1),
    ov('(int dim, bool keepdim)', 1, 2),
    ov('(name dim, bool keepdim)', 1, 2),
  ]),
  method(
    'Tensor.norm(any p=fro, any dim=None, any keepdim=False, any dtype=None)',
    (t, a) => t.norm(normOptions(a)),
    undefined,
    'python',
  ),
  ...(['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const).map((name) =>
    method(`${name}(TensorOrNumber other)`, (t, a) => t[name](num(a, 'other')), [
      ov('(Tensor other)', 1, 1),
      ov('(Number other)', 1, 1),
    ]),
  ),
  method('argmax(int? dim=None, bool keepdim=False)', (t, a) =>
    t.argmax({dim: opt(a.get('dim')) ?? null, keepdim: a.get('keepdim') === true}),
  ),
  method('matmul(Tensor other)', (t, a) => t.matmul(a.get('other') as Tensor)),
  method('mm(Tensor mat2)', (t, a) => t.mm(a.get('mat2') as Tensor)),
  method('mv(Tensor vec)', (t, a) => t.mv(a.get('vec') as Tensor)),
  method('dot(Tensor tensor)', (t, a) => t.dot(a.get('tensor') as Tensor)),
  noArgs('t', (t) => t.t()),
  method(
    'transpose(int dim0, int dim1)',
    (t, a) => t.transpose(toInt(a.get('dim0')), toInt(a.get('dim1'))),
    [ov('(int dim0, int dim1)', 2, 2), ov('(name dim0, name dim1)', 2, 2)],
  ),
  method('permute(*ints dims)', (t, a) => t.permute(toSize(a.get('dims')))),
  method('view(*ints size)', (t, a) => t.view(toSize(a.get('size'))), [
    ov('(torch.dtype dtype)', 1, 1),
    ov('(tuple of SymInts size)', 1, 1),
  ]),
  method('reshape(*ints shape)', (t, a) => t.reshape(toSize(a.get('shape')))),
  method('expand(*ints size, *, bool implicit=False)', (t, a) => t.expand(toSize(a.get('size')))),
  method('flatten(int start_dim=0, int end_dim=-1)', (t, a) => {
    if (a.get('start_dim') !== 0n || a.get('end_dim') !== -1n) {
      throw pyError(
        'NotImplementedError',
        'flatten(start_dim, end_dim) is not supported by grad-graph yet',
      );
    }
    return t.flatten();
  }),
  method('unsqueeze(int dim)', (t, a) => t.unsqueeze(toInt(a.get('dim')))),
  method('squeeze(int? dim=None)', (t, a) => t.squeeze(opt(a.get('dim'))), [
    ov('()', 0, 0),
    ov('(int dim)', 1, 1),
    ov('(name dim)', 1, 1),
  ]),
  method(
    'select(int dim, int index)',
    (t, a) => t.select(toInt(a.get('dim')), toInt(a.get('index'))),
    [ov('(int dim, int index)', 2, 2), ov('(name dim, int index)', 2, 2)],
  ),
  noArgs('contiguous', (t) => t.contiguous()),
  noArgs('clone', (t) => t.clone()),
  noArgs('detach', (t) => t.detach()),
  noArgs('detach_', (t) => t.detach_()),
  ['to', {signature: toSignature, run: toMethod}],
  noArgs('cpu', (t) => t),
  noArgs('float', (t) => t.float()),
  noArgs('double', (t) => t.double()),
  noArgs('long', (t) => t.long()),
  noArgs('bool', (t) => t.bool()),
  method(
    'softmax(int dim, dtype? dtype=None)',
    (t, a) => t.softmax(toInt(a.get('dim'))),
    softmaxOverloads,
  ),
  method(
    'log_softmax(int dim, dtype? dtype=None)',
    (t, a) => t.logSoftmax(toInt(a.get('dim'))),
    softmaxOverloads,
  ),
  noArgs('zero_', (t) => t.zero_()),
  method('fill_(Number value)', (t, a) => t.fill_(a.get('value') as Scalar), [
    ov('(Tensor value)', 1, 1),
    ov('(Number value)', 1, 1),
  ]),
  method('add_(TensorOrNumber other, *, Number alpha=1)', (t, a) =>
    t.add_(num(a, 'other'), {alpha: a.get('alpha') as Scalar}),
  ),
  method('sub_(TensorOrNumber other, *, Number alpha=1)', (t, a) =>
    t.sub_(num(a, 'other'), {alpha: a.get('alpha') as Scalar}),
  ),
  method('mul_(TensorOrNumber other)', (t, a) => t.mul_(num(a, 'other'))),
  method('div_(TensorOrNumber other)', (t, a) => t.div_(num(a, 'other'))),
  noArgs('item', (t) => t.item()),
  noArgs('tolist', (t) => fromNestedList(t.tolist())),
  method(
    'size(int? dim=None)',
    (t, a) => {
      const dim = a.get('dim');
      return dim === null ? new TorchSize(t.shape) : BigInt(t.size(toInt(dim)));
    },
    [ov('(int dim)', 1, 1), ov('()', 0, 0), ov('(name dim)', 1, 1)],
  ),
  noArgs('dim', (t) => BigInt(t.dim())),
  noArgs('ndimension', (t) => BigInt(t.dim())),
  noArgs('numel', (t) => BigInt(t.numel())),
  noArgs('nelement', (t) => BigInt(t.numel())),
  noArgs('stride', (t) => new PyTuple(t.stride().map((s) => BigInt(s)))),
  noArgs('is_contiguous', (t) => t.isContiguous()),
  noArgs('is_floating_point', (t) => t.isFloatingPoint()),
  method(
    'Tensor.backward(any gradient=None, any retain_graph=None, any create_graph=False, any inputs=None)',
    backward,
    undefined,
    'python',
  ),
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
  const a = bind(spec.signature, args, kwargs);
  return spec.run(self, a);
}

/** The dtype object of a tensor (`x.dtype`). */
export function tensorDtype(t: Tensor): unknown {
  return dtypeObject(t.dtype);
}
