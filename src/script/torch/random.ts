/**
 * `torch.manual_seed`, `torch.initial_seed`, `torch.rand`, `torch.randn`, `torch.randint` and the
 * `_like` forms from Python, onto autograd/'s generator (the same numbers as PyTorch after the same
 * seed). An explicit `generator=` is not modelled.
 */
import * as random from '../../../autograd/ops/random.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyInt} from '../int.js';
import {pyError} from '../errors.js';
import {PyCallable, PyList, PyOpaque, PyTuple, type Kwargs} from '../values.js';
import {bind, invalidArguments, ov, sig, type Signature} from './args.js';
import type {Args} from './methods.js';
import {toDType, toInt, toSize} from './convert.js';
import {requireCpu} from './device.js';

/** The default generator, as `torch.manual_seed` returns it. */
const defaultGenerator = new PyOpaque('Generator', 'torch._C.Generator');

const factoryKwargs =
  '*, any generator=None, dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False';

function options(a: Args): {dtype?: ReturnType<typeof toDType>; requiresGrad?: boolean} {
  if (a.get('generator') !== null && a.get('generator') !== undefined) {
    throw pyError('NotImplementedError', 'generator= is not supported by grad-graph yet');
  }
  requireCpu(a.get('device'));
  const dtype = toDType(a.get('dtype'));
  return {...(dtype ? {dtype} : {}), requiresGrad: a.get('requires_grad') === true};
}

function sizeForms(name: string): Signature {
  const tail =
    'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';
  return {
    ...sig(`${name}(*ints size, ${factoryKwargs})`, 'native', [
      ov(`(tuple of ints size, *, torch.Generator generator, tuple of names names, ${tail}`, 3, 9),
      ov(`(tuple of ints size, *, torch.Generator generator, Tensor out, ${tail}`, 2, 9),
      ov(`(tuple of ints size, *, Tensor out, ${tail}`, 1, 8),
      ov(`(tuple of ints size, *, tuple of names names, ${tail}`, 2, 8),
    ]),
    intsName: 'tuple of ints',
  };
}

const randintTail =
  'Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';
const randintSignature = sig(
  `randint(any low, any high=None, any size=None, ${factoryKwargs})`,
  'native',
  [
    ov(`(int high, tuple of ints size, *, torch.Generator generator, ${randintTail}`, 2, 10),
    ov(`(int high, tuple of ints size, *, ${randintTail}`, 2, 9),
    ov(
      `(int low, int high, tuple of ints size, *, torch.Generator generator, ${randintTail}`,
      3,
      11,
    ),
    ov(`(int low, int high, tuple of ints size, *, ${randintTail}`, 3, 10),
  ],
);

const isInt = (v: unknown): boolean => typeof v === 'bigint' || typeof v === 'boolean';

function randint(args: readonly unknown[], kwargs: Kwargs): Tensor {
  const a = bind(randintSignature, args, kwargs);
  // randint(high, size) or randint(low, high, size): the size is the last given.
  let [low, high, size] = [a.get('low'), a.get('high'), a.get('size')];
  if (size === null) [low, high, size] = [0n, low, high];
  const sizeOk = size instanceof PyList || size instanceof PyTuple;
  if (!isInt(low) || !isInt(high) || !sizeOk) invalidArguments(randintSignature, args, kwargs);
  return random.randint(toInt(low), toInt(high), toSize(size), options(a));
}

const likeSignature = (name: string): Signature =>
  sig(
    `${name}(Tensor input, *, dtype? dtype=None, any layout=None, any device=None, bool requires_grad=False, any memory_format=None)`,
  );

/** `int(seed)` as `torch.manual_seed` takes it, within PyTorch's range. */
function seedOf(v: unknown): bigint {
  const seed = pyInt(v);
  if (seed < -(2n ** 63n) || seed >= 2n ** 64n) {
    throw pyError('RuntimeError', 'Overflow when unpacking long');
  }
  return seed;
}

/** The random functions of the `torch` module, by name. */
export function randomFunctions(): [string, PyCallable][] {
  const fn = (name: string, run: (args: readonly unknown[], kwargs: Kwargs) => unknown) =>
    [name, new PyCallable(name, run, {kind: 'module-function', module: 'torch'})] as [
      string,
      PyCallable,
    ];
  const seedSig = sig('manual_seed(any seed)', 'python');
  return [
    fn('manual_seed', (args, kwargs) => {
      random.manualSeed(seedOf(bind(seedSig, args, kwargs).get('seed')));
      return defaultGenerator;
    }),
    fn('initial_seed', (args, kwargs) => {
      bind(sig('initial_seed()', 'python'), args, kwargs);
      return random.initialSeed();
    }),
    ...(['rand', 'randn'] as const).map((name) =>
      fn(name, (args, kwargs) => {
        const a = bind(sizeForms(name), args, kwargs);
        return random[name](toSize(a.get('size')), options(a));
      }),
    ),
    fn('randint', randint),
    ...(['rand_like', 'randn_like'] as const).map((name) =>
      fn(name, (args, kwargs) => {
        const a = bind(likeSignature(name), args, kwargs);
        const input = a.get('input') as Tensor;
        return name === 'rand_like'
          ? random.randLike(input, options(a))
          : random.randnLike(input, options(a));
      }),
    ),
  ];
}
