/**
 * The in-place samplers beyond uniform_ and normal_ (ops/inplace.ts): `random_` (its three
 * forms), `bernoulli_` (a number or a tensor of probabilities), `exponential_`, `geometric_`,
 * `log_normal_` and `cauchy_`, each drawing as PyTorch 1.13's CPU kernels draw (sampling.ts) from
 * the generator given or the default one. On a tensor that requires grad each records its node
 * (RandomBackward0…2, BernoulliBackward1/2, ExponentialBackward0, …), which sends back zeros.
 */
import {scalarTypeName} from '../dtype.js';
import type {DType} from '../dtype.js';
import {cppDouble, runtimeError} from '../errors.js';
import {reportOp} from '../record.js';
import {declareNode, declareOp, overload} from '../op.js';
import type {BoundArgs, NodeDeclaration, OpDeclaration, PythonCallContext} from '../op.js';
import {defaultGenerator} from '../random.js';
import type {Generator} from '../random.js';
import {
  fillCauchy,
  fillExponential,
  fillGeometric,
  fillLogNormal,
  fillRandomFromTo,
  fillRandomFull,
} from '../sampling.js';
import type {Int} from '../shape.js';
import {Tensor} from '../tensor.js';
import type {OpArg} from '../observer.js';
import {bernoulliValues} from './distributions.js';
import {checkInplace, inMemoryOrder, overwrite} from './inplace.js';

const RANDOM_FROM_TO = declareNode('RandomBackward0', false, [0]);
const RANDOM_TO = declareNode('RandomBackward1', false, [0]);
const RANDOM = declareNode('RandomBackward2', false, [0]);
const BERNOULLI_TENSOR = declareNode('BernoulliBackward1', false, [0]);
const BERNOULLI_SCALAR = declareNode('BernoulliBackward2', false, [0]);
const EXPONENTIAL = declareNode('ExponentialBackward0', false, [0]);
const GEOMETRIC = declareNode('GeometricBackward0', false, [0]);
const LOG_NORMAL = declareNode('LogNormalBackward0', false, [0]);
const CAUCHY = declareNode('CauchyBackward0', false, [0]);

/** Runs one in-place sampler on `x`: checks, draws `values`, writes them, records, reports. */
function sample(
  x: Tensor,
  op: string,
  node: NodeDeclaration,
  args: Record<string, OpArg>,
  draw: (out: Float64Array) => void,
): Tensor {
  checkInplace(x, false);
  const values = new Float64Array(x.numel());
  draw(values);
  const stored = x.dtype === 'float32' ? Float32Array.from(values) : values;
  overwrite(x, node, inMemoryOrder(x, stored));
  reportOp(op, [x], args, [x], true);
  return x;
}

function floatOnly(x: Tensor, kernel: string): void {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw runtimeError(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  }
}

/** The largest integer a dtype holds exactly, as `random_`'s bounds checks see it. */
function dtypeBounds(dtype: DType): [bigint, bigint] {
  switch (dtype) {
    case 'float32':
      return [-(2n ** 24n), 2n ** 24n];
    case 'float64':
      return [-(2n ** 53n), 2n ** 53n];
    case 'float16':
      return [-(2n ** 11n), 2n ** 11n];
    case 'bool':
      return [0n, 1n];
    case 'uint8':
      return [0n, 255n];
    case 'int8':
      return [-128n, 127n];
    case 'int16':
      return [-(2n ** 15n), 2n ** 15n - 1n];
    case 'int32':
      return [-(2n ** 31n), 2n ** 31n - 1n];
    default:
      return [-(2n ** 63n), 2n ** 63n - 1n];
  }
}

/** An int64 as the float dtype rounds it (to nearest, ties to even), back as an integer. */
function roundTo(v: bigint, dtype: DType): bigint {
  const f = Number(v);
  return BigInt(dtype === 'float32' ? Math.fround(f) : f);
}

/** Bits below the leading one of |v|: `while (v >>= 1) ++n`. */
function log2Floor(v: bigint): bigint {
  let n = 0n;
  let a = v < 0n ? -v : v;
  while ((a >>= 1n) > 0n) n++;
  return n;
}

