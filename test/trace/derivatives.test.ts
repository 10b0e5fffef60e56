/**
 * `Trace.derivatives`: the recorder copies each grad_fn's declared ∂output/∂input formulas into the
 * trace, so a page that only plays traces narrates them without the engine; the validator refuses
 * a hostile table; a trace written before the field still plays, with numbers and no formulas.
 */
import {describe, expect, it} from 'vitest';
import {nodeDeclaration} from '../../autograd/registry.js';
import {buildGraph} from '../../src/graph/build.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import type {Trace} from '../../src/trace/schema.js';
import {TraceValidationError, validateTrace} from '../../src/trace/validate.js';
import {seedTrace, viaJson} from './fixtures.js';

type Json = Record<string, unknown>;

function withTable(table: unknown): Json {
  return {...(viaJson(seedTrace()) as Json), derivatives: table};
}

function refused(table: unknown): TraceValidationError {
  try {
    validateTrace(withTable(table));
  } catch (e) {
    expect(e).toBeInstanceOf(TraceValidationError);
    return e as TraceValidationError;
  }
  throw new Error('accepted');
}

/** Every engine step's English narration. */
function backwardNarration(trace: Trace): string {
  const timeline = buildTimeline(trace, buildGraph(trace));
  return timeline.steps
    .filter((s) => s.phase === 'backward')
    .map((s) => s.narration.en)
    .join('\n');
}

describe('Trace.derivatives', () => {
  it('holds the declared formulas of exactly the grad_fns the trace names', () => {
    const trace = seedTrace();
    const names = [...new Set(trace.gradFns.map((f) => f.name))];
    const declared = names.filter((n) => nodeDeclaration(n)?.derivative !== undefined);
    expect(declared.length).toBeGreaterThan(2);
    expect(Object.keys(trace.derivatives ?? {})).toEqual(declared);
    for (const name of declared) {
      expect(trace.derivatives?.[name]).toEqual(nodeDeclaration(name)?.derivative);
    }
  });

  it('survives a JSON round trip through the validator', () => {
    const json = viaJson(seedTrace()) as Json;
    expect(validateTrace(json).derivatives).toEqual(json.derivatives);
  });

  it('gives the narration its formulas; a trace without them still narrates the numbers', () => {
    const trace = seedTrace();
    const withFormulas = backwardNarration(trace);
    expect(withFormulas).toContain('Chain rule: ∂out/∂z = 1/4, so');
    expect(withFormulas).toContain('Chain rule: ∂y/∂x = 1, so');
    const older = {...trace};
    delete (older as {derivatives?: unknown}).derivatives;
    const without = backwardNarration(older);
    expect(without).not.toMatch(/Chain rule: ∂/);
    expect(without).toContain("each input gets ∂out/∂y times AddBackward0's local derivative");
    expect(without.split('\n')).toHaveLength(withFormulas.split('\n').length);
  });

  it('refuses a hostile table, naming the bad field', () => {
    const deep: Json = {operand: 0};
    let f: Json = deep;
    for (let i = 0; i < 40; i++) f = {neg: f};
    const cases: [unknown, string][] = [
      [[], '$.derivatives'],
      [{AddBackward0: 1}, '$.derivatives["AddBackward0"]'],
      [{'a b': [0]}, '$.derivatives["a b"]'],
      [{AddBackward0: [{operand: 0, neg: 1}]}, '$.derivatives["AddBackward0"][0]'],
      [{AddBackward0: [{fn: 'eval', of: 1}]}, '$.derivatives["AddBackward0"][0].fn'],
      [{AddBackward0: [{mul: [1]}]}, '$.derivatives["AddBackward0"][0].mul'],
      [{AddBackward0: [{arg: '__proto__'}]}, '$.derivatives["AddBackward0"][0].arg'],
      [{AddBackward0: [{moves: 'teleport'}]}, '$.derivatives["AddBackward0"][0].moves'],
      [{AddBackward0: [{neg: {moves: 'copy'}}]}, '$.derivatives["AddBackward0"][0].neg'],
      [{AddBackward0: [Infinity]}, '$.derivatives["AddBackward0"][0]'],
      [{AddBackward0: [{}]}, '$.derivatives["AddBackward0"][0]'],
      // eslint-disable-next-line no-sparse-arrays
      [{AddBackward0: [1, , 2]}, '$.derivatives["AddBackward0"][1]'],
    ];
    for (const [table, path] of cases) expect(refused(table).path).toBe(path);
    expect(refused({AddBackward0: [f]}).message).toMatch(/nested too deeply/);
  });

  it('keeps only the keys of each formula, and a `__proto__` name as plain data', () => {
    const table = JSON.parse(
      '{"__proto__": [{"operand": 1, "arg": "other", "extra": 5}, null, {"matmul": "left", "factor": 2, "x": 1}]}',
    ) as unknown;
    const got = validateTrace(withTable(table)).derivatives ?? {};
    expect(Object.hasOwn(got, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(got, '__proto__')?.value).toEqual([
      {operand: 1, arg: 'other'},
      null,
      {matmul: 'left', factor: 2},
    ]);
  });
});
