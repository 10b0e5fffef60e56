/**
 * PyTorch 1.13's CPU sampling kernels beyond uniform and normal, on plain arrays: randperm's
 * shuffle, bernoulli, exponential, geometric, log-normal, Cauchy, `random_`'s integer draws and
 * multinomial with replacement (aten/src/ATen/native/cpu/DistributionTemplates.h,
 * DistributionsHelper.h, TransformationHelper.h, TensorFactories.cpp, cpu/MultinomialKernel.cpp;
 * this build has no MKL, so bernoulli and exponential take the generator's own path). Each draws
 * from the generator it is given, in the order PyTorch's serial loops draw.
 */
import {fma64} from './kernels/sleef.js';
import type {Generator} from './random.js';

/**
 * `randperm_cpu`: 0…n-1, then for i from 0 to n-2 a swap of i with i + (random() % (n - i)), one
 * 32-bit draw each.
 */
export function randpermValues(n: number, g: Generator): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = g.random() % (n - i);
    const saved = out[i] ?? 0;
    out[i] = out[z + i] ?? 0;
    out[z + i] = saved;
  }
  return out;
}

/** `bernoulli_distribution<double>(p)`: a 53-bit uniform below p. */
export function fillBernoulliScalar(out: Float64Array, p: number, g: Generator): void {
  for (let i = 0; i < out.length; i++) out[i] = g.uniformDouble() < p ? 1 : 0;
}

/**
 * `bernoulli_(p_tensor)`: each element against its own probability, a 53-bit uniform when the
 * probabilities are float64, a 24-bit one (`bernoulli_distribution<float>`) otherwise.
 */
export function fillBernoulliTensor(
  out: Float64Array,
  probs: ArrayLike<number>,
  double: boolean,
  g: Generator,
): void {
  for (let i = 0; i < out.length; i++) {
    const u = double ? g.uniformDouble() : g.uniformFloat();
    out[i] = u < (probs[i] ?? 0) ? 1 : 0;
  }
}

/** `exponential_distribution<double>(lambda)`: -1/λ · log(1 - u), u a 53-bit uniform. */
export function fillExponential(out: Float64Array, lambda: number, g: Generator): void {
  for (let i = 0; i < out.length; i++) out[i] = (-1 / lambda) * Math.log(1 - g.uniformDouble());
}

/** `geometric_distribution<double>(p)`: ceil(log(u) / log(1 - p)). */
export function fillGeometric(out: Float64Array, p: number, g: Generator): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.ceil(Math.log(g.uniformDouble()) / Math.log(1 - p));
  }
}

/** `lognormal_distribution<double>(mean, std)`: exp of a `normal_distribution<double>` draw. */
export function fillLogNormal(out: Float64Array, mean: number, std: number, g: Generator): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(fma64(g.normalDouble(), std, mean));
}

/** `cauchy_distribution<double>(median, sigma)`: median + σ · tan(π (u - 1/2)). */
export function fillCauchy(out: Float64Array, median: number, sigma: number, g: Generator): void {
  for (let i = 0; i < out.length; i++) {
    out[i] = fma64(sigma, Math.tan(Math.PI * (g.uniformDouble() - 0.5)), median);
  }
}

/**
 * `random_()` with no bounds (`uniform_int_distribution`): [0, 2^24] for float32, [0, 2^53] for
 * float64, [0, 2^63) for int64 (64-bit draws for those two), [0, 2^11] for float16, [0, max] for
 * the narrower integers, the low bit for bool.
 */
export function fillRandomFull(out: Float64Array, dtype: string, g: Generator): void {
  for (let i = 0; i < out.length; i++) {
    switch (dtype) {
      case 'float32':
        out[i] = g.random() % (2 ** 24 + 1);
        break;
      case 'float64':
        out[i] = Number(g.random64() % (2n ** 53n + 1n));
        break;
      case 'bool':
        out[i] = g.random() & 1;
        break;
      case 'float16':
        out[i] = g.random() % (2 ** 11 + 1);
        break;
      case 'int32':
        out[i] = g.random() % 2 ** 31;
        break;
      case 'int16':
        out[i] = g.random() % 2 ** 15;
        break;
      case 'int8':
        out[i] = g.random() % 2 ** 7;
        break;
      case 'uint8':
        out[i] = g.random() % 2 ** 8;
        break;
      default:
        out[i] = Number(g.random64() % 2n ** 63n);
    }
  }
}

/**
 * `random_(from, to)` (`uniform_int_from_to_distribution`): base + draw % range, the draw 64-bit
 * when the range reaches 2^32 and the dtype is wide enough (int64, float64, float32), else 32-bit.
 */
export function fillRandomFromTo(
  out: Float64Array,
  range: bigint,
  base: bigint,
  wide: boolean,
  g: Generator,
): void {
  for (let i = 0; i < out.length; i++) {
    if (wide && range >= 2n ** 32n)
      out[i] = Number(BigInt.asIntN(64, (g.random64() % range) + base));
    else out[i] = Number(BigInt.asIntN(64, (BigInt(g.random()) % range) + base));
  }
}

/**
 * `multinomial_with_replacement` for one distribution: its cumulative sum normalised (in the
 * dtype's precision, `round`), then a binary search for each 53-bit uniform.
 */
export function multinomialRow(
  probs: ArrayLike<number>,
  samples: number,
  round: (x: number) => number,
  g: Generator,
): number[] {
  const k = probs.length;
  const cum = new Float64Array(k);
  let sum = 0;
  for (let j = 0; j < k; j++) {
    sum = round(sum + (probs[j] ?? 0));
    cum[j] = sum;
  }
  for (let j = 0; j < k; j++) cum[j] = round((cum[j] ?? 0) / sum);
  cum[k - 1] = 1;
  const out: number[] = [];
  for (let s = 0; s < samples; s++) {
    const u = g.uniformDouble();
    let left = 0;
    let right = k;
    while (right - left > 0) {
      const mid = left + Math.floor((right - left) / 2);
      if ((cum[mid] ?? 0) < u) left = mid + 1;
      else right = mid;
    }
    out.push(left);
  }
  return out;
}
