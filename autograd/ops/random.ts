/**
 * Random factories: rand, randn, randint, randperm and the `_like` forms, and the default
 * generator's seed (`manual_seed`, `initial_seed`, `seed`), drawing from autograd/random.ts exactly
 * as PyTorch 1.13 draws; each takes an optional `generator` (the default one otherwise).
 */
import {scalarTypeName} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {defaultGenerator, fillNormal, fillRandint, fillUniform} from '../random.js';
import type {Generator} from '../random.js';
import {randpermValues} from '../sampling.js';
import {parseSize, toInt} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import type {Tensor} from '../tensor.js';
import type {OpArg} from '../observer.js';
import {filled, finish, splitOptions} from './factories.js';
import type {FactoryOptions} from './factories.js';

/** The factories' options, with the generator to draw from (`generator=`). */
export interface RandomOptions extends FactoryOptions {
  generator?: Generator | null;
}

/** Size varargs optionally followed by the options object: `rand(2, 3, {generator: g})`. */
export type SizeAndRandomOptions = [...SizeArg[], RandomOptions] | SizeArg[];

/** The float storage of a fresh tensor, or PyTorch's error for a dtype the kernel lacks. */
export function floatStorage(t: Tensor, kernel: string): Float32Array | Float64Array {
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    if (t.dtype === 'float32' || t.dtype === 'float64') return t.data;
  }
  if (t.dtype === 'float16') {
    throw runtimeError(
      'grad-graph: random numbers in float16 are not supported yet (draw float32, then .half())',
    );
  }
  throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(t.dtype)}'`);
}

/** The generator `options` names, or the default one. */
export function generatorOf(options: RandomOptions): Generator {
  return options.generator ?? defaultGenerator;
}

/** A fresh float tensor filled by `fill` (PyTorch's error, naming `kernel`, for other dtypes). */
function randomTensor(
  shape: number[],
  options: FactoryOptions,
  op: string,
  args: Record<string, OpArg>,
  kernel: string,
  fill: (data: Float32Array | Float64Array) => void,
): Tensor {
  const t = filled(shape, options.dtype ?? 'float32', 0);
  fill(floatStorage(t, kernel));
  return finish(t, op, options, args);
}

const uniform01 = (g: Generator) => (d: Float32Array | Float64Array) => {
  fillUniform(d, 0, 1, g);
};
const normal01 = (g: Generator) => (d: Float32Array | Float64Array) => {
  fillNormal(d, 0, 1, g);
};

/** `torch.rand(*size, generator=None, dtype=None, requires_grad=False)`: uniform on [0, 1). */
export function rand(...args: SizeAndRandomOptions): Tensor {
  const [size, options] = splitOptions(args) as [SizeArg[], RandomOptions];
  const shape = parseSize(size);
  const fill = uniform01(generatorOf(options));
  return randomTensor(shape, options, 'rand', {size: shape}, 'check_uniform_bounds', fill);
}

/** `torch.randn(*size, generator=None, dtype=None, requires_grad=False)`: standard normal. */
export function randn(...args: SizeAndRandomOptions): Tensor {
  const [size, options] = splitOptions(args) as [SizeArg[], RandomOptions];
  const shape = parseSize(size);
  const fill = normal01(generatorOf(options));
  return randomTensor(shape, options, 'randn', {size: shape}, 'normal_kernel_cpu', fill);
}

/** `torch.rand_like(x, dtype=None, requires_grad=False)` (from the default generator). */
export function randLike(x: Tensor, options: RandomOptions = {}): Tensor {
  const like = {...options, dtype: options.dtype ?? x.dtype};
  const fill = uniform01(generatorOf(options));
  return randomTensor([...x.shape], like, 'rand_like', {}, 'check_uniform_bounds', fill);
}

/** `torch.randn_like(x, dtype=None, requires_grad=False)` (from the default generator). */
export function randnLike(x: Tensor, options: RandomOptions = {}): Tensor {
  const like = {...options, dtype: options.dtype ?? x.dtype};
  const fill = normal01(generatorOf(options));
  return randomTensor([...x.shape], like, 'randn_like', {}, 'normal_kernel_cpu', fill);
}

/** Integers in [from, to) into a fresh tensor of `shape` (PyTorch's `random_(from, to)`). */
function integers(shape: number[], from: number, to: number, dtype: DType, g: Generator): Tensor {
  if (from >= to) {
    throw runtimeError(
      `random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`,
    );
  }
  if (dtype === 'bool' && (from < 0 || to - 1 > 1)) {
    throw runtimeError(`${from < 0 ? 'from' : 'to - 1'} is out of bounds for bool`);
  }
  const t = filled(shape, dtype, 0);
  const values = new Float64Array(t.data.length);
  fillRandint(values, from, to, g);
  t.data.set(values);
  return t;
}

/**
 * `torch.randint(low=0, high, size, generator=None, dtype=int64, requires_grad=False)`: integers
 * in [low, high), stored in any dtype (floats included) as PyTorch's `random_(from, to)` does.
 */
export function randint(low: Int, high: Int, size: SizeArg, options: RandomOptions = {}): Tensor {
  const from = toInt(low);
  const to = toInt(high);
  const shape = parseSize([size]);
  const t = integers(shape, from, to, options.dtype ?? 'int64', generatorOf(options));
  return finish(t, 'randint', options, {low: from, high: to, size: shape});
}

/** `torch.randint_like(x, low=0, high, dtype=None, requires_grad=False)`: x's shape and dtype. */
export function randintLike(x: Tensor, low: Int, high: Int, options: RandomOptions = {}): Tensor {
  const from = toInt(low);
  const to = toInt(high);
  const t = integers([...x.shape], from, to, options.dtype ?? x.dtype, generatorOf(options));
  return finish(t, 'randint_like', options, {low: from, high: to});
}

/** `torch.randperm(n, generator=None, dtype=int64)`: `randperm_cpu`'s shuffle of 0…n-1. */
export function randperm(n: Int, options: RandomOptions = {}): Tensor {
  const count = toInt(n);
  if (count < 0) {
    throw runtimeError(`Trying to create tensor with negative dimension ${count}: [${count}]`);
  }
  const dtype = options.dtype ?? 'int64';
  if (dtype === 'float32' && count > 2 ** 24 + 1) {
    throw runtimeError('n cannot be greater than 2^24+1 for Float type.');
  }
  if (dtype === 'bool') throw runtimeError(`"randperm" not implemented for 'Bool'`);
  const t = filled([count], dtype, 0);
  t.data.set(randpermValues(count, generatorOf(options)));
  return finish(t, 'randperm', options, {n: count});
}

/** `torch.manual_seed(seed)`: restarts the default generator. */
export function manualSeed(seed: Int): void {
  defaultGenerator.manualSeed(BigInt(seed));
}

/** `torch.initial_seed()`: the seed the default generator last started from. */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}
