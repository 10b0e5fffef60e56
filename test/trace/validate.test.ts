import {describe, expect, it} from 'vitest';
import {TraceValidationError, parseTrace, validateTrace} from '../../src/trace/validate.js';
import {seedTrace, viaJson} from './fixtures.js';

type Json = Record<string, unknown>;

/** A fresh, valid trace as plain JSON, to break in one place. */
function valid(): Json {
  return viaJson(seedTrace()) as Json;
}

function at(obj: unknown, path: (string | number)[]): Json {
  let cur = obj;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur as Json;
}

/** Expects validation to fail naming exactly `path`. */
function rejects(json: unknown, path: string, problem?: RegExp): void {
  let caught: unknown;
  try {
    validateTrace(json);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TraceValidationError);
  const err = caught as TraceValidationError;
  expect(err.path).toBe(path);
  if (problem) expect(err.message).toMatch(problem);
}

describe('validateTrace', () => {
  it('accepts a recorded trace after a JSON round trip and returns an equal copy', () => {
    const json = valid();
    const trace = validateTrace(json);
    expect(trace).toEqual(json);
    expect(trace).not.toBe(json);
  });

  it('rejects what is not a trace object at $', () => {
    for (const v of [null, 1, 'trace', [], true]) rejects(v, '$', /expected an object/);
  });

  it('rejects a wrong format or an unknown version', () => {
    rejects({...valid(), format: 'other'}, '$.format');
    rejects({...valid(), version: 2}, '$.version', /unsupported version/);
    rejects({...valid(), version: '1'}, '$.version');
  });

  it('names a missing top-level field', () => {
    for (const key of [
      'tensors',
      'ops',
      'gradFns',
      'backwardPasses',
      'prints',
      'output',
      'error',
      'source',
    ]) {
      const json = Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== key));
      rejects(json, `$.${key}`, /missing/);
    }
  });

  it('names the bad element of a shape', () => {
    const json = valid();
    at(json, ['tensors', 0, 'shape'])[1] = -1;
    rejects(json, '$.tensors[0].shape[1]', /non-negative integer/);
    const j2 = valid();
    at(j2, ['tensors', 0, 'shape'])[0] = 1.5;
    rejects(j2, '$.tensors[0].shape[0]');
  });

  it('refuses values whose count does not match the shape, even for a huge shape', () => {
    const json = valid();
    const data = at(json, ['tensors', 0, 'versions', 0, 'data']);
    data.shape = [1e9, 1e9, 1e9];
    rejects(json, '$.tensors[0].versions[0].data.values', /expected .* elements, got 4/);
  });

  it('refuses NaN written as a bare number and unknown encoded strings', () => {
    const json = valid();
    const values = at(json, [
      'tensors',
      0,
      'versions',
      0,
      'data',
      'values',
    ]) as unknown as unknown[];
    values[2] = 'banana';
    rejects(json, '$.tensors[0].versions[0].data.values[2]');
    const j2 = valid();
    (at(j2, ['tensors', 0, 'versions', 0, 'data', 'values']) as unknown as unknown[])[0] = {};
    rejects(j2, '$.tensors[0].versions[0].data.values[0]');
  });

  it('refuses special floats in bool and int64 tensors and non-0/1 bools', () => {
    const json = valid();
    const data = at(json, ['tensors', 0, 'versions', 0, 'data']);
    data.dtype = 'bool';
    (data.values as unknown[])[0] = 2;
    rejects(json, '$.tensors[0].versions[0].data.values[0]', /0 or 1/);
    const j2 = valid();
    const d2 = at(j2, ['tensors', 0, 'versions', 0, 'data']);
    d2.dtype = 'int64';
    (d2.values as unknown[])[0] = 'NaN';
    rejects(j2, '$.tensors[0].versions[0].data.values[0]', /not a int64 element/);
  });

  it('requires text when values are not kept', () => {
    const json = valid();
    at(json, ['tensors', 0, 'versions', 0, 'data']).values = null;
    rejects(json, '$.tensors[0].versions[0].data.text', /required/);
  });

  it('refuses an unknown dtype', () => {
    const json = valid();
    at(json, ['tensors', 1]).dtype = 'complex64';
    rejects(json, '$.tensors[1].dtype', /float32/);
  });

  it('refuses references to tensors and grad_fns that do not exist', () => {
    const json = valid();
    (at(json, ['ops', 1, 'inputs']) as unknown as unknown[])[0] = 999;
    rejects(json, '$.ops[1].inputs[0]', /no tensor with id 999/);
    const j2 = valid();
    at(j2, ['gradFns', 0]).next = [{gradFnId: 12345, inputNr: 0}];
    rejects(j2, '$.gradFns[0].next[0].gradFnId', /no grad_fn/);
    const j3 = valid();
    at(j3, ['backwardPasses', 0]).roots = [77];
    rejects(j3, '$.backwardPasses[0].roots[0]');
  });

  it('refuses a grad_fn edge to a later record, so a forged cycle cannot get in', () => {
    const json = valid();
    const fns = json.gradFns as Json[];
    const lastId = (fns.at(-1) as Json).id;
    (fns[0] as Json).next = [{gradFnId: lastId, inputNr: 0}];
    rejects(json, '$.gradFns[0].next[0].gradFnId', /must come before/);
    const j2 = valid();
    const first = (j2.gradFns as Json[])[0] as Json;
    first.next = [{gradFnId: first.id, inputNr: 0}];
    rejects(j2, '$.gradFns[0].next[0].gradFnId', /must come before/);
  });

  it('refuses duplicate ids', () => {
    const json = valid();
    const tensors = json.tensors as Json[];
    tensors.push({...(tensors[0] as Json)});
    rejects(json, `$.tensors[${tensors.length - 1}].id`, /duplicate/);
  });

  it('refuses an op whose index is not its position', () => {
    const json = valid();
    at(json, ['ops', 2]).index = 0;
    rejects(json, '$.ops[2].index', /expected 2/);
  });

  it('refuses a bad span', () => {
    const json = valid();
    at(json, ['ops', 1]).span = {line: 0, column: 1, endLine: 1, endColumn: 2};
    rejects(json, '$.ops[1].span.line', /positive/);
    const j2 = valid();
    at(j2, ['ops', 1]).span = 'line 3';
    rejects(j2, '$.ops[1].span');
  });

  it('refuses op argument keys that are not parameter names and nesting past the limit', () => {
    const json = valid();
    at(json, ['ops', 1]).args = JSON.parse('{"__proto__": 1}') as Json;
    rejects(json, '$.ops[1].args["__proto__"]', /parameter name/);
    const j2 = valid();
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = [deep];
    at(j2, ['ops', 1]).args = {other: deep};
    rejects(j2, '$.ops[1].args.other[0][0][0][0][0][0][0][0]', /nested too deeply/);
    const j3 = valid();
    at(j3, ['ops', 1]).args = {other: {special: 'nan'}};
    rejects(j3, '$.ops[1].args.other.special');
  });

  it('refuses a hole in an array (a sparse array is not JSON)', () => {
    const json = valid();
    const names = at(json, ['tensors', 0, 'names']) as unknown as unknown[];
    names.length = 3;
    rejects(json, '$.tensors[0].names[1]', /string/);
  });

  it('turns a throwing getter into a validation error at $', () => {
    const json = valid();
    Object.defineProperty(json, 'ops', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    rejects(json, '$', /boom/);
  });

  it('refuses a string past the limit without reading on', () => {
    const json = valid();
    json.output = 'x'.repeat(100);
    expect(() => validateTrace(json, {maxStringLength: 20})).toThrow(/\$\.output: string too long/);
  });

  it('refuses too many elements in one tensor', () => {
    const json = valid();
    expect(() => validateTrace(json, {maxElements: 3})).toThrow(/too many elements/);
  });

  it('refuses wrong types in every kind of record', () => {
    const cases: [(string | number)[], string, unknown, string][] = [
      [['tensors', 0], 'requiresGrad', 'yes', '$.tensors[0].requiresGrad'],
      [['tensors', 0], 'origin', 'magic', '$.tensors[0].origin'],
      [['tensors', 0], 'versions', [], '$.tensors[0].versions'],
      [['ops', 0], 'op', 5, '$.ops[0].op'],
      [['gradFns', 0], 'name', null, '$.gradFns[0].name'],
      [['gradFns', 0], 'opIndex', 99, '$.gradFns[0].opIndex'],
      [['backwardPasses', 0], 'steps', {}, '$.backwardPasses[0].steps'],
      [
        ['backwardPasses', 0, 'steps', 0],
        'gradsIn',
        [5],
        '$.backwardPasses[0].steps[0].gradsIn[0]',
      ],
      [
        ['backwardPasses', 0, 'accumulations', 0],
        'retained',
        0,
        '$.backwardPasses[0].accumulations[0].retained',
      ],
      [['backwardPasses', 0], 'error', 3, '$.backwardPasses[0].error'],
    ];
    for (const [path, key, value, expected] of cases) {
      const json = valid();
      at(json, path)[key] = value;
      rejects(json, expected);
    }
  });

  it('refuses a malformed error record', () => {
    rejects({...valid(), error: {type: 'RuntimeError'}}, '$.error.seq', /missing/);
  });
});

