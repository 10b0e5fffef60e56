import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {formatValue, percentFormat} from '../../src/script/format.js';
import {roundFloat, roundHalfEven} from '../../src/script/numbers.js';
import {floatRepr, pyRepr} from '../../src/script/repr.js';

interface FloatGolden {
  bits: string;
  repr: string;
  format: Record<string, string>;
  round?: Record<string, string>;
  round0?: string | null;
  percent?: Record<string, string>;
}
interface IntGolden {
  value: string;
  format: Record<string, string>;
  round: Record<string, string>;
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/scripts/number-formats.json', import.meta.url), 'utf8'),
) as {floats: FloatGolden[]; ints: IntGolden[]};

function fromBits(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(bits));
  return view.getFloat64(0);
}

/** Compares every entry and reports all mismatches at once (one test per table). */
function mismatches(check: (push: (what: string, ours: string, theirs: string) => void) => void) {
  const out: string[] = [];
  check((what, ours, theirs) => {
    if (ours !== theirs) out.push(`${what}: ours ${ours} | CPython ${theirs}`);
  });
  return out;
}

describe('Python number formatting against CPython 3.11 (number-formats.json)', () => {
  it(`repr() of ${golden.floats.length} floats`, () => {
    expect(
      mismatches((push) => {
        for (const g of golden.floats) push(`repr(${g.repr})`, floatRepr(fromBits(g.bits)), g.repr);
      }),
    ).toEqual([]);
  });

  it('format(x, spec) of floats', () => {
    expect(
      mismatches((push) => {
        for (const g of golden.floats) {
          const x = fromBits(g.bits);
          for (const [spec, want] of Object.entries(g.format)) {
            push(`format(${g.repr}, '${spec}')`, formatValue(x, spec), want);
          }
        }
      }),
    ).toEqual([]);
  });

  it('round(x) and round(x, n) of floats', () => {
    expect(
      mismatches((push) => {
        for (const g of golden.floats) {
          const x = fromBits(g.bits);
          for (const [n, want] of Object.entries(g.round ?? {})) {
            push(`round(${g.repr}, ${n})`, pyRepr(roundFloat(x, BigInt(n))), want);
          }
          if (g.round0) push(`round(${g.repr})`, BigInt(roundHalfEven(x)).toString(), g.round0);
        }
      }),
    ).toEqual([]);
  });

  it('printf-style % formatting of floats', () => {
    expect(
      mismatches((push) => {
        for (const g of golden.floats) {
          const x = fromBits(g.bits);
          for (const [spec, want] of Object.entries(g.percent ?? {})) {
            push(`'${spec}' % ${g.repr}`, percentFormat(spec, x), want);
          }
        }
      }),
    ).toEqual([]);
  });

  it('format(n, spec) of ints', () => {
    expect(
      mismatches((push) => {
        for (const g of golden.ints) {
          for (const [spec, want] of Object.entries(g.format)) {
            push(`format(${g.value}, '${spec}')`, formatValue(BigInt(g.value), spec), want);
          }
        }
      }),
    ).toEqual([]);
  });
});
