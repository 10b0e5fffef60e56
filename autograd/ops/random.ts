/**
 * Random factories: rand, randn, randint and their `_like` forms, and the generator's seed
 * (`manual_seed`, `initial_seed`), drawing from autograd/random.ts exactly as PyTorch 1.13 draws.
 */
import {scalarTypeName} from '../dtype.js';
import type {DType} from '../dtype.js';
import {runtimeError} from '../errors.js';
import {defaultGenerator, fillNormal, fillRandint, fillUniform} from '../random.js';
import {parseSize, toInt} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import type {Tensor} from '../tensor.js';
import type {OpArg} from '../observer.js';
import {filled, finish, splitOptions} from './factories.js';
import type {FactoryOptions, SizeAndOptions} from './factories.js';

/** The float storage of a fresh tensor, or PyTorch's error for a dtype the kernel lacks. */
function floatStorage(t: Tensor, kernel: string): Float32Array | Float64Array {
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) {
    if (t.dtype === 'float32' || t.dtype === 'float64') return t.data;
  }
  throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(t.dtype)}'`);
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

const uniform01 = (d: Float32Array | Float64Array) => {
  fillUniform(d, 0, 1);
};
const normal01 = (d: Float32Array | Float64Array) => {
  fillNormal(d, 0, 1);
};

/** `torch.rand(*size, dtype=None, requires_grad=False)`: uniform on [0, 1). */
export function rand(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions(args);
  const shape = parseSize(size);
  return randomTensor(shape, options, 'rand', {size: shape}, 'check_uniform_bounds', uniform01);
}

/** `torch.randn(*size, dtype=None, requires_grad=False)`: standard normal. */
export function randn(...args: SizeAndOptions): Tensor {
  const [size, options] = splitOptions(args);
  const shape = parseSize(size);
  return randomTensor(shape, options, 'randn', {size: shape}, 'normal_kernel_cpu', normal01);
}

/** `torch.rand_like(x, dtype=None, requires_grad=False)`. */
export function randLike(x: Tensor, options: FactoryOptions = {}): Tensor {
  const like = {...options, dtype: options.dtype ?? x.dtype};
  return randomTensor([...x.shape], like, 'rand_like', {}, 'check_uniform_bounds', uniform01);
}

/** `torch.randn_like(x, dtype=None, requires_grad=False)`. */
export function randnLike(x: Tensor, options: FactoryOptions = {}): Tensor {
  const like = {...options, dtype: options.dtype ?? x.dtype};
  return randomTensor([...x.shape], like, 'randn_like', {}, 'normal_kernel_cpu', normal01);
}

/**
 * `torch.randint(low=0, high, size, dtype=int64, requires_grad=False)`: integers in [low, high),
 * stored in any dtype (floats included) as PyTorch's `random_(from, to)` does.
 */
export function randint(low: Int, high: Int, size: SizeArg, options: FactoryOptions = {}): Tensor {
  const from = toInt(low);
  const to = toInt(high);
  if (from >= to) {
    throw runtimeError(
      `random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`,
    );
  }
  const dtype: DType = options.dtype ?? 'int64';
  if (dtype === 'bool' && (from < 0 || to - 1 > 1)) {
    throw runtimeError(`${from < 0 ? 'from' : 'to - 1'} is out of bounds for bool`);
  }
  const shape = parseSize([size]);
  const t = filled(shape, dtype, 0);
  const values = new Float64Array(t.data.length);
  fillRandint(values, from, to);
  t.data.set(values);
  return finish(t, 'randint', options, {low: from, high: to, size: shape});
}

/** `torch.manual_seed(seed)`: restarts the default generator. */
export function manualSeed(seed: Int): void {
  defaultGenerator.manualSeed(BigInt(seed));
}

/** `torch.initial_seed()`: the seed the default generator last started from. */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}
