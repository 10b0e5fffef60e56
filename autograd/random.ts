/**
 * PyTorch's CPU random numbers: the same Mersenne Twister (mt19937) and the same recipes for
 * `rand`, `randn` and `randint`, so that after `torch.manual_seed(n)` a script draws the numbers
 * PyTorch 1.13 draws (aten/src/ATen/core/DistributionsHelper.h, native/cpu/DistributionTemplates.h,
 * and avx_mathfun.h for the vectorised normal kernel).
 */
import {asFloat, asInt, fma32, fma64} from './kernels/sleef.js';

/** The 32-bit Mersenne Twister, seeded as `std::mt19937` / `at::mt19937` are. */
class MT19937 {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = s[i - 1] ?? 0;
      const x = (prev ^ (prev >>> 30)) >>> 0;
      // 1812433253 · x + i in 32 bits, split so no product exceeds 2^53.
      s[i] = (Math.imul(1812433253, x) + i) >>> 0;
    }
  }

  /** The next 32-bit output. */
  next(): number {
    const s = this.state;
    if (this.index >= 624) {
      for (let i = 0; i < 624; i++) {
        const y = ((s[i] ?? 0) & 0x80000000) | ((s[(i + 1) % 624] ?? 0) & 0x7fffffff);
        let v = (s[(i + 397) % 624] ?? 0) ^ (y >>> 1);
        if (y & 1) v ^= 0x9908b0df;
        s[i] = v >>> 0;
      }
      this.index = 0;
    }
    let y = s[this.index++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

/** A CPU generator: the engine, its seed, and the cached second Box–Muller sample. */
export class Generator {
  private engine: MT19937;
  private seedValue: bigint;
  /** `normal_distribution<double>` draws two samples and keeps one for the next call. */
  nextDoubleNormal: number | null = null;

  constructor(seed: bigint) {
    this.seedValue = seed;
    this.engine = new MT19937(Number(seed & 0xffffffffn));
  }

  /** `manual_seed`: restarts the engine from `seed` (taken modulo 2^64) and drops the cache. */
  manualSeed(seed: bigint): void {
    this.seedValue = BigInt.asUintN(64, seed);
    this.engine = new MT19937(Number(this.seedValue & 0xffffffffn));
    this.nextDoubleNormal = null;
  }

  /** `initial_seed()`. */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** 32 random bits. */
  random(): number {
    return this.engine.next();
  }

  /** A float32 uniform in [0, 1): the low 24 bits of one draw. */
  uniformFloat(): number {
    return (this.random() & 0xffffff) * 2 ** -24;
  }

  /** A float64 uniform in [0, 1): the low 53 bits of two draws (the first is the high word). */
  uniformDouble(): number {
    const hi = this.random() & 0x1fffff;
    const lo = this.random();
    return (hi * 2 ** 32 + lo) * 2 ** -53;
  }

  /** `normal_distribution<double>`: Box–Muller on two doubles, the sine half cached. */
  normalDouble(): number {
    if (this.nextDoubleNormal !== null) {
      const v = this.nextDoubleNormal;
      this.nextDoubleNormal = null;
      return v;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.nextDoubleNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** A nondeterministic starting seed, as PyTorch's default generator has without manual_seed. */
function freshSeed(): bigint {
  return BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 21n + BigInt(Date.now() % 2 ** 21);
}

/** The default CPU generator (`torch.default_generator`). */
export const defaultGenerator = new Generator(freshSeed());

/** Fills `out` with float32/float64 uniforms in [low, high) as `uniform_` does. */
export function fillUniform(
  out: Float32Array | Float64Array,
  low: number,
  high: number,
  g = defaultGenerator,
): void {
  if (out instanceof Float32Array) {
    const from = Math.fround(low);
    const span = Math.fround(Math.fround(high) - from);
    // x·(to - from) + from, contracted to one fused multiply-add by the compiler of PyTorch's
    // AVX2 kernels (rounding the product first differs for half the draws).
    for (let i = 0; i < out.length; i++) out[i] = fma32(g.uniformFloat(), span, from);
  } else {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = fma64(g.uniformDouble(), span, low);
  }
}

/**
 * Fills `out` with normal samples as `normal_` does: 16 or more contiguous float32 values by
 * Box–Muller over blocks of 16 uniforms (the last block redrawn when 16 does not divide the
 * size), anything else one `normal_distribution<double>` sample at a time.
 */
export function fillNormal(
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  g = defaultGenerator,
): void {
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = g.normalDouble() * std + mean;
    return;
  }
  const float32 = out instanceof Float32Array;
  const uniform = () => (float32 ? g.uniformFloat() : g.uniformDouble());
  for (let i = 0; i < n; i++) out[i] = uniform();
  for (let i = 0; i + 16 <= n; i += 16) normal16(out, i, mean, std, float32);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) out[i] = uniform();
    normal16(out, n - 16, mean, std, float32);
  }
}

/** Box–Muller on 16 uniforms from `at`: the first 8 give the radii, the last 8 the angles. */
function normal16(
  d: Float32Array | Float64Array,
  at: number,
  mean: number,
  std: number,
  float32: boolean,
): void {
  if (float32) {
    // The AVX2 kernel: avx_mathfun's log and sincos, the compiler's fused multiply-adds.
    const twoPi = f(2 * Math.PI);
    const m = f(mean);
    const sd = f(std);
    for (let j = 0; j < 8; j++) {
      const u1 = f(1 - (d[at + j] ?? 0));
      const u2 = d[at + j + 8] ?? 0;
      const radius = f(Math.sqrt(f(-2 * log256(u1))));
      const [sin, cos] = sincos256(f(twoPi * u2));
      d[at + j] = fma32(f(radius * cos), sd, m);
      d[at + j + 8] = fma32(f(radius * sin), sd, m);
    }
    return;
  }
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - (d[at + j] ?? 0);
    const u2 = d[at + j + 8] ?? 0;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    d[at + j] = radius * Math.cos(theta) * std + mean;
    d[at + j + 8] = radius * Math.sin(theta) * std + mean;
  }
}

const f = Math.fround;
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);
const SQRTHF = f(0.7071067811865476);

