import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {hashOf, PySet} from '../../src/script/containers.js';
import {pyRepr} from '../../src/script/repr.js';
import {PyTuple} from '../../src/script/values.js';

type Encoded = {i: string} | {f: string} | {s: string} | {t: Encoded[]};

const cases = JSON.parse(
  readFileSync(new URL('../golden/stdlib/sets.json', import.meta.url), 'utf8'),
) as {items: Encoded[]; removed: Encoded[]; order: string[]; hashes: string[]}[];

function decode(v: Encoded): unknown {
  if ('t' in v) return new PyTuple(v.t.map(decode));
  if ('i' in v) return BigInt(v.i);
  if ('f' in v) return Number(v.f);
  return v.s;
}

describe('sets iterate in CPython 3.11 order (PYTHONHASHSEED=0)', () => {
  it(`hash() of ints, floats, strs and tuples, on ${cases.length} random sets`, () => {
    for (const c of cases) {
      c.items.forEach((x, i) => {
        const v = decode(x);
        expect(`hash(${pyRepr(v)}) = ${hashOf(v)}`).toBe(`hash(${pyRepr(v)}) = ${c.hashes[i]}`);
      });
    }
  });
  it('the order of sets built by add and discard', () => {
    for (const c of cases) {
      const s = new PySet();
      const items = c.items.map(decode);
      for (const x of items) s.add(x);
      for (const x of c.removed.map(decode)) s.discard(x);
      for (const x of items.slice(0, 5)) s.add(x);
      expect(s.values().map((v) => pyRepr(v))).toEqual(c.order);
    }
  });
});
