import {describe, expect, it} from 'vitest';
import {traceSource} from '../../src/run/index.js';
import {decodeNumber} from '../../src/trace/numbers.js';
import type {TensorData, Trace} from '../../src/trace/schema.js';
import {validateTrace} from '../../src/trace/validate.js';
import {golden} from './golden.js';

const CASES = [
  'seed',
  'retain',
  'loop',
  'neuron',
  'nograd',
  'tutorial',
  'twice',
  'inplace',
  'vjp',
  'ops',
  'big',
];

function numbers(d: TensorData | null | undefined): number[] | null {
  return d?.values ? d.values.map(decodeNumber) : null;
}

/** The last tensor bound to `name` (a loop rebinds names). */
function lastNamed(trace: Trace, name: string) {
  return trace.tensors.filter((t) => t.names.includes(name)).at(-1);
}

describe('traceSource(golden case) against PyTorch', () => {
  for (const name of CASES) {
    const g = golden(name);
    const trace = traceSource(g.source);

    it(`${name}: prints what python3 printed and stops with the same error`, () => {
      expect(trace.output).toBe(g.output);
      expect(trace.prints.map((p) => p.text).join('')).toBe(g.output);
      expect(
        trace.error === null ? null : {type: trace.error.type, message: trace.error.message},
      ).toEqual(g.error);
      if (trace.error) expect(trace.error.span?.line).toBeGreaterThan(0);
    });

    it(`${name}: runs the engine steps in PyTorch's order with PyTorch's gradients`, () => {
      expect(trace.backwardPasses.map((p) => p.steps.map((s) => s.name))).toEqual(
        g.passes.map((p) => p.order),
      );
      trace.backwardPasses.forEach((pass, i) => {
        const want = g.passes[i];
        expect(numbers(pass.seeds[0])).toEqual(want?.seed);
        pass.steps.forEach((s, j) => {
          const w = want?.steps[j];
          expect(s.gradsIn.map(numbers)).toEqual(w?.grads_in);
          if (s.name !== 'AccumulateGrad') expect(s.gradsOut.map(numbers)).toEqual(w?.grads_out);
        });
      });
    });

    it(`${name}: records each named tensor as PyTorch ends up with it`, () => {
      for (const [tname, want] of Object.entries(g.tensors)) {
        const t = lastNamed(trace, tname);
        expect(t, tname).toBeDefined();
        if (!t) continue;
        expect(t.shape).toEqual(want.shape);
        expect(t.isLeaf).toBe(want.is_leaf);
        expect(numbers(t.versions.at(-1)?.data)).toEqual(want.values.map((v) => Math.fround(v)));
        const fn = trace.gradFns.find((f) => f.id === t.gradFnId)?.name ?? null;
        expect(fn).toBe(want.grad_fn);
        if (want.grad !== null && t.isLeaf) {
          const accs = trace.backwardPasses
            .flatMap((p) => p.accumulations)
            .filter((a) => a.tensorId === t.id);
          // The loop zeroes w.grad in place after its last accumulation.
          if (name !== 'loop') expect(numbers(accs.at(-1)?.after)).toEqual(want.grad);
        }
      }
    });

    it(`${name}: gives every op, print and the error a source span`, () => {
      for (const op of trace.ops) expect(op.span, op.op).not.toBeNull();
      for (const p of trace.prints) expect(p.span).not.toBeNull();
    });

    it(`${name}: survives a JSON round trip through the validator`, () => {
      expect(validateTrace(JSON.parse(JSON.stringify(trace)))).toEqual(trace);
    });
  }

  it('names a tensor by the first name bound to it', () => {
    const trace = traceSource(golden('seed').source);
    expect(trace.tensors.filter((t) => t.names.length > 0).map((t) => t.names[0])).toEqual([
      'x',
      'y',
      'z',
      'out',
    ]);
  });

  it('keeps the source and the file name', () => {
    const trace = traceSource('import torch\n', {filename: 'a.py'});
    expect(trace.source).toBe('import torch\n');
    expect(trace.filename).toBe('a.py');
  });

  it('records a syntax error with no ops', () => {
    const trace = traceSource('x = (1,\n');
    expect(trace.error?.type).toBe('SyntaxError');
    expect(trace.ops).toEqual([]);
  });
});
