/**
 * Sampling from tensors of parameters: `torch.normal` (all four overloads), `torch.bernoulli` and
 * `torch.multinomial`, as PyTorch 1.13's CPU code draws them (aten/src/ATen/native/Distributions.cpp):
 * normal fills standard normals and scales them in place (`out.mul_(std).add_(mean)`), bernoulli
 * draws one uniform per element, multinomial without replacement takes the largest p / q for
 * exponential q (the Gumbel trick), with replacement a binary search of the cumulative sum. The
 * gradient of a sample with respect to its parameters is zero in PyTorch (NormalBackward1/2/3,
 * BernoulliBackward0), and so it is here.
 */
import {isFloating, scalarTypeName} from '../dtype.js';
import {cppDouble, runtimeError} from '../errors.js';
import {attach, needsGrad, reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, OpDeclaration, PythonCallContext} from '../op.js';
import type {Generator} from '../random.js';
import {fillNormal} from '../random.js';
import {
  fillBernoulliScalar,
  fillBernoulliTensor,
  fillExponential,
  multinomialRow,
} from '../sampling.js';
import {broadcastShapes, parseSize, toInt} from '../shape.js';
import type {Int, SizeArg} from '../shape.js';
import {Tensor} from '../tensor.js';
import {gather} from '../kernels/strided.js';
import * as arith from './arith.js';
import {argmax} from './compare.js';
import {filled, finish, zerosOf} from './factories.js';
import {binary_} from './inplace.js';
import {floatStorage, generatorOf} from './random.js';
import type {RandomOptions} from './random.js';
import {topk} from './sorting.js';
import {quietly} from './util.js';

const NORMAL_TENSOR_FLOAT = declareNode('NormalBackward1', false, [0]);
const NORMAL_FLOAT_TENSOR = declareNode('NormalBackward2', false, [0]);
const NORMAL_TENSOR_TENSOR = declareNode('NormalBackward3', false, [0, 0]);
const BERNOULLI = declareNode('BernoulliBackward0', false, [0]);

function checkStd(std: number): void {
  if (!(std >= 0)) throw runtimeError(`normal expects std >= 0.0, but found std ${cppDouble(std)}`);
}

function checkStdTensor(std: Tensor): void {
  const values = gather(std, 'float64');
  if (values.some((v) => !(v >= 0))) {
    throw runtimeError('normal expects all elements of std >= 0.0');
  }
}

/** Standard normals in a fresh tensor of `shape` and `dtype` (`normal_(0, 1)`). */
function standardNormals(shape: number[], dtype: Tensor['dtype'], g: Generator): Tensor {
  const out = filled(shape, dtype, 0);
  fillNormal(floatStorage(out, 'normal_kernel_cpu'), 0, 1, g);
  return out;
}

/**
 * `torch.normal(mean, std, size=None, *, generator=None)`: tensor mean and/or std (the result
 * has the broadcast shape, mean's dtype, or std's when mean is a number), or two numbers and a
 * size (`dtype=`, `requires_grad=` as the factories take them).
 */