/** avx_mathfun's `log256_ps` (Cephes logf) on one float32, with fused multiply-adds. */
function log256(x0: number): number {
  if (!(x0 > 0)) return x0 === 0 ? -Infinity : NaN;
  let x = Math.max(x0, 1.17549435e-38);
  const exponent = (asInt(x) >>> 23) - 0x7f;
  x = asFloat((asInt(x) & ~0x7f800000) | asInt(0.5));
  let e = f(exponent + 1);
  const small = x < SQRTHF;
  const tmp = small ? x : 0;
  x = f(x - 1);
  if (small) e = f(e - 1);
  x = f(x + tmp);
  const z = f(x * x);
  let y = LOG_P[0] ?? 0;
  for (let i = 1; i < LOG_P.length; i++) y = fma32(y, x, LOG_P[i] ?? 0);
  y = f(y * x);
  y = fma32(y, z, f(e * LOG_Q1));
  y = fma32(-z, 0.5, y);
  x = f(x + y);
  return fma32(e, LOG_Q2, x);
}

const DP = [-0.78515625, -2.4187564849853515625e-4, -3.774894977445941e-8].map(f);
const FOPI = f(1.27323954473516);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f);

/** avx_mathfun's `sincos256_ps` (Cephes sinf/cosf) on one float32: [sin, cos]. */
function sincos256(x0: number): [number, number] {
  const negative = x0 < 0;
  let x = Math.abs(x0);
  let j = Math.trunc(f(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  for (const dp of DP) x = fma32(y, dp, x);
  const z = f(x * x);
  let c = COS_P[0] ?? 0;
  c = fma32(c, z, COS_P[1] ?? 0);
  c = fma32(c, z, COS_P[2] ?? 0);
  c = f(c * z);
  c = fma32(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = SIN_P[0] ?? 0;
  s = fma32(s, z, SIN_P[1] ?? 0);
  s = fma32(s, z, SIN_P[2] ?? 0);
  s = f(s * z);
  s = fma32(s, x, x);
  const sinPoly = (j & 2) === 0;
  let sin = sinPoly ? s : c;
  let cos = sinPoly ? c : s;
  if (negative !== ((j & 4) !== 0)) sin = -sin;
  if (((j - 2) & 4) === 0) cos = -cos;
  return [sin, cos];
}

/** Integers in [low, high) as `random_(from, to)` draws them: one (or two) draws modulo the range. */
export function fillRandint(
  out: Float64Array,
  low: number,
  high: number,
  g = defaultGenerator,
): void {
  const range = high - low;
  for (let i = 0; i < out.length; i++) {
    if (range >= 2 ** 32) {
      const hi = BigInt(g.random());
      const lo = BigInt(g.random());
      out[i] = Number(((hi << 32n) | lo) % BigInt(range)) + low;
    } else {
      out[i] = (g.random() % range) + low;
    }
  }
}
