import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/torch.js';
import {traceCallback} from '../../src/trace/callback.js';
import {
  decodeArg,
  decodeExact,
  decodeNumber,
  encodeArg,
  encodeNumber,
} from '../../src/trace/numbers.js';
import {TRACE_FORMAT, TRACE_VERSION} from '../../src/trace/schema.js';
import {parseTrace} from '../../src/trace/validate.js';
import {seedTrace} from './fixtures.js';

describe('trace schema', () => {
  it('is versioned', () => {
    const trace = seedTrace();
    expect(trace.format).toBe(TRACE_FORMAT);
    expect(trace.version).toBe(TRACE_VERSION);
  });

  it('round-trips through JSON unchanged', () => {
    const trace = seedTrace();
    expect(parseTrace(JSON.stringify(trace))).toEqual(trace);
  });

  it('round-trips NaN, ±Infinity, -0 and int64 past 2^53 through JSON', () => {
    const trace = traceCallback((name) => {
      name('f', torch.tensor([NaN, Infinity, -Infinity, -0, 1.5]));
      name('i', torch.tensor([2n ** 60n, -(2n ** 60n), 7n]));
      torch.ones([2]).add(NaN);
    });
    const back = parseTrace(JSON.stringify(trace));
    expect(back).toEqual(trace);
    const f = back.tensors.find((t) => t.names.includes('f'))?.versions[0]?.data.values ?? [];
    const xs = f.map(decodeNumber);
    expect(Number.isNaN(xs[0])).toBe(true);
    expect(xs.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(xs[3], -0)).toBe(true);
    expect(xs[4]).toBe(1.5);
    const i = back.tensors.find((t) => t.names.includes('i'))?.versions[0]?.data.values ?? [];
    expect(i.map(decodeExact)).toEqual([2n ** 60n, -(2n ** 60n), 7]);
    const add = back.ops.find((o) => o.op === 'add');
    expect(Number.isNaN(decodeArg(add?.args.other ?? null) as number)).toBe(true);
  });
});

describe('number codec', () => {
  it('keeps finite numbers as they are and encodes what JSON cannot hold', () => {
    expect(encodeNumber(0.1)).toBe(0.1);
    expect(encodeNumber(NaN)).toBe('NaN');
    expect(encodeNumber(-0)).toBe('-0');
    expect(encodeNumber(true)).toBe(1);
    expect(encodeNumber(2n ** 53n + 1n)).toBe('9007199254740993');
    expect(encodeNumber(5n)).toBe(5);
  });

  it('encodes special floats in args as {special}, leaving strings alone', () => {
    expect(encodeArg([1, Infinity, 'NaN'])).toEqual([1, {special: 'Infinity'}, 'NaN']);
    expect(decodeArg(encodeArg([1, -Infinity, 'NaN']))).toEqual([1, -Infinity, 'NaN']);
  });
});
