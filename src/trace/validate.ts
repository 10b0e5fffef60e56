/**
 * Loads a trace produced elsewhere safely: checks every field of untrusted JSON against the
 * schema and returns a fresh, well-typed copy, or throws a {@link TraceValidationError} naming
 * the path of the first bad field (`$.ops[3].inputs[0]`). Never crashes on hostile input: no
 * recursion deeper than op arguments allow, work linear in the input, unknown keys dropped, and
 * objects built with `Object.fromEntries` so keys like `__proto__` stay plain data.
 */
import {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
import type {Trace} from './schema.js';
import {Checker, DEFAULT_LIMITS, TraceValidationError} from './validate-checker.js';
import type {ValidationLimits} from './validate-checker.js';
import {derivativeTable} from './validate-derivatives.js';
import {backwardPass} from './validate-passes.js';
import {gradFnRecord, opRecord, tensorRecord} from './validate-records.js';
import {
  figureRecord,
  groupRecords,
  iterationRecords,
  printRecord,
  traceError,
} from './validate-run.js';

export {TraceValidationError} from './validate-checker.js';
export type {ValidationLimits} from './validate-checker.js';

/** Collects the ids of a list of records, refusing duplicates, so references can be checked. */
function collectIds(c: Checker, list: readonly unknown[], path: string, into: Set<number>): void {
  c.each(list, path, (r, p) => {
    const id = c.count(c.field(c.object(r, p), 'id', p), `${p}.id`);
    if (into.has(id)) c.fail(`${p}.id`, `duplicate id ${id}`);
    into.add(id);
  });
}

/**
 * Checks untrusted JSON (already parsed) against the trace schema and returns a well-typed copy.
 * @throws TraceValidationError naming the path of the first bad field.
 */
export function validateTrace(json: unknown, limits: Partial<ValidationLimits> = {}): Trace {
  try {
    return check(json, limits);
  } catch (e) {
    if (e instanceof TraceValidationError) throw e;
    // A hostile object (a throwing getter, a Proxy, nesting past the stack) is refused, not crashed on.
    throw new TraceValidationError(
      '$',
      `unreadable (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

function check(json: unknown, limits: Partial<ValidationLimits>): Trace {
  const c = new Checker({...DEFAULT_LIMITS, ...limits});
  const o = c.object(json, '$');
  if (c.field(o, 'format', '$') !== TRACE_FORMAT) c.fail('$.format', `expected '${TRACE_FORMAT}'`);
  if (c.field(o, 'version', '$') !== TRACE_VERSION) {
    c.fail('$.version', `unsupported version (this reader knows version ${TRACE_VERSION})`);
  }
  const tensors = c.array(c.field(o, 'tensors', '$'), '$.tensors');
  const ops = c.array(c.field(o, 'ops', '$'), '$.ops');
  const gradFns = c.array(c.field(o, 'gradFns', '$'), '$.gradFns');
  collectIds(c, tensors, '$.tensors', c.tensorIds);
  collectIds(c, gradFns, '$.gradFns', c.gradFnIds);
  const passes = c.each(c.field(o, 'backwardPasses', '$'), '$.backwardPasses', (b, p, i) =>
    backwardPass(c, b, p, i),
  );
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    source: c.nullableString(c.field(o, 'source', '$'), '$.source'),
    filename: c.nullableString(c.field(o, 'filename', '$'), '$.filename'),
    tensors: c.each(tensors, '$.tensors', (t, p) => tensorRecord(c, t, p)),
    ops: c.each(ops, '$.ops', (x, p, i) => opRecord(c, x, p, i)),
    gradFns: ((earlier) =>
      c.each(gradFns, '$.gradFns', (g, p) => {
        const record = gradFnRecord(c, g, p, ops.length, earlier);
        earlier.add(record.id);
        return record;
      }))(new Set<number>()),
    backwardPasses: passes,
    prints: c.each(c.field(o, 'prints', '$'), '$.prints', (x, p) => printRecord(c, x, p)),
    ...(Object.hasOwn(o, 'groups') ? {groups: groupRecords(c, o.groups)} : {}),
    ...(Object.hasOwn(o, 'figures')
      ? {figures: c.each(o.figures, '$.figures', (x, p) => figureRecord(c, x, p))}
      : {}),
    ...(Object.hasOwn(o, 'iterations')
      ? {iterations: iterationRecords(c, o.iterations, passes)}
      : {}),
    ...(Object.hasOwn(o, 'randomSeed') ? {randomSeed: c.seed(o.randomSeed, '$.randomSeed')} : {}),
    ...(Object.hasOwn(o, 'derivatives')
      ? {derivatives: derivativeTable(o.derivatives, '$.derivatives', (p, why) => c.fail(p, why))}
      : {}),
    output: c.string(c.field(o, 'output', '$'), '$.output'),
    error: traceError(c, c.field(o, 'error', '$'), '$.error'),
  };
}

/** Parses JSON text and validates it; a JSON syntax error becomes a TraceValidationError at `$`. */
export function parseTrace(text: string, limits: Partial<ValidationLimits> = {}): Trace {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TraceValidationError('$', `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return validateTrace(json, limits);
}
