/**
 * autograd/kernels/libm.ts against CPython's math module on this machine (glibc's libm), over
 * the seeded arguments of test/golden/autograd/libm.json (written by libm.py).
 *
 * glibc's exp, log, pow, sin, cos, tan, atan, atan2, asin and acos are correctly rounded in all
 * but about one case in a thousand, and libm.ts rounds correctly; its log10, sinh and cosh are
 * fdlibm's formulas over those. So each function may differ from glibc in a few hard cases
 * (the bound below), where V8's Math differs in 0.2–18 % of them.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import * as libm from '../../autograd/kernels/libm.js';

type Sweep = {x: (number | [number, number])[]; y: number[]};
const sweeps = JSON.parse(
  readFileSync(new URL('../golden/autograd/libm.json', import.meta.url), 'utf8'),
) as Record<string, Sweep>;

/** The share of glibc's results each function may miss: its hard cases, measured. */
const allowed: Record<string, number> = {log: 0, log2: 0.001, log10: 0.001, exp2: 0.001};
const unary = libm as unknown as Record<string, (x: number) => number>;

function run(name: string, x: number | [number, number]): number {
  if (Array.isArray(x)) return name === 'pow' ? libm.pow(x[0], x[1]) : libm.atan2(x[0], x[1]);
  const f = unary[name];
  if (!f) throw new Error(`libm has no ${name}`);
  return f(x);
}

describe("libm gives glibc's doubles", () => {
  for (const [name, sweep] of Object.entries(sweeps)) {
    it(`${name} on ${sweep.x.length} arguments`, () => {
      const misses: string[] = [];
      sweep.x.forEach((x, i) => {
        const got = run(name, x);
        const want = sweep.y[i] ?? NaN;
        if (!Object.is(got, want)) misses.push(`${name}(${String(x)}) = ${got}, glibc ${want}`);
      });
      const bound = Math.floor((allowed[name] ?? 0.003) * sweep.x.length);
      expect(misses.length, misses.slice(0, 5).join('\n')).toBeLessThanOrEqual(bound);
    });
  }
});

describe('libm edge cases follow C', () => {
  it('pow special cases', () => {
    expect(libm.pow(1, NaN)).toBe(1);
    expect(libm.pow(NaN, 0)).toBe(1);
    expect(libm.pow(-1, Infinity)).toBe(1);
    expect(libm.pow(-8, 1 / 3)).toBeNaN();
    expect(Object.is(libm.pow(-0, 3), -0)).toBe(true);
    expect(libm.pow(-2, 3)).toBe(-8);
  });
  it('exp and log at the ends of the range', () => {
    expect(libm.exp(1000)).toBe(Infinity);
    expect(libm.exp(-1000)).toBe(0);
    expect(libm.log(0)).toBe(-Infinity);
    expect(libm.log(-1)).toBeNaN();
    expect(Object.is(libm.sin(-0), -0)).toBe(true);
  });
  it('no overflow inside the double-double products at the ends of the range', () => {
    expect(libm.atan2(1e308, 1e308)).toBe(Math.PI / 4);
    expect(libm.atan2(-1e308, 1e-308)).toBe(-Math.PI / 2);
    expect(libm.atan2(1e-308, -1e308)).toBe(Math.PI);
    expect(libm.atan(1e300)).toBe(Math.PI / 2);
    expect(libm.pow(1 + 2 ** -52, 1e300)).toBe(Infinity);
    expect(libm.atan2(5e-324, 5e-324)).toBe(Math.PI / 4);
  });
});