const digits = (dtype: DType): bigint => (dtype === 'float32' ? 24n : 53n);

/** PyTorch's `update_from`: a lower bound the float dtype cannot hold moves up to one it can. */
function updateFrom(from: bigint, dtype: DType): bigint {
  const plus1 = roundTo(from + 1n, dtype);
  if (plus1 >= from) return from;
  return plus1 + (1n << (log2Floor(from + 1n) - digits(dtype) + 1n));
}

/** PyTorch's `update_to`: an upper bound the float dtype cannot hold moves down to one it can. */
function updateTo(to: bigint, dtype: DType): bigint {
  const minus1 = roundTo(to - 1n, dtype);
  if (minus1 < to) return to;
  return minus1 - (1n << (log2Floor(to - 1n) - digits(dtype) + 1n));
}

/**
 * `check_from_to_in_range`: an error for bounds an integer dtype cannot hold, a warning (through
 * `warn`) for bounds beyond the integers a float dtype holds exactly.
 */
function checkInRange(
  from: bigint,
  toInclusive: bigint,
  dtype: DType,
  warn: (message: string) => void,
): void {
  if (dtype === 'float32' || dtype === 'float64') {
    const bits = digits(dtype);
    const name = dtype === 'float32' ? 'float' : 'double';
    const checks = [
      [from, 'from', 94],
      [toInclusive, 'to - 1', 95],
    ] as const;
    for (const [v, what, line] of checks) {
      if (v < -(1n << bits) || v > 1n << bits) {
        warn(
          `${what} is out of bounds [-(2^${bits}), 2^${bits}]. Due to precision limitations ${name} can support discrete uniform distribution only within this range. This warning will become an error in version 1.7 release, please fix the code in advance (Triggered internally at  ./aten/src/ATen/native/DistributionTemplates.h:${line}.)`,
        );
      }
    }
    return;
  }
  const [lo, hi] = dtypeBounds(dtype);
  const cNames: Partial<Record<DType, string>> = {
    bool: 'bool',
    uint8: 'unsigned char',
    int8: 'signed char',
    int16: 'short int',
    int32: 'int',
  };
  const name = cNames[dtype] ?? 'int64_t';
  if (from < lo || from > hi) throw runtimeError(`from is out of bounds for ${name}`);
  if (toInclusive < lo || toInclusive > hi) {
    throw runtimeError(`to - 1 is out of bounds for ${name}`);
  }
}

/**
 * `x.random_(from=0, to=None, *, generator=None)`: integers in [from, to), or with no `to` in
 * [from, the dtype's largest exact integer]; `random_()` alone draws `uniform_int_distribution`.
 */
export function random_(
  x: Tensor,
  from: Int | null = null,
  to: Int | null = null,
  g: Generator = defaultGenerator,
  warn: (message: string) => void = () => undefined,
): Tensor {
  if (from === null && to === null) {
    return sample(x, 'random_', RANDOM, {}, (out) => {
      fillRandomFull(out, x.dtype, g);
    });
  }
  let low = BigInt(from ?? 0);
  // 64-bit draws for a range of 2^32 or more only where the dtype can hold one.
  const wide = x.dtype === 'int64' || x.dtype === 'float32' || x.dtype === 'float64';
  if (to !== null) {
    let high = BigInt(to);
    if (low >= high) {
      throw runtimeError(
        `random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`,
      );
    }
    if (x.dtype === 'float32' || x.dtype === 'float64') {
      [low, high] = [updateFrom(low, x.dtype), updateTo(high, x.dtype)];
      if (low >= high) {
        throw runtimeError(
          `random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${low} >= to=${high}`,
        );
      }
    }
    checkInRange(low, high - 1n, x.dtype, warn);
    const node = from === null ? RANDOM_TO : RANDOM_FROM_TO;
    return sample(x, 'random_', node, {from: Number(low), to: Number(high)}, (out) => {
      fillRandomFromTo(out, high - low, low, wide, g);
    });
  }
  const top = x.dtype === 'bool' ? 1n : dtypeBounds(x.dtype)[1];
  if (x.dtype === 'float32' || x.dtype === 'float64') low = updateFrom(low, x.dtype);
  if ((x.dtype === 'float32' || x.dtype === 'float64') && low >= top) {
    throw runtimeError(
      `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${low} > to_inc=${top}`,
    );
  }
  checkInRange(low, top, x.dtype, warn);
  return sample(x, 'random_', RANDOM_FROM_TO, {from: Number(low)}, (out) => {
    fillRandomFromTo(out, top - low + 1n, low, wide, g);
  });
}