export function normal(
  mean: Tensor | number,
  std: Tensor | number = 1,
  size: SizeArg | null = null,
  options: RandomOptions = {},
): Tensor {
  const g = generatorOf(options);
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    checkStd(std);
    const shape = parseSize([size ?? []]);
    const out = filled(shape, options.dtype ?? 'float32', 0);
    fillNormal(floatStorage(out, 'normal_kernel_cpu'), mean, std, g);
    return finish(out, 'normal', options, {mean, std, size: shape});
  }
  let out: Tensor;
  if (mean instanceof Tensor && std instanceof Tensor) {
    checkStdTensor(std);
    out = standardNormals(broadcastShapes(mean.shape, std.shape), mean.dtype, g);
    quietly(() => {
      binary_(out, 'mul_', std);
      binary_(out, 'add_', mean);
    });
  } else if (mean instanceof Tensor) {
    checkStd(std as number);
    out = standardNormals([...mean.shape], mean.dtype, g);
    const stdTensor = filled([], out.dtype, std as number);
    quietly(() => {
      binary_(out, 'mul_', stdTensor);
      binary_(out, 'add_', mean);
    });
  } else {
    const s = std as Tensor;
    checkStdTensor(s);
    out = standardNormals([...s.shape], s.dtype, g);
    const meanTensor = filled([], out.dtype, mean);
    quietly(() => {
      binary_(out, 'mul_', s);
      binary_(out, 'add_', meanTensor);
    });
  }
  const inputs = [mean, std].filter((t): t is Tensor => t instanceof Tensor);
  if (inputs.some((t) => needsGrad(t))) {
    const node =
      inputs.length === 2
        ? NORMAL_TENSOR_TENSOR
        : mean instanceof Tensor
          ? NORMAL_TENSOR_FLOAT
          : NORMAL_FLOAT_TENSOR;
    const shapes = inputs.map((t) => [...t.shape]);
    attach(node, inputs, [out], (grads) =>
      shapes.map((shape) => zerosOf(shape, grads[0]?.dtype ?? out.dtype)),
    );
  }
  reportOp(
    'normal',
    inputs,
    {
      ...(mean instanceof Tensor ? {} : {mean}),
      ...(std instanceof Tensor ? {} : {std}),
    },
    [out],
  );
  return out;
}

/** Checks `p` for `bernoulli_(p)` with PyTorch's message. */
export function checkBernoulliP(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw runtimeError(`bernoulli_ expects p to be in [0, 1], but got p=${cppDouble(p)}`);
  }
}

/** The message `bernoulli_distribution`'s check gives for a probability outside [0, 1]. */
const P_IN_RANGE =
  'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)';

/**
 * 0/1 draws, one per element of `shape`: against the number `p`, or each against its element of
 * the tensor `p` (broadcast to `shape`), checked as it is drawn as PyTorch checks it.
 */
export function bernoulliValues(
  shape: readonly number[],
  p: Tensor | number,
  g: Generator,
): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  if (typeof p === 'number') {
    checkBernoulliP(p);
    fillBernoulliScalar(out, p, g);
    return out;
  }
  if (!isFloating(p.dtype)) {
    throw runtimeError(
      `"bernoulli_tensor_cpu_p_" not implemented for '${scalarTypeName(p.dtype)}'`,
    );
  }
  const probs = gather(
    quietly(() => p.expand([...shape])),
    'float64',
  );
  const bad = probs.findIndex((v) => !(v >= 0 && v <= 1));
  if (bad >= 0) {
    fillBernoulliTensor(out.subarray(0, bad), probs, p.dtype === 'float64', g);
    throw runtimeError(P_IN_RANGE);
  }
  fillBernoulliTensor(out, probs, p.dtype === 'float64', g);
  return out;
}

/**
 * `torch.bernoulli(input, p=None, *, generator=None)`: 0/1 with probability `input` (or the
 * number p) for each element, in input's dtype; BernoulliBackward0 (zero) when input needs grad
 * and p is not given.
 */
export function bernoulli(x: Tensor, p: number | null = null, options: RandomOptions = {}): Tensor {
  const g = generatorOf(options);
  const out = filled([...x.shape], x.dtype, 0);
  out.data.set(bernoulliValues(x.shape, p ?? x, g));
  if (p === null && needsGrad(x)) {
    const shape = [...x.shape];
    attach(BERNOULLI, [x], [out], (grads) => [zerosOf(shape, grads[0]?.dtype ?? x.dtype)]);
  }
  reportOp('bernoulli', [x], p === null ? {} : {p}, [out]);
  return out;
}

function checkMultinomial(x: Tensor, samples: number, replacement: boolean): void {
  if (x.dim() < 1 || x.dim() > 2) throw runtimeError('prob_dist must be 1 or 2 dim');
  if (!isFloating(x.dtype)) {
    throw runtimeError(
      `multinomial only supports floating-point dtypes for input, got: ${scalarTypeName(x.dtype)}`,
    );
  }
  if (samples <= 0) throw runtimeError('cannot sample n_sample <= 0 samples');
  const categories = x.shape[x.dim() - 1] ?? 0;
  if (!replacement && samples > categories) {
    throw runtimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  }
  if (categories > 2 ** 24) throw runtimeError('number of categories cannot exceed 2^24');
}

