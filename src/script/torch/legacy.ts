/**
 * PyTorch's legacy surface that tutorials still write: the constructors `torch.Tensor(data)` /
 * `torch.Tensor(*sizes)` and the typed `torch.FloatTensor`, `DoubleTensor`, `HalfTensor`,
 * `LongTensor`, `IntTensor`, `ShortTensor`, `CharTensor`, `ByteTensor`, `BoolTensor`; `torch.autograd.Variable` (a plain tensor since 0.4, `requires_grad=` honoured);
 * and `Tensor.type()` with the legacy type names.
 */
import type {DType} from '../../../autograd/dtype.js';
import {legacyTypeName} from '../../../autograd/dtype.js';
import * as factories from '../../../autograd/ops/factories.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyError} from '../errors.js';
import {PyCallable, PyList, PyTuple, TorchDtype, TorchSize, type Kwargs} from '../values.js';
import {bind, invalidArguments, ov, sig} from './args.js';
import {cudaNotCompiled, requireCpu} from './device.js';
import {toNestedData} from './convert.js';

/** The legacy tensor types by their Python name (`torch.FloatTensor`) and the dtype they hold. */
const legacyTypes: readonly (readonly [string, DType])[] = [
  ['FloatTensor', 'float32'],
  ['DoubleTensor', 'float64'],
  ['HalfTensor', 'float16'],
  ['LongTensor', 'int64'],
  ['IntTensor', 'int32'],
  ['ShortTensor', 'int16'],
  ['CharTensor', 'int8'],
  ['ByteTensor', 'uint8'],
  ['BoolTensor', 'bool'],
];

// PyTorch parses the legacy constructors against these overloads (`new()` in its messages).
const newSignature = sig('new(*, any device=None)', 'native', [
  ov('(*, torch.device device)', 0, 1),
  ov('(torch.Storage storage)', 1, 1),
  ov('(Tensor other)', 1, 1),
  ov('(tuple of ints size, *, torch.device device)', 1, 2),
  ov('(object data, *, torch.device device)', 1, 2),
]);

const isIntArg = (v: unknown): boolean => typeof v === 'bigint';

/**
 * `torch.Tensor(...)` / `torch.FloatTensor(...)` / `x.new(...)` (of x's dtype): empty, sizes,
 * data or another tensor.
 */
export function legacyConstruct(dtype: DType, args: readonly unknown[], kwargs: Kwargs): Tensor {
  for (const k of kwargs.keys()) if (k !== 'device') invalidArguments(newSignature, args, kwargs);
  requireCpu(kwargs.get('device'));
  if (args.length === 0) return factories.zeros([0], {dtype});
  const [first] = args;
  // Sizes: ints, or one torch.Size. The values are uninitialised in PyTorch; zeros here.
  if (args.every(isIntArg))
    return factories.zeros(
      args.map((a) => a as bigint),
      {dtype},
    );
  if (args.length === 1 && first instanceof TorchSize) {
    return factories.zeros(
      first.items.map((a) => a as bigint),
      {dtype},
    );
  }
  if (args.length === 1 && first instanceof Tensor) {
    if (first.dtype !== dtype) {
      throw pyError(
        'TypeError',
        `expected ${legacyTypeName(dtype).replace('torch.', '')} (got ${legacyTypeName(first.dtype).replace('torch.', '')})`,
      );
    }
    return first.variableData();
  }
  if (args.length === 1 && (first instanceof PyList || first instanceof PyTuple)) {
    return factories.tensor(toNestedData(first), {dtype});
  }
  if (args.length === 1 && typeof first === 'string')
    throw pyError('TypeError', "new(): invalid data type 'str'");
  return invalidArguments(newSignature, args, kwargs);
}

function legacyClass(name: string, dtype: DType): PyCallable {
  return new PyCallable(name, (args, kwargs) => legacyConstruct(dtype, args, kwargs), {
    kind: 'class',
    qualname: `torch.${name}`,
  });
}

/** The legacy typed constructors (`FloatTensor`, …) of the `torch` module, by name. */
export function legacyConstructors(): [string, PyCallable][] {
  return legacyTypes.map(([name, dtype]) => [name, legacyClass(name, dtype)]);
}

/** `torch.Tensor`: the tensor class, whose call is the legacy float constructor. */
export function tensorClass(): PyCallable {
  return legacyClass('Tensor', 'float32');
}

const variableSignature = sig(
  'Variable(any data, bool requires_grad=False, bool volatile=False)',
  'python',
);

/**
 * `torch.autograd.Variable(data, requires_grad=False)`: since PyTorch 0.4 a tensor sharing the
 * data, a new leaf (`requires_grad=` honoured).
 */
export function variableClass(): PyCallable {
  return new PyCallable(
    'Variable',
    (args, kwargs) => {
      const a = bind(variableSignature, args, kwargs);
      const data = a.get('data');
      if (!(data instanceof Tensor)) {
        throw pyError('TypeError', 'Variable data has to be a tensor, but got ' + typeof data);
      }
      const out = data.variableData();
      if (a.get('requires_grad') === true) out.requiresGrad = true;
      return out;
    },
    {kind: 'class', qualname: 'torch.autograd.variable.Variable'},
  );
}

/** The dtype a legacy type name (`torch.FloatTensor`) stands for, or PyTorch's error. */
function dtypeOfTypeName(name: string): DType {
  const found = legacyTypes.find(([n]) => `torch.${n}` === name);
  if (found) return found[1];
  if (/^torch\.cuda\.[A-Za-z]+Tensor$/.test(name)) throw cudaNotCompiled();
  throw pyError('ValueError', `invalid type: '${name}'`);
}

/**
 * `x.type()` → `'torch.FloatTensor'`; `x.type(t)` with a dtype, a legacy type name or a legacy
 * type converts (the tensor itself when it already is of that type).
 */
export function typeMethod(self: Tensor, target: unknown): unknown {
  if (target === null) return legacyTypeName(self.dtype);
  let dtype: DType;
  if (target instanceof TorchDtype) dtype = target.name as DType;
  else if (typeof target === 'string') dtype = dtypeOfTypeName(target);
  else if (target instanceof PyCallable && target.kind.kind === 'class') {
    const qualname = target.kind.qualname;
    dtype = qualname === 'torch.Tensor' ? 'float32' : dtypeOfTypeName(qualname);
  } else {
    throw pyError('TypeError', 'dtype must be a type, str, or dtype object');
  }
  return self.to(dtype);
}
