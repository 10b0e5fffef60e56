/**
 * CPython 3.11's `hash()` of ints, floats, strs and tuples, bit for bit (64-bit Py_hash_t), so
 * that a set iterates and prints in CPython's order. Strings use SipHash-1-3 with the all-zero key
 * that `PYTHONHASHSEED=0` selects (the golden generator's setting); floats and ints reduce modulo
 * the Mersenne prime 2^61 - 1 (Python/pyhash.c, Objects/longobject.c, Objects/tupleobject.c).
 */

const mask64 = (1n << 64n) - 1n;
/** `_PyHASH_MODULUS`. */
const modulus = (1n << 61n) - 1n;

/** A Py_hash_t as a signed 64-bit bigint. */
export type Hash = bigint;

function signed(h: bigint): Hash {
  const s = BigInt.asIntN(64, h);
  return s === -1n ? -2n : s;
}

/** `hash(n)` of an int. */
export function hashInt(n: bigint): Hash {
  const m = (n < 0n ? -n : n) % modulus;
  const h = n < 0n ? -m : m;
  return h === -1n ? -2n : h;
}

/** `hash(x)` of a finite float: the hash of the exact rational it is; ±inf are ±314159. */
export function hashFloat(x: number): Hash {
  if (x === Infinity) return 314159n;
  if (x === -Infinity) return -314159n;
  if (x === 0) return 0n;
  // x = mantissa · 2^exponent exactly, with an odd or integral mantissa below 2^53.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (rawExp === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = rawExp - 1075;
  }
  // 2^61 ≡ 1 (mod 2^61 - 1), so 2^e ≡ 2^(e mod 61).
  const e = ((exponent % 61) + 61) % 61;
  const h = ((mantissa % modulus) << BigInt(e)) % modulus;
  const s = x < 0 ? -h : h;
  return s === -1n ? -2n : s;
}

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & mask64;
}

/** SipHash-1-3 of `bytes` with key (k0, k1), as CPython's pyhash.c computes it. */
function siphash13(k0: bigint, k1: bigint, bytes: Uint8Array): bigint {
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & mask64;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & mask64;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & mask64;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & mask64;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const n = bytes.length;
  const blocks = n - (n % 8);
  for (let i = 0; i < blocks; i += 8) {
    let m = 0n;
    for (let j = 7; j >= 0; j--) m = (m << 8n) | BigInt(bytes[i + j] ?? 0);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let t = BigInt(n & 0xff) << 56n;
  for (let j = n - blocks - 1; j >= 0; j--) t |= BigInt(bytes[blocks + j] ?? 0) << BigInt(8 * j);
  v3 ^= t;
  round();
  v0 ^= t;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & mask64;
}

/** `hash(s)` of a str: SipHash-1-3 over its compact storage (1, 2 or 4 bytes a code point). */
export function hashString(s: string): Hash {
  if (s.length === 0) return 0n;
  const points = Array.from(s, (c) => c.codePointAt(0) ?? 0);
  const max = Math.max(...points);
  const width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const bytes = new Uint8Array(points.length * width);
  points.forEach((p, i) => {
    for (let b = 0; b < width; b++) bytes[i * width + b] = (p >>> (8 * b)) & 0xff;
  });
  return signed(siphash13(0n, 0n, bytes));
}

const xxPrime1 = 11400714785074694791n;
const xxPrime2 = 14029467366897019727n;
const xxPrime5 = 2870177450012600261n;

/** `hash(t)` of a tuple from its items' hashes (the xxHash-based recipe of CPython 3.8+). */
export function hashTuple(items: readonly Hash[]): Hash {
  let acc = xxPrime5;
  for (const item of items) {
    acc = (acc + BigInt.asUintN(64, item) * xxPrime2) & mask64;
    acc = rotl(acc, 31n);
    acc = (acc * xxPrime1) & mask64;
  }
  acc = (acc + (BigInt(items.length) ^ (xxPrime5 ^ 3527539n))) & mask64;
  if (acc === mask64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

function shuffleBits(h: bigint): bigint {
  return ((h ^ 89869747n ^ (h << 16n)) * 3644798167n) & mask64;
}

/** `hash(frozenset)` from its items' hashes (order does not matter: a xor of shuffled hashes). */
export function hashFrozenSet(items: readonly Hash[]): Hash {
  let hash = 0n;
  for (const item of items) hash ^= shuffleBits(BigInt.asUintN(64, item));
  hash ^= ((BigInt(items.length) + 1n) * 1927868237n) & mask64;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & mask64;
  if (hash === mask64) hash = 590923713n;
  return BigInt.asIntN(64, hash);
}
