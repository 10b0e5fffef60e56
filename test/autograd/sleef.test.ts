/**
 * float32 unary kernels against PyTorch over a dense grid (golden.json "sweeps"): exp, log,
 * tanh, sin, cos, sigmoid and sqrt bit for bit (ports of PyTorch's SLEEF kernels).
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/index.js';

const sweeps = (
  JSON.parse(readFileSync(new URL('../golden/autograd/golden.json', import.meta.url), 'utf8')) as {
    sweeps: Record<string, number[]>;
  }
).sweeps;

function ulpDistance(a: number, b: number): number {
  const buf = new Float32Array([a, b]);
  const ints = new Int32Array(buf.buffer);
  return Math.abs((ints[0] ?? 0) - (ints[1] ?? 0));
}

const ops = {exp: 0, sigmoid: 0, sqrt: 0, log: 0, tanh: 0, sin: 0, cos: 0} as const;

describe('float32 unary kernels match PyTorch', () => {
  for (const [op, maxUlps] of Object.entries(ops)) {
    it(`${op} is within ${maxUlps} ulp on ${sweeps.x?.length ?? 0} points`, () => {
      const input = op === 'log' || op === 'sqrt' ? sweeps.pos : sweeps.x;
      const want = sweeps[op] ?? [];
      const got = torch
        .tensor(input ?? [])
        [op as keyof typeof ops]()
        .tolist() as number[];
      const worst = want.reduce((m, w, i) => Math.max(m, ulpDistance(got[i] ?? NaN, w)), 0);
      expect(worst).toBeLessThanOrEqual(maxUlps);
      expect(got.length).toBe(want.length);
    });
  }
});