describe('parseTrace', () => {
  it('reports JSON syntax errors at $', () => {
    expect(() => parseTrace('{"format": ')).toThrow(TraceValidationError);
    expect(() => parseTrace('[[[[')).toThrow(/invalid trace at \$: not JSON/);
  });

  it('survives deeply nested JSON without a crash', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => parseTrace(text)).toThrow(TraceValidationError);
  });

  it('parses what JSON.stringify wrote', () => {
    const trace = seedTrace();
    expect(parseTrace(JSON.stringify(trace))).toEqual(trace);
  });
});

describe('validateTrace: groups', () => {
  const group = (over: Json): Json => ({
    id: 0,
    kind: 'call',
    name: 'f',
    parent: null,
    startSeq: 1,
    endSeq: 5,
    span: null,
    ...over,
  });

  it('reads a trace without groups, and nested groups with their optional fields', () => {
    const json = valid();
    delete json.groups;
    expect(validateTrace(json).groups).toBeUndefined();
    json.groups = [
      group({kind: 'module', name: 'fc1: Linear', className: 'Linear', parameters: []}),
      group({id: 1, kind: 'iteration', name: 'i = 0', parent: 0, startSeq: 2, endSeq: 3, index: 0}),
    ];
    expect(validateTrace(json).groups).toEqual(json.groups);
  });

  it('rejects an unknown kind, a duplicate id, an unknown parent and a group outside its parent', () => {
    const json = valid();
    json.groups = [group({kind: 'loop'})];
    rejects(json, '$.groups[0].kind', /unknown group kind 'loop'/);
    json.groups = [group({}), group({})];
    rejects(json, '$.groups[1].id', /duplicate id 0/);
    json.groups = [group({parent: 3})];
    rejects(json, '$.groups[0].parent', /no earlier group with id 3/);
    json.groups = [group({}), group({id: 1, parent: 0, startSeq: 2, endSeq: 9})];
    rejects(json, '$.groups[1]', /not inside its parent/);
    json.groups = [group({startSeq: 5, endSeq: 2})];
    rejects(json, '$.groups[0].endSeq', /ends before it starts/);
  });
});