/** The Gumbel-trick path: no replacement, or a single sample. */
function multinomialTopK(x: Tensor, samples: number, g: Generator): Tensor {
  const values = Array.from(gather(x, 'float64'));
  const max = values.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a), -Infinity);
  const min = values.reduce((a, b) => Math.min(a, b), Infinity);
  if (!(max < Infinity && min >= 0)) {
    throw runtimeError('probability tensor contains either `inf`, `nan` or element < 0');
  }
  const k = x.shape[x.dim() - 1] ?? 0;
  for (let row = 0; row * k < values.length; row++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += values[row * k + j] ?? 0;
    if (sum === 0)
      throw runtimeError('invalid multinomial distribution (sum of probabilities <= 0)');
  }
  const q = filled([...x.shape], x.dtype, 0);
  const exp = new Float64Array(q.numel());
  fillExponential(exp, 1, g);
  q.data.set(exp);
  return quietly(() => {
    const ratio = arith.div(x, q);
    return samples === 1 ? argmax(ratio, -1, true) : topk(ratio, samples)[1];
  });
}

/** `multinomial_with_replacement`: rows one after another, each its own cumulative sum. */
function multinomialReplacement(x: Tensor, samples: number, g: Generator): Tensor {
  const values = gather(x, 'float64');
  const k = x.shape[x.dim() - 1] ?? 0;
  const rows = x.dim() === 2 ? (x.shape[0] ?? 0) : 1;
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const out = filled(x.dim() === 2 ? [rows, samples] : [samples], 'int64', 0);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * k, (r + 1) * k);
    for (const v of row) {
      if (!(v >= 0)) {
        throw runtimeError('invalid multinomial distribution (encountering probability entry < 0)');
      }
      if (!Number.isFinite(v)) {
        throw runtimeError(
          'invalid multinomial distribution (encountering probability entry = infinity or NaN)',
        );
      }
    }
    let sum = 0;
    for (const v of row) sum = round(sum + v);
    if (!(sum > 0))
      throw runtimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    out.data.set(multinomialRow(row, samples, round, g), r * samples);
  }
  return out;
}

/**
 * `torch.multinomial(input, num_samples, replacement=False, *, generator=None)`: category indices
 * drawn from each row of (unnormalised) probabilities, int64, never differentiable.
 */
export function multinomial(
  x: Tensor,
  numSamples: Int,
  replacement = false,
  options: RandomOptions = {},
): Tensor {
  const samples = toInt(numSamples);
  checkMultinomial(x, samples, replacement);
  const g = generatorOf(options);
  const out = !replacement ? multinomialTopK(x, samples, g) : multinomialReplacement(x, samples, g);
  reportOp('multinomial', [x], {num_samples: samples, replacement}, [out]);
  return out;
}

declare module '../tensor.js' {
  interface Tensor {
    /** `bernoulli(p=None, *, generator=None)`. */
    bernoulli(p?: number | null, options?: RandomOptions): Tensor;
    /** `multinomial(num_samples, replacement=False, *, generator=None)`. */
    multinomial(numSamples: Int, replacement?: boolean, options?: RandomOptions): Tensor;
  }
}

declare module '../op.js' {
  interface TorchFunctions {
    /** `torch.normal(mean, std, size=None, *, generator=None)`. */
    normal: typeof normal;
    /** `torch.bernoulli(input, p=None, *, generator=None)`. */
    bernoulli: typeof bernoulli;
    /** `torch.multinomial(input, num_samples, replacement=False, *, generator=None)`. */
    multinomial: typeof multinomial;
  }
}

const generatorKw = (a: BoundArgs): RandomOptions => ({
  generator: (a.get('generator') as Generator | null | undefined) ?? null,
});