/** `x.bernoulli_(p=0.5, *, generator=None)`: p a number or a tensor broadcast to x. */
export function bernoulli_(x: Tensor, p: Tensor | number = 0.5, g = defaultGenerator): Tensor {
  const node = p instanceof Tensor ? BERNOULLI_TENSOR : BERNOULLI_SCALAR;
  return sample(x, 'bernoulli_', node, p instanceof Tensor ? {} : {p}, (out) => {
    out.set(bernoulliValues(x.shape, p, g));
  });
}

/** `x.exponential_(lambd=1, *, generator=None)`. */
export function exponential_(x: Tensor, lambda = 1, g = defaultGenerator): Tensor {
  if (!(lambda >= 0)) {
    throw runtimeError(`exponential_ expects lambda >= 0.0, but found lambda=${cppDouble(lambda)}`);
  }
  floatOnly(x, 'exponential_cpu');
  return sample(x, 'exponential_', EXPONENTIAL, {lambd: lambda}, (out) => {
    fillExponential(out, lambda, g);
  });
}

/** `x.geometric_(p, *, generator=None)`: trials to the first success (any dtype). */
export function geometric_(x: Tensor, p: number, g = defaultGenerator): Tensor {
  if (!(p > 0 && p < 1)) {
    throw runtimeError(`geometric_ expects p to be in (0, 1), but got p=${cppDouble(p)}`);
  }
  return sample(x, 'geometric_', GEOMETRIC, {p}, (out) => {
    fillGeometric(out, p, g);
  });
}

/** `x.log_normal_(mean=1, std=2, *, generator=None)`. */
export function logNormal_(x: Tensor, mean = 1, std = 2, g = defaultGenerator): Tensor {
  if (!(std > 0)) {
    throw runtimeError(`log_normal_ expects std > 0.0, but found std=${cppDouble(std)}`);
  }
  floatOnly(x, 'log_normal_cpu');
  return sample(x, 'log_normal_', LOG_NORMAL, {mean, std}, (out) => {
    fillLogNormal(out, mean, std, g);
  });
}

/** `x.cauchy_(median=0, sigma=1, *, generator=None)`. */
export function cauchy_(x: Tensor, median = 0, sigma = 1, g = defaultGenerator): Tensor {
  floatOnly(x, 'cauchy_cpu');
  return sample(x, 'cauchy_', CAUCHY, {median, sigma}, (out) => {
    fillCauchy(out, median, sigma, g);
  });
}

declare module '../tensor.js' {
  interface Tensor {
    /** `random_(from=0, to=None, *, generator=None)`. */
    random_(from?: Int | null, to?: Int | null, g?: Generator): this;
    /** `bernoulli_(p=0.5, *, generator=None)`. */
    bernoulli_(p?: Tensor | number, g?: Generator): this;
    /** `exponential_(lambd=1, *, generator=None)`. */
    exponential_(lambda?: number, g?: Generator): this;
    /** `geometric_(p, *, generator=None)`. */
    geometric_(p: number, g?: Generator): this;
    /** `log_normal_(mean=1, std=2, *, generator=None)`. */
    log_normal_(mean?: number, std?: number, g?: Generator): this;
    /** `cauchy_(median=0, sigma=1, *, generator=None)`. */
    cauchy_(median?: number, sigma?: number, g?: Generator): this;
  }
}

const gen = (a: BoundArgs): Generator =>
  (a.get('generator') as Generator | null | undefined) ?? defaultGenerator;
const num = (a: BoundArgs, name: string): number => Number(a.get(name));

