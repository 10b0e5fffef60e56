/**
 * Python's `random` module, exactly as CPython 3.11: the same Mersenne Twister seeded the same way
 * (init_by_array over the seed's 32-bit words), `random()` from 53 bits of two draws, and the same
 * recipes in Lib/random.py for getrandbits, randrange/randint (rejection sampling on
 * `getrandbits(n.bit_length())`), choice, choices, shuffle, sample, uniform, triangular, gauss,
 * normalvariate and expovariate, so that after `random.seed(n)` a script draws what CPython draws.
 * (gauss and normalvariate go through log/cos/sin, where JS's Math may differ from glibc in the
 * last bit.)
 */
import * as libm from '../../../autograd/kernels/libm.js';
import {hashOf, PyDict, PySet} from '../containers.js';
import {pyError} from '../errors.js';
import {binaryOp, compare, iterate, truthy} from '../operators.js';
import {typeName} from '../repr.js';
import {getItem, setItem} from '../subscript.js';
import {pyWarn} from '../warnings.js';
import {
  PyCallable,
  PyList,
  PyModule,
  PyNamespace,
  PyRange,
  PyTuple,
  type Kwargs,
} from '../values.js';

const N = 624;

/** CPython's MT19937 (Modules/_randommodule.c), state and all. */
export class MersenneTwister {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = N;
  }

  /** `init_by_array(key)`, as `random.seed(int)` calls it. */
  initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] =
        (((mt[i] ?? 0) ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) + (key[j] ?? 0) + j) >>>
        0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] ?? 0;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ?? 0;
      mt[i] = (((mt[i] ?? 0) ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] ?? 0;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  /** The next 32-bit output (genrand_uint32). */
  next32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = ((mt[kk] ?? 0) & 0x80000000) | ((mt[(kk + 1) % N] ?? 0) & 0x7fffffff);
        mt[kk] = ((mt[(kk + 397) % N] ?? 0) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.index = 0;
    }
    let y = mt[this.index++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random()`: 53 random bits as a float in [0, 1). */
  random(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** `getrandbits(k)`: k random bits, the first 32-bit word the least significant. */
  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(k === 0 ? 0 : this.next32() >>> (32 - k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.next32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** One `random.Random` instance: the generator and the cached second gauss sample. */
class RandomState {
  readonly mt = new MersenneTwister();
  gaussNext: number | null = null;

  constructor(seed: unknown) {
    this.seed(seed);
  }

  seed(a: unknown): void {
    let n: bigint;
    if (a === null || a === undefined) {
      n = BigInt(Math.floor(Math.random() * 2 ** 52)) ^ BigInt(Date.now());
    } else if (typeof a === 'bigint' || typeof a === 'boolean') {
      n = typeof a === 'boolean' ? (a ? 1n : 0n) : a;
    } else if (typeof a === 'number') {
      n = hashOf(a);
    } else if (typeof a === 'string') {
      throw pyError(
        'NotImplementedError',
        "random.seed(str) is not supported by grad-graph's Python subset (seed with an int)",
      );
    } else {
      throw pyError(
        'TypeError',
        'The only supported seed types are: None,\nint, float, str, bytes, and bytearray.',
      );
    }
    if (n < 0n) n = -n;
    const key: number[] = [];
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    if (key.length === 0) key.push(0);
    this.mt.initByArray(key);
    this.gaussNext = null;
  }

  randbelow(n: bigint): bigint {
    const k = bitLength(n);
    let r = this.mt.getrandbits(k);
    while (r >= n) r = this.mt.getrandbits(k);
    return r;
  }
}

function index(v: unknown, which: number): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') {
    if (!Number.isInteger(v))
      throw pyError('ValueError', `non-integer arg ${which} for randrange()`);
    pyWarn(
      'DeprecationWarning',
      'non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a subsequent version',
    );
    return BigInt(v);
  }
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

function randrange(s: RandomState, start: unknown, stop: unknown, step: unknown): bigint {
  const istart = index(start, 1);
  if (stop === null || stop === undefined) {
    if (step !== undefined) throw pyError('TypeError', 'Missing a non-None stop argument');
    if (istart > 0n) return s.randbelow(istart);
    throw pyError('ValueError', 'empty range for randrange()');
  }
  const istop = index(stop, 2);
  const width = istop - istart;
  const istep = step === undefined ? 1n : index(step, 3);
  if (istep === 1n) {
    if (width > 0n) return istart + s.randbelow(width);
    throw pyError('ValueError', `empty range for randrange() (${istart}, ${istop}, ${width})`);
  }
  const floorDiv = (a: bigint, b: bigint) => {
    const q = a / b;
    return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
  };
  let n: bigint;
  if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
  else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
  else throw pyError('ValueError', 'zero step for randrange()');
  if (n <= 0n) throw pyError('ValueError', 'empty range for randrange()');
  return istart + istep * s.randbelow(n);
}

function length(v: unknown): bigint {
  if (v instanceof PyList || v instanceof PyTuple) return BigInt(v.items.length);
  if (typeof v === 'string') return BigInt(Array.from(v).length);
  if (v instanceof PyRange) return v.length;
  if (v instanceof PyDict) return BigInt(v.size);
  throw pyError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw pyError('TypeError', `must be real number, not ${typeName(v)}`);
}

/** Reads positional-or-keyword parameters in order, with Python's missing-argument message. */
function params(
  method: string,
  names: readonly string[],
  required: number,
  args: readonly unknown[],
  kwargs: Kwargs,
): unknown[] {
  if (args.length > names.length) {
    throw pyError(
      'TypeError',
      `Random.${method}() takes from ${required + 1} to ${names.length + 1} positional arguments but ${args.length + 1} were given`,
    );
  }
  const out: unknown[] = [...args];
  for (const [k, v] of kwargs) {
    const i = names.indexOf(k);
    if (i < 0)
      throw pyError('TypeError', `Random.${method}() got an unexpected keyword argument '${k}'`);
    if (i < args.length) {
      throw pyError('TypeError', `Random.${method}() got multiple values for argument '${k}'`);
    }
    out[i] = v;
  }
  const missing = names.slice(0, required).filter((_, i) => out[i] === undefined);
  if (missing.length) {
    const list = missing.map((m) => `'${m}'`);
    const text =
      list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
    throw pyError(
      'TypeError',
      `Random.${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${text}`,
    );
  }
  return out;
}

const twoPi = 2.0 * Math.PI;
const nvMagic = (4 * libm.exp(-0.5)) / Math.sqrt(2.0);

type Fn = (s: RandomState, args: readonly unknown[], kwargs: Kwargs) => unknown;

const methods: Readonly<Record<string, Fn>> = {
  seed: (s, args, kwargs) => {
    const [a = null] = params('seed', ['a', 'version'], 0, args, kwargs);
    s.seed(a);
    return null;
  },
  random: (s, args) => {
    if (args.length) {
      throw pyError('TypeError', `Random.random() takes no arguments (${args.length} given)`);
    }
    return s.mt.random();
  },
  getrandbits: (s, args) => {
    const k = index(args[0], 1);
    if (k < 0n) throw pyError('ValueError', 'number of bits must be non-negative');
    return s.mt.getrandbits(Number(k));
  },
  randrange: (s, args, kwargs) => {
    const [start, stop, step] = params('randrange', ['start', 'stop', 'step'], 1, args, kwargs);
    return randrange(s, start, stop, step);
  },
  randint: (s, args, kwargs) => {
    const [a, b] = params('randint', ['a', 'b'], 2, args, kwargs);
    return randrange(s, a, binaryOp('+', b, 1n), undefined);
  },
  choice: (s, args, kwargs) => {
    const [seq] = params('choice', ['seq'], 1, args, kwargs);
    const n = length(seq);
    if (n === 0n) throw pyError('IndexError', 'Cannot choose from an empty sequence');
    return getItem(seq, s.randbelow(n));
  },
  shuffle: (s, args, kwargs) => {
    const [x] = params('shuffle', ['x'], 1, args, kwargs);
    const n = length(x);
    for (let i = n - 1n; i > 0n; i--) {
      const j = s.randbelow(i + 1n);
      const a = getItem(x, i);
      const b = getItem(x, j);
      setItem(x, i, b);
      setItem(x, j, a);
    }
    return null;
  },
  sample: (s, args, kwargs) => {
    const [population, k] = params('sample', ['population', 'k'], 2, args, kwargs);
    if (population instanceof PySet || population instanceof PyDict) {
      throw pyError(
        'TypeError',
        'Population must be a sequence.  For dicts or sets, use sorted(d).',
      );
    }
    const n = length(population);
    const kk = index(k, 2);
    if (kk < 0n || kk > n)
      throw pyError('ValueError', 'Sample larger than population or is negative');
    const result: unknown[] = [];
    let setsize = 21;
    if (kk > 5n) setsize += 4 ** Math.ceil(libm.log(Number(kk) * 3) / libm.log(4));
    if (n <= BigInt(setsize)) {
      const pool = iterate(population);
      for (let i = 0n; i < kk; i++) {
        const j = Number(s.randbelow(n - i));
        result.push(pool[j]);
        pool[j] = pool[Number(n - i - 1n)];
      }
    } else {
      const selected = new Set<bigint>();
      for (let i = 0n; i < kk; i++) {
        let j = s.randbelow(n);
        while (selected.has(j)) j = s.randbelow(n);
        selected.add(j);
        result.push(getItem(population, j));
      }
    }
    return new PyList(result);
  },
  choices: (s, args, kwargs) => {
    const [population, weights = null, cumWeights = null, kArg = 1n] = params(
      'choices',
      ['population', 'weights', 'cum_weights', 'k'],
      1,
      args.slice(0, 2),
      kwargs,
    );
    const n = Number(length(population));
    const k = Number(index(kArg, 4));
    const out: unknown[] = [];
    if (cumWeights === null) {
      if (weights === null) {
        for (let i = 0; i < k; i++)
          out.push(getItem(population, BigInt(Math.floor(s.mt.random() * n))));
        return new PyList(out);
      }
    } else if (weights !== null) {
      throw pyError('TypeError', 'Cannot specify both weights and cumulative weights');
    }
    let cum: unknown[];
    if (cumWeights === null) {
      cum = [];
      let total: unknown = undefined;
      for (const w of iterate(weights)) {
        total = total === undefined ? w : binaryOp('+', total, w);
        cum.push(total);
      }
    } else cum = iterate(cumWeights);
    if (cum.length !== n) {
      throw pyError('ValueError', 'The number of weights does not match the population');
    }
    const total = toFloat(binaryOp('+', cum[cum.length - 1], 0.0));
    if (total <= 0.0) throw pyError('ValueError', 'Total of weights must be greater than zero');
    if (!Number.isFinite(total)) throw pyError('ValueError', 'Total of weights must be finite');
    const hi = n - 1;
    for (let i = 0; i < k; i++) {
      const x = s.mt.random() * total;
      // bisect_right(cum, x, 0, hi)
      let lo = 0;
      let h = hi;
      while (lo < h) {
        const mid = (lo + h) >> 1;
        if (truthy(compare('<', x, cum[mid]))) h = mid;
        else lo = mid + 1;
      }
      out.push(getItem(population, BigInt(lo)));
    }
    return new PyList(out);
  },
  uniform: (s, args, kwargs) => {
    const [a, b] = params('uniform', ['a', 'b'], 2, args, kwargs);
    return binaryOp('+', a, binaryOp('*', binaryOp('-', b, a), s.mt.random()));
  },
  triangular: (s, args, kwargs) => {
    const [lowArg = 0.0, highArg = 1.0, mode = null] = params(
      'triangular',
      ['low', 'high', 'mode'],
      0,
      args,
      kwargs,
    );
    let low = toFloat(lowArg);
    let high = toFloat(highArg);
    let u = s.mt.random();
    if (high === low) return low;
    let c = mode === null ? 0.5 : (toFloat(mode) - low) / (high - low);
    if (u > c) {
      u = 1.0 - u;
      c = 1.0 - c;
      [low, high] = [high, low];
    }
    return low + (high - low) * Math.sqrt(u * c);
  },
  gauss: (s, args, kwargs) => {
    const [mu = 0.0, sigma = 1.0] = params('gauss', ['mu', 'sigma'], 0, args, kwargs);
    let z = s.gaussNext;
    s.gaussNext = null;
    if (z === null) {
      const x2pi = s.mt.random() * twoPi;
      const g2rad = Math.sqrt(-2.0 * libm.log(1.0 - s.mt.random()));
      z = libm.cos(x2pi) * g2rad;
      s.gaussNext = libm.sin(x2pi) * g2rad;
    }
    return binaryOp('+', mu, binaryOp('*', z, sigma));
  },
  normalvariate: (s, args, kwargs) => {
    const [mu = 0.0, sigma = 1.0] = params('normalvariate', ['mu', 'sigma'], 0, args, kwargs);
    let z: number;
    for (;;) {
      const u1 = s.mt.random();
      const u2 = 1.0 - s.mt.random();
      z = (nvMagic * (u1 - 0.5)) / u2;
      if ((z * z) / 4.0 <= -libm.log(u2)) break;
    }
    return binaryOp('+', mu, binaryOp('*', z, sigma));
  },
  expovariate: (s, args, kwargs) => {
    const [lambd] = params('expovariate', ['lambd'], 1, args, kwargs);
    return -libm.log(1.0 - s.mt.random()) / toFloat(lambd);
  },
};

function bindAll(state: RandomState, owner: string, self: unknown): Map<string, unknown> {
  const attrs = new Map<string, unknown>();
  for (const [name, f] of Object.entries(methods)) {
    attrs.set(
      name,
      new PyCallable(name, (args, kwargs) => f(state, args, kwargs), {kind: 'method', self, owner}),
    );
  }
  return attrs;
}

/** A fresh `random` module (its hidden generator seeded unpredictably, as CPython's). */
export function makeRandomModule(): PyModule {
  const hidden = new RandomState(null);
  const module = new PyModule('random', new Map(), '/usr/lib/python3.11/random.py');
  for (const [k, v] of bindAll(hidden, 'Random', hidden)) module.attrs.set(k, v);
  module.attrs.set(
    'Random',
    new PyCallable(
      'Random',
      (args) => {
        const state = new RandomState(args[0] ?? null);
        const obj = new PyNamespace('Random', new Map());
        for (const [k, v] of bindAll(state, 'Random', obj)) obj.attrs.set(k, v);
        return obj;
      },
      {kind: 'class', qualname: 'random.Random'},
    ),
  );
  return module;
}
