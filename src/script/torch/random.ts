/**
 * Seeded randomness from Python: `torch.Generator` objects (`manual_seed`, `seed`,
 * `initial_seed`, `device`), `torch.default_generator`, `torch.manual_seed` / `seed` /
 * `initial_seed`, and the factories `rand`, `randn`, `randint`, `randperm` and their `_like`
 * forms with `generator=`, onto autograd/'s generators (the same numbers as PyTorch after the same
 * seed). The samplers of tensors (`torch.normal`, `bernoulli`, `multinomial`, `x.random_()`, …)
 * are op declarations in autograd/ops/.
 */
import * as random from '../../../autograd/ops/random.js';
import {defaultGenerator, Generator} from '../../../autograd/random.js';
import {Tensor} from '../../../autograd/tensor.js';
import {pyInt} from '../int.js';
import {inLibrary, pyError} from '../errors.js';
import * as factories from '../../../autograd/ops/factories.js';
import {valuesAt} from '../../../autograd/ops/util.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor, PyProperty} from '../objects.js';
import {typeName} from '../repr.js';
import {PyCallable, PyList, PyTuple, type Kwargs} from '../values.js';
import {bind, generatorOf, invalidArguments, ov, sig, type Signature} from './args.js';
import type {Args} from './methods.js';
import {toDType, toInt, toSize} from './convert.js';
import {cpuDevice, parseDeviceString, requireCpu} from './device.js';

function generatorSelf(self: unknown): Generator {
  const g = generatorOf(self);
  if (g === null) throw pyError('TypeError', `descriptor requires a 'torch._C.Generator' object`);
  return g;
}

/** A C method of Generator taking no arguments (`Generator.seed() takes no arguments (1 given)`). */
function noArgs(name: string, run: (g: Generator, self: unknown) => unknown): PyMethodDescriptor {
  return new PyMethodDescriptor(
    name,
    (self, args, kwargs) => {
      const n = args.length + kwargs.size;
      if (n > 0) {
        throw pyError('TypeError', `Generator.${name}() takes no arguments (${n} given)`);
      }
      return run(generatorSelf(self), self);
    },
    'Generator',
  );
}

/** `torch.Generator(device='cpu')`: CPU generators only, as on a build without CUDA. */
function createGenerator(cls: PyClass, args: readonly unknown[], kwargs: Kwargs): PyInstance {
  const a = bind(sig('Generator(any device=None)', 'python'), args, kwargs);
  const device = a.get('device');
  if (device !== null) {
    const type =
      typeof device === 'bigint'
        ? 'cuda'
        : typeof device === 'string'
          ? parseDeviceString(device).type
          : null;
    if (type !== null && type !== 'cpu') {
      throw pyError(
        'RuntimeError',
        `Device type ${type.toUpperCase()} is not supported for torch.Generator() api.`,
      );
    }
    requireCpu(device);
  }
  const inst = new PyInstance(cls);
  inst.native = new Generator();
  return inst;
}

/** `get_state()`: the generator's state as a uint8 tensor (c10's `CPUGeneratorImplState`). */
function stateTensor(g: Generator): Tensor {
  return factories.tensor(Array.from(g.getState()), {dtype: 'uint8'});
}

/** `set_state(new_state)`: a uint8 tensor of either of c10's state layouts. */
function setState(g: Generator, state: unknown): void {
  if (!(state instanceof Tensor)) {
    throw pyError('TypeError', `expected a torch.ByteTensor, but got ${typeName(state)}`);
  }
  if (state.dtype !== 'uint8') throw pyError('TypeError', 'RNG state must be a torch.ByteTensor');
  const bytes = Uint8Array.from(valuesAt(state, state.shape));
  const problem = g.setState(bytes);
  if (problem !== null) throw pyError('RuntimeError', problem);
}

const randomPy = '/usr/lib/python3/dist-packages/torch/random.py';

/** The class `torch.Generator` (`torch._C.Generator`). */
export const generatorClass: PyClass = new PyClass(
  'Generator',
  [objectClass],
  new Map<string, unknown>([
    ['__init__', new PyMethodDescriptor('__init__', () => null, 'Generator')],
    [
      'manual_seed',
      new PyMethodDescriptor(
        'manual_seed',
        (self, args, kwargs) => {
          const n = args.length + kwargs.size;
          if (args.length !== 1 || kwargs.size > 0) {
            throw pyError(
              'TypeError',
              `Generator.manual_seed() takes exactly one argument (${n} given)`,
            );
          }
          const seed = args[0];
          if (typeof seed !== 'bigint') {
            throw pyError('RuntimeError', `manual_seed expected a long, but got ${typeName(seed)}`);
          }
          generatorSelf(self).manualSeed(checkedSeed(seed));
          return self;
        },
        'Generator',
      ),
    ],
    ['seed', noArgs('seed', (g) => g.seed())],
    ['initial_seed', noArgs('initial_seed', (g) => g.initialSeed())],
    ['get_state', noArgs('get_state', (g) => stateTensor(g))],
    [
      'set_state',
      new PyMethodDescriptor(
        'set_state',
        (self, args, kwargs) => {
          const n = args.length + kwargs.size;
          if (args.length !== 1 || kwargs.size > 0) {
            throw pyError(
              'TypeError',
              `Generator.set_state() takes exactly one argument (${n} given)`,
            );
          }
          setState(generatorSelf(self), args[0]);
          return self;
        },
        'Generator',
      ),
    ],
    ['device', new PyProperty(noArgs('device', () => cpuDevice()))],
  ]),
  'torch._C',
  'Generator',
  createGenerator,
);