const NORMAL_OVERLOADS = [
  overload('(Tensor mean, Tensor std, *, torch.Generator generator, Tensor out)', 2, 2),
  overload('(Tensor mean, float std, *, torch.Generator generator, Tensor out)', 1, 2),
  overload('(float mean, Tensor std, *, torch.Generator generator, Tensor out)', 2, 2),
  overload(
    '(float mean, float std, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
    3,
    3,
  ),
];

const isNumber = (v: unknown): v is number | bigint =>
  typeof v === 'number' || typeof v === 'bigint';

/** `torch.normal`'s four overloads told apart as PyTorch's parser tells them. */
function pythonNormal(a: BoundArgs, ctx: PythonCallContext): Tensor {
  const mean = a.get('mean');
  const std = a.get('std');
  const size = a.get('size');
  const options: RandomOptions = {
    ...generatorKw(a),
    ...(a.get('dtype') ? {dtype: a.get('dtype') as Tensor['dtype']} : {}),
    requiresGrad: a.get('requires_grad') === true,
  };
  const sizeItems = size === null || size === undefined ? null : ctx.sequence(size);
  if (isNumber(mean) && isNumber(std) && sizeItems !== null) {
    return normal(
      Number(mean),
      Number(std),
      sizeItems.map((v) => ctx.int(v)),
      options,
    );
  }
  const tensorForm = size === null && a.get('dtype') === null && a.get('requires_grad') !== true;
  if (tensorForm && mean instanceof Tensor && (std instanceof Tensor || isNumber(std))) {
    return normal(mean, std instanceof Tensor ? std : Number(std), null, options);
  }
  if (tensorForm && isNumber(mean) && std instanceof Tensor) {
    return normal(Number(mean), std, null, options);
  }
  return ctx.invalidArguments();
}

/** torch.normal, torch.bernoulli, torch.multinomial and their tensor methods. */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'normal',
    nodes: [NORMAL_TENSOR_FLOAT, NORMAL_FLOAT_TENSOR, NORMAL_TENSOR_TENSOR],
    functions: {normal},
    pythonTorch: {
      normal: {
        signature:
          'normal(any mean, any std=1.0, any size=None, *, Generator? generator=None, any out=None, dtype? dtype=None, any layout=None, any device=None, bool pin_memory=False, bool requires_grad=False)',
        overloads: NORMAL_OVERLOADS,
        call: pythonNormal,
      },
    },
  }),
  declareOp({
    name: 'bernoulli',
    nodes: [BERNOULLI],
    methods: {
      bernoulli(this: Tensor, p: number | null = null, options: RandomOptions = {}) {
        return bernoulli(this, p, options);
      },
    },
    functions: {bernoulli},
    python: {
      bernoulli: {
        method: 'bernoulli(float? p=None, *, Generator? generator=None)',
        overloads: [
          overload('(*, torch.Generator generator)', 0, 0),
          overload('(float p, *, torch.Generator generator)', 1, 1),
        ],
        function: [
          overload('(Tensor input, *, torch.Generator generator, Tensor out)', 1, 1),
          overload('(Tensor input, float p, *, torch.Generator generator)', 2, 2),
        ],
        call: (t, a) => {
          const p = a.get('p');
          return bernoulli(t, p === null || p === undefined ? null : Number(p), generatorKw(a));
        },
      },
    },
  }),
  declareOp({
    name: 'multinomial',
    methods: {
      multinomial(this: Tensor, numSamples: Int, replacement = false, options: RandomOptions = {}) {
        return multinomial(this, numSamples, replacement, options);
      },
    },
    functions: {multinomial},
    python: {
      multinomial: {
        method:
          'multinomial(int num_samples, bool replacement=False, *, Generator? generator=None)',
        function: true,
        call: (t, a) =>
          multinomial(
            t,
            a.get('num_samples') as Int,
            a.get('replacement') === true,
            generatorKw(a),
          ),
      },
    },
  }),
];
