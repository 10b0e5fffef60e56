import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {PyException} from '../../src/script/errors.js';
import {pyRepr} from '../../src/script/repr.js';
import {makeRandomModule} from '../../src/script/stdlib/random.js';
import {PyCallable, PyList} from '../../src/script/values.js';

/** A value of the golden's tagged JSON (ints and floats kept apart, lists as arrays). */
type Encoded = {i: string} | {f: string} | {s: string} | {b: boolean} | Encoded[];

interface Doc {
  calls: [string, Encoded[], Record<string, Encoded>][];
  cases: {seed: Encoded; results: string[]}[];
}

const doc = JSON.parse(
  readFileSync(new URL('../golden/stdlib/random.json', import.meta.url), 'utf8'),
) as Doc;

function decode(v: Encoded): unknown {
  if (Array.isArray(v)) return new PyList(v.map(decode));
  if ('i' in v) return BigInt(v.i);
  if ('f' in v) return Number(v.f);
  if ('b' in v) return v.b;
  return v.s;
}

/** Calls whose result passes through libm (log, cos, sin, exp): exact up to one ulp. */
const libmBased = new Set(['gauss', 'normalvariate', 'expovariate']);

function ulp(x: number): number {
  const e = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** (e - 52);
}

const site = {span: {line: 1, column: 1, endLine: 1, endColumn: 1}};

describe('random matches CPython 3.11 after random.seed(n)', () => {
  for (const c of doc.cases) {
    it(`seed ${pyRepr(decode(c.seed))}`, () => {
      const random = makeRandomModule();
      const call = (name: string, args: unknown[], kwargs = new Map<string, unknown>()) =>
        (random.attrs.get(name) as PyCallable).call(args, kwargs, site);
      call('seed', [decode(c.seed)]);
      const got = doc.calls.map(([name, args, kwargs]) => {
        const values = args.map(decode);
        try {
          const r = call(
            name,
            values,
            new Map(Object.entries(kwargs).map(([k, v]) => [k, decode(v)])),
          );
          return pyRepr(name === 'shuffle' ? values[0] : r);
        } catch (e) {
          if (e instanceof PyException) return `${e.type}: ${e.message}`;
          throw e;
        }
      });
      doc.calls.forEach(([name], i) => {
        const want = c.results[i] ?? '';
        const mine = got[i] ?? '';
        if (libmBased.has(name) && mine !== want) {
          // These go through log/cos/sin/sqrt, where V8's Math and glibc may differ by one ulp.
          expect(Math.abs(Number(mine) - Number(want))).toBeLessThanOrEqual(ulp(Number(want)));
        } else expect(`${name}: ${mine}`).toBe(`${name}: ${want}`);
      });
    });
  }
});
