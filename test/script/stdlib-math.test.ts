import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {PyException} from '../../src/script/errors.js';
import {pyRepr} from '../../src/script/repr.js';
import {makeMathModule} from '../../src/script/stdlib/math.js';
import type {PyCallable} from '../../src/script/values.js';

interface Sweep {
  /** How many ulps apart a result may be: 0 for CPython's own algorithms, 1 for libm. */
  tolerance: number;
  args: (string | string[])[];
  results: string[];
}

const doc = JSON.parse(
  readFileSync(new URL('../golden/stdlib/math.json', import.meta.url), 'utf8'),
) as {unary: Record<string, Sweep>; binary: Record<string, Sweep>};

/** Python's float.fromhex for the forms float.hex() writes. */
function fromHex(h: string): number {
  if (h === 'inf') return Infinity;
  if (h === '-inf') return -Infinity;
  if (h === 'nan') return NaN;
  const m = /^(-?)0x([01])\.([0-9a-f]+)p([+-]\d+)$/.exec(h);
  if (!m) throw new Error(`not a float.hex: ${h}`);
  const frac = parseInt(m[3] ?? '0', 16) / 16 ** (m[3] ?? '').length;
  const v = (Number(m[2]) + frac) * 2 ** Number(m[4]);
  return m[1] ? -v : v;
}

const site = {span: {line: 1, column: 1, endLine: 1, endColumn: 1}};
const math = makeMathModule();

function run(name: string, args: number[]): number | string {
  try {
    const r = (math.attrs.get(name) as PyCallable).call(args, new Map(), site);
    return typeof r === 'number' ? r : pyRepr(r);
  } catch (e) {
    if (e instanceof PyException) return `${e.type}: ${e.message}`;
    throw e;
  }
}

function ulpsApart(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const e = Math.floor(Math.log2(Math.max(Math.abs(a), Math.abs(b), 2 ** -1022)));
  return Math.abs(a - b) / 2 ** (e - 52);
}

describe('math matches CPython 3.11', () => {
  for (const [name, sweep] of [...Object.entries(doc.unary), ...Object.entries(doc.binary)]) {
    it(`${name} on ${sweep.args.length} inputs (${sweep.tolerance === 0 ? 'bit for bit' : `within ${sweep.tolerance} ulp`})`, () => {
      sweep.args.forEach((a, i) => {
        const args = Array.isArray(a) ? a.map(fromHex) : [fromHex(a)];
        const want = sweep.results[i] ?? '';
        const got = run(name, args);
        const label = `math.${name}(${args.join(', ')})`;
        if (!/^-?0x|^-?inf$|^nan$/.test(want)) {
          expect(`${label} -> ${String(got)}`).toBe(`${label} -> ${want}`);
          return;
        }
        expect(typeof got, `${label}: ${String(got)}`).toBe('number');
        const apart = ulpsApart(got as number, fromHex(want));
        expect(apart, label).toBeLessThanOrEqual(sweep.tolerance);
      });
    });
  }
});
