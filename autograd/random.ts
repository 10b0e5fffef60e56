/**
 * PyTorch's CPU random numbers: the same Mersenne Twister (mt19937) and the same recipes for
 * `rand`, `randn` and `randint`, so that after `torch.manual_seed(n)` a script draws the numbers
 * PyTorch 1.13 draws (aten/src/ATen/core/DistributionsHelper.h, native/cpu/DistributionTemplates.h,
 * and avx_mathfun.h for the vectorised normal kernel).
 */
import * as libm from './kernels/libm.js';
import {asFloat, asInt, fma32, fma64} from './kernels/sleef.js';

/** Words in the Mersenne Twister's state. */
const N = 624;

/**
 * The 32-bit Mersenne Twister as `at::mt19937` keeps it: the state words, `left` (draws until the
 * next regeneration, plus one) and `next` (the word to draw), which `get_state` exposes.
 */
class MT19937 {
  readonly state = new Uint32Array(N);
  left = 1;
  next = 0;

  constructor(seed: number) {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = s[i - 1] ?? 0;
      const x = (prev ^ (prev >>> 30)) >>> 0;
      s[i] = (Math.imul(1812433253, x) + i) >>> 0;
    }
  }

  /** The next 32-bit output. */
  draw(): number {
    const s = this.state;
    if (--this.left === 0) {
      for (let i = 0; i < N; i++) {
        const y = ((s[i] ?? 0) & 0x80000000) | ((s[(i + 1) % N] ?? 0) & 0x7fffffff);
        let v = (s[(i + 397) % N] ?? 0) ^ (y >>> 1);
        if (y & 1) v ^= 0x9908b0df;
        s[i] = v >>> 0;
      }
      this.left = N;
      this.next = 0;
    }
    let y = s[this.next++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

/** `default_rng_seed_val`: the seed of a `torch.Generator()` nobody has seeded. */
export const DEFAULT_SEED = 67280421310721n;

/** Bytes in `get_state()`'s tensor: c10's `CPUGeneratorImplState`, padding included. */
export const STATE_BYTES = 5056;
/** Bytes in the legacy state (`CPUGeneratorImplStateLegacy`) `set_state` also accepts. */
export const LEGACY_STATE_BYTES = 5048;

/** A CPU generator: the engine, its seed, and the cached second Box–Muller sample. */
export class Generator {
  private engine: MT19937;
  private seedValue: bigint;
  /** `normal_distribution<double>` draws two samples and keeps one for the next call. */
  nextDoubleNormal: number | null = null;
  /** The float twin of that cache (only `set_state` fills it; kept for `get_state`). */
  nextFloatNormal: number | null = null;

  constructor(seed: bigint = DEFAULT_SEED) {
    this.seedValue = BigInt.asUintN(64, seed);
    this.engine = new MT19937(Number(this.seedValue & 0xffffffffn));
  }

  /** `manual_seed`: restarts the engine from `seed` (taken modulo 2^64) and drops the cache. */
  manualSeed(seed: bigint): void {
    this.seedValue = BigInt.asUintN(64, seed);
    this.engine = new MT19937(Number(this.seedValue & 0xffffffffn));
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
  }

  /** `initial_seed()`. */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** 32 random bits. */
  random(): number {
    return this.engine.draw();
  }

  /** 64 random bits: `make64BitsFrom32Bits(first, second)`. */
  random64(): bigint {
    const hi = BigInt(this.random());
    return (hi << 32n) | BigInt(this.random());
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
    const r = Math.sqrt(-2 * libm.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.nextDoubleNormal = r * libm.sin(theta);
    return r * libm.cos(theta);
  }

  /** `get_state()`: the bytes of `CPUGeneratorImplState` as c10 lays it out (little-endian). */
  getState(): Uint8Array {
    const bytes = new Uint8Array(STATE_BYTES);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, this.seedValue, true);
    view.setInt32(8, this.engine.left, true);
    view.setInt32(12, 1, true);
    view.setBigUint64(16, BigInt(this.engine.next), true);
    this.engine.state.forEach((w, i) => {
      view.setBigUint64(24 + 8 * i, BigInt(w), true);
    });
    const pod = 24 + 8 * N;
    if (this.nextDoubleNormal !== null) {
      view.setFloat64(pod + 8, this.nextDoubleNormal, true);
      view.setInt32(pod + 24, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      view.setFloat32(LEGACY_STATE_BYTES, this.nextFloatNormal, true);
      view.setUint8(LEGACY_STATE_BYTES + 4, 1);
    }
    return bytes;
  }

  /**
   * `set_state(bytes)`: either layout; returns PyTorch's message when the bytes are no state
   * (wrong size, or an engine `at::mt19937::is_valid` refuses), else null.
   */
  setState(bytes: Uint8Array): string | null {
    if (bytes.length !== STATE_BYTES && bytes.length !== LEGACY_STATE_BYTES) {
      return `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_BYTES} or a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${bytes.length}`;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const left = view.getInt32(8, true);
    const seeded = view.getInt32(12, true) !== 0;
    const next = Number(view.getBigUint64(16, true) & 0xffffffffn);
    if (!seeded || left <= 0 || left > N || next > N) return 'Invalid mt19937 state';
    const engine = new MT19937(0);
    for (let i = 0; i < N; i++)
      engine.state[i] = Number(view.getBigUint64(24 + 8 * i, true) & 0xffffffffn);
    engine.left = left;
    engine.next = next;
    this.engine = engine;
    this.seedValue = view.getBigUint64(0, true);
    const pod = 24 + 8 * N;
    this.nextDoubleNormal =
      view.getInt32(pod + 24, true) !== 0 ? view.getFloat64(pod + 8, true) : null;
    this.nextFloatNormal =
      bytes.length === STATE_BYTES && view.getUint8(LEGACY_STATE_BYTES + 4) !== 0
        ? view.getFloat32(LEGACY_STATE_BYTES, true)
        : null;
    return null;
  }

  /** `seed()`: reseeds from a nondeterministic seed (the run's entropy) and returns it. */
  seed(): bigint {
    const s = entropy.random64();
    this.manualSeed(s);
    return s;
  }
}

/**
 * Where nondeterministic seeds come from (`torch.seed()`, `Generator.seed()`): a generator of its
 * own, restarted with the default one by `resetRandomness`, so a run drawn again (the trace
 * window's recomputation) gets the same "random" seeds too.
 */
const entropy = new Generator(freshSeed());

/** A nondeterministic starting seed, as PyTorch's default generator has without manual_seed. */
function freshSeed(): bigint {
  return BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 21n + BigInt(Date.now() % 2 ** 21);
}

/** The default CPU generator (`torch.default_generator`). */
export const defaultGenerator = new Generator(freshSeed());

/**
 * Starts every source of randomness from `seed`: the default generator and the source of
 * nondeterministic seeds. The same seed gives the same run.
 */
export function resetRandomness(seed: bigint): void {
  defaultGenerator.manualSeed(seed);
  entropy.manualSeed(seed ^ 0x5eed5eedn);
}

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
 * size), anything else (or a tensor that is not contiguous) one `normal_distribution<double>`
 * sample at a time.
 */
export function fillNormal(
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
  g = defaultGenerator,
  contiguous = true,
): void {
  const n = out.length;
  if (n < 16 || !contiguous) {
    for (let i = 0; i < n; i++) out[i] = fma64(g.normalDouble(), std, mean);
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
    const radius = Math.sqrt(-2 * libm.log(u1));
    const theta = 2 * Math.PI * u2;
    d[at + j] = fma64(radius * libm.cos(theta), std, mean);
    d[at + j + 8] = fma64(radius * libm.sin(theta), std, mean);
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
