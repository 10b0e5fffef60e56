/**
 * float16 rounding as PyTorch does it: autograd's roundHalf gives PyTorch 1.13's half for every
 * positive finite half's float32 neighbourhood (the half, the midpoint to the next one, and the
 * float32 values an ulp either side of it), negative ones, random float32 values over the whole
 * range, specials, and doubles a hair off the midpoints, which PyTorch rounds twice (through
 * float32). Expected values: test/golden/autograd/half.json, written by half.py.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {roundHalf} from '../../autograd/dtype.js';

const golden = JSON.parse(
  readFileSync(new URL('../golden/autograd/half.json', import.meta.url), 'utf8'),
) as {
  grid: Record<'half' | 'mid' | 'up' | 'down', string>;
  float32: string;
  float32Half: string;
  float64: string;
  float64Half: string;
};

const bytes = (b64: string): ArrayBuffer => {
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
};

/** The value of a half's bit pattern (IEEE binary16). */
function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to `x` (positive, finite) towards +inf (`dir` 1) or 0 (`dir` -1). */
function nextFloat32(x: number, dir: 1 | -1): number {
  f32[0] = x;
  u32[0] = (u32[0] ?? 0) + dir;
  return f32[0];
}

describe('roundHalf (float → float16, round to nearest even) matches PyTorch', () => {
  it('on every positive finite half, midpoint and the float32 values beside the midpoints', () => {
    const names = ['half', 'mid', 'up', 'down'] as const;
    const bits = Object.fromEntries(
      names.map((n) => [n, new Uint8Array(bytes(golden.grid[n]))]),
    ) as Record<(typeof names)[number], Uint8Array>;
    const wrong: string[] = [];
    for (let i = 0; i < 0x7c00; i++) {
      const h = halfValue(i);
      const next = i === 0x7bff ? 65520 : halfValue(i + 1);
      const mid = (h + next) / 2;
      const inputs = {half: h, mid, up: nextFloat32(mid, 1), down: nextFloat32(mid, -1)};
      for (const n of names) {
        const expected = halfValue(i + (((bits[n][i >> 3] ?? 0) >> (i & 7)) & 1));
        const got = roundHalf(inputs[n]);
        if (!Object.is(got, expected) && wrong.length < 10)
          wrong.push(`${n} ${inputs[n]}: ${got} ≠ ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('on negative, random and special float32 values', () => {
    const inputs = new Float32Array(bytes(golden.float32));
    const expected = new Uint16Array(bytes(golden.float32Half));
    expect(inputs.length).toBe(expected.length);
    const wrong: string[] = [];
    inputs.forEach((x, i) => {
      const want = halfValue(expected[i] ?? 0);
      if (!Object.is(roundHalf(x), want) && wrong.length < 10)
        wrong.push(`${x}: ${roundHalf(x)} ≠ ${want}`);
    });
    expect(wrong).toEqual([]);
  });

  it('on doubles, rounded twice (float64 → float32 → float16) as PyTorch does', () => {
    const inputs = new Float64Array(bytes(golden.float64));
    const expected = new Uint16Array(bytes(golden.float64Half));
    const wrong: string[] = [];
    inputs.forEach((x, i) => {
      const want = halfValue(expected[i] ?? 0);
      if (!Object.is(roundHalf(x), want) && wrong.length < 10)
        wrong.push(`${x}: ${roundHalf(x)} ≠ ${want}`);
    });
    expect(wrong).toEqual([]);
  });
});