/** `torch.default_generator`: the Python face of autograd's default generator. */
const defaultGeneratorObject = (() => {
  const inst = new PyInstance(generatorClass);
  inst.native = defaultGenerator;
  return inst;
})();

const factoryKwargs =
  '*, Generator? generator=None, dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False';

function options(a: Args): random.RandomOptions {
  requireCpu(a.get('device'));
  const dtype = toDType(a.get('dtype'));
  const generator = generatorOf(a.get('generator'));
  return {
    ...(dtype ? {dtype} : {}),
    ...(generator ? {generator} : {}),
    requiresGrad: a.get('requires_grad') === true,
  };
}

const tail =
  'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';

function sizeForms(name: string): Signature {
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

const randintTail = `Tensor out, ${tail}`;
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

const likeTail =
  'dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False, any memory_format=None';

const likeSignature = (name: string): Signature => sig(`${name}(Tensor input, *, ${likeTail})`);

const randintLikeSignature = sig(
  `randint_like(Tensor input, any low, any high=None, *, ${likeTail})`,
  'native',
  [
    ov(
      '(Tensor input, int high, *, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
      2,
      2,
    ),
    ov(
      '(Tensor input, int low, int high, *, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
      3,
      3,
    ),
  ],
);

function randintLike(args: readonly unknown[], kwargs: Kwargs): Tensor {
  const a = bind(randintLikeSignature, args, kwargs);
  let [low, high] = [a.get('low'), a.get('high')];
  const [first, second] = high === null ? ['high', 'low'] : ['low', 'high'];
  for (const [name, v] of [
    [first, low],
    [second, high],
  ] as const) {
    if (v !== null && !isInt(v)) {
      throw pyError(
        'TypeError',
        `randint_like(): argument '${name}' (position ${name === first ? 2 : 3}) must be int, not ${typeName(v)}`,
      );
    }
  }
  if (high === null) [low, high] = [0n, low];
  return random.randintLike(a.get('input') as Tensor, toInt(low), toInt(high), options(a));
}

const randpermSignature = sig(`randperm(any n, ${factoryKwargs}, any out=None)`, 'native', [
  ov(`(int n, *, torch.Generator generator, Tensor out, ${tail}`, 1, 9),
  ov(`(int n, *, Tensor out, ${tail}`, 1, 8),
]);

/** `int(seed)` as `torch.manual_seed` takes it, within PyTorch's range. */
function seedOf(v: unknown): bigint {
  return checkedSeed(pyInt(v));
}

function checkedSeed(seed: bigint): bigint {
  if (seed < -(2n ** 63n) || seed >= 2n ** 64n) {
    throw pyError('RuntimeError', 'Overflow when unpacking long');
  }
  return seed;
}

/** The random functions and objects of the `torch` module, by name. */
export function randomFunctions(): [string, unknown][] {
  const fn = (name: string, run: (args: readonly unknown[], kwargs: Kwargs) => unknown) =>
    [name, new PyCallable(name, run, {kind: 'module-function', module: 'torch'})] as [
      string,
      PyCallable,
    ];
  const seedSig = sig('manual_seed(any seed)', 'python');
  return [
    ['Generator', generatorClass],
    ['default_generator', defaultGeneratorObject],
    fn('manual_seed', (args, kwargs) => {
      random.manualSeed(seedOf(bind(seedSig, args, kwargs).get('seed')));
      return defaultGeneratorObject;
    }),
    fn('seed', (args, kwargs) => {
      bind(sig('seed()', 'python'), args, kwargs);
      return defaultGenerator.seed();
    }),
    fn('get_rng_state', (args, kwargs) => {
      bind(sig('get_rng_state()', 'python'), args, kwargs);
      return stateTensor(defaultGenerator);
    }),
    fn('set_rng_state', (args, kwargs) => {
      const state = bind(sig('set_rng_state(any new_state)', 'python'), args, kwargs).get(
        'new_state',
      );
      inLibrary(
        {
          file: randomPy,
          line: 18,
          name: 'set_rng_state',
          source: 'default_generator.set_state(new_state)',
        },
        () => {
          setState(defaultGenerator, state);
        },
      );
      return null;
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
    fn('randint_like', randintLike),
    fn('randperm', (args, kwargs) => {
      const a = bind(randpermSignature, args, kwargs);
      const n = a.get('n');
      if (typeof n !== 'bigint' && !(n instanceof Tensor)) {
        throw pyError(
          'TypeError',
          `randperm(): argument 'n' (position 1) must be int, not ${typeName(n)}`,
        );
      }
      return random.randperm(toInt(a.get('n')), options(a));
    }),
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