/** One in-place sampler's declaration: its node(s), TypeScript method and Python form. */
function sampler(
  name: string,
  nodes: NodeDeclaration[],
  method: (this: Tensor, ...args: never[]) => unknown,
  signature: string,
  call: (t: Tensor, a: BoundArgs, ctx: PythonCallContext) => Tensor,
  overloads?: ReturnType<typeof overload>[],
): OpDeclaration {
  return declareOp({
    name,
    nodes,
    methods: {[name]: method},
    python: {[name]: {method: signature, call, ...(overloads ? {overloads} : {})}},
  });
}

/** random_, bernoulli_, exponential_, geometric_, log_normal_, cauchy_. */
export const declarations: readonly OpDeclaration[] = [
  sampler(
    'random_',
    [RANDOM_FROM_TO, RANDOM_TO, RANDOM],
    function (this: Tensor, from?: Int | null, to?: Int | null, g?: Generator) {
      return random_(this, from ?? null, to ?? null, g);
    },
    'random_(any from=None, any to=unset, *, Generator? generator=None)',
    (t, a, ctx) => {
      const rawFrom = a.get('from');
      if (rawFrom !== null && typeof rawFrom !== 'bigint') ctx.invalidArguments();
      const from = rawFrom === null ? null : ctx.int(rawFrom);
      const to = a.get('to');
      // random_(to) when one bound is given; random_(from, None) draws up to the dtype's top.
      const warn = (message: string) => {
        ctx.warn('UserWarning', message);
      };
      if (to === 'unset') {
        return from === null
          ? random_(t, null, null, gen(a))
          : random_(t, null, from, gen(a), warn);
      }
      if (to !== null && typeof to !== 'bigint') ctx.invalidArguments();
      if (from === null) ctx.invalidArguments();
      return random_(t, from, to === null ? null : ctx.int(to), gen(a), warn);
    },
    [
      overload('(*, torch.Generator generator)', 0, 0),
      overload('(int from, int to, *, torch.Generator generator)', 2, 2),
      overload('(int to, *, torch.Generator generator)', 1, 1),
    ],
  ),
  sampler(
    'bernoulli_',
    [BERNOULLI_TENSOR, BERNOULLI_SCALAR],
    function (this: Tensor, p?: Tensor | number, g?: Generator) {
      return bernoulli_(this, p, g);
    },
    'bernoulli_(TensorOrNumber p=0.5, *, Generator? generator=None)',
    (t, a) => {
      const p = a.get('p');
      return bernoulli_(t, p instanceof Tensor ? p : Number(p), gen(a));
    },
    [
      overload('(Tensor p, *, torch.Generator generator)', 1, 1),
      overload('(float p, *, torch.Generator generator)', 0, 1),
    ],
  ),
  sampler(
    'exponential_',
    [EXPONENTIAL],
    function (this: Tensor, lambda?: number, g?: Generator) {
      return exponential_(this, lambda, g);
    },
    'exponential_(float lambd=1, *, Generator? generator=None)',
    (t, a) => exponential_(t, num(a, 'lambd'), gen(a)),
  ),
  sampler(
    'geometric_',
    [GEOMETRIC],
    function (this: Tensor, p: number, g?: Generator) {
      return geometric_(this, p, g);
    },
    'geometric_(float p, *, Generator? generator=None)',
    (t, a) => geometric_(t, num(a, 'p'), gen(a)),
  ),
  sampler(
    'log_normal_',
    [LOG_NORMAL],
    function (this: Tensor, mean?: number, std?: number, g?: Generator) {
      return logNormal_(this, mean, std, g);
    },
    'log_normal_(float mean=1, float std=2, *, Generator? generator=None)',
    (t, a) => logNormal_(t, num(a, 'mean'), num(a, 'std'), gen(a)),
  ),
  sampler(
    'cauchy_',
    [CAUCHY],
    function (this: Tensor, median?: number, sigma?: number, g?: Generator) {
      return cauchy_(this, median, sigma, g);
    },
    'cauchy_(float median=0, float sigma=1, *, Generator? generator=None)',
    (t, a) => cauchy_(t, num(a, 'median'), num(a, 'sigma'), gen(a)),
  ),
];
