/**
 * Validating a trace's backward passes: each engine step (with the hooks that ran there) and each
 * `.grad` write.
 */
import type {Accumulation, BackwardPass, EngineStep, HookRecord} from './schema.js';
import type {Checker} from './validate-checker.js';

/** The kinds of hook a step can run. */
const hookKinds: readonly string[] = ['tensor', 'pre', 'post'];

/** A hook that ran at an engine step. */
function hookRecord(c: Checker, v: unknown, path: string): HookRecord {
  const o = c.object(v, path);
  const kind = c.string(c.field(o, 'kind', path), `${path}.kind`);
  if (!hookKinds.includes(kind)) c.fail(`${path}.kind`, `unknown hook kind '${kind}'`);
  return {
    kind: kind as HookRecord['kind'],
    name: c.string(c.field(o, 'name', path), `${path}.name`),
    ...(o.via === undefined ? {} : {via: c.string(o.via, `${path}.via`)}),
    slot: c.count(c.field(o, 'slot', path), `${path}.slot`),
    replaced: c.boolean(c.field(o, 'replaced', path), `${path}.replaced`),
    before: c.nullableTensorData(c.field(o, 'before', path), `${path}.before`),
    after: c.nullableTensorData(c.field(o, 'after', path), `${path}.after`),
  };
}

/** One node the engine ran: its gradients in and out. */
function engineStep(c: Checker, v: unknown, path: string): EngineStep {
  const o = c.object(v, path);
  const grads = (key: string) =>
    c.each(c.field(o, key, path), `${path}.${key}`, (g, p) => c.nullableTensorData(g, p));
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    gradFnId: c.gradFnRef(c.field(o, 'gradFnId', path), `${path}.gradFnId`),
    name: c.string(c.field(o, 'name', path), `${path}.name`),
    gradsIn: grads('gradsIn'),
    gradsOut: grads('gradsOut'),
    ...(o.hooks === undefined
      ? {}
      : {hooks: c.each(o.hooks, `${path}.hooks`, (h, p) => hookRecord(c, h, p))}),
  };
}

/** A gradient written into a `.grad`. */
function accumulation(c: Checker, v: unknown, path: string): Accumulation {
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    tensorId: c.tensorRef(c.field(o, 'tensorId', path), `${path}.tensorId`),
    incoming: c.tensorData(c.field(o, 'incoming', path), `${path}.incoming`),
    before: c.nullableTensorData(c.field(o, 'before', path), `${path}.before`),
    after: c.tensorData(c.field(o, 'after', path), `${path}.after`),
    retained: c.boolean(c.field(o, 'retained', path), `${path}.retained`),
    gradId: c.count(c.field(o, 'gradId', path), `${path}.gradId`),
  };
}

/** A backward pass, numbered by its position. */
export function backwardPass(c: Checker, v: unknown, path: string, index: number): BackwardPass {
  const o = c.object(v, path);
  const at = c.count(c.field(o, 'index', path), `${path}.index`);
  if (at !== index) c.fail(`${path}.index`, `expected ${index} (its position)`);
  const inputs = c.field(o, 'inputs', path);
  return {
    index,
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    roots: c.tensorRefs(c.field(o, 'roots', path), `${path}.roots`),
    seeds: c.each(c.field(o, 'seeds', path), `${path}.seeds`, (s, p) => c.tensorData(s, p)),
    retainGraph: c.boolean(c.field(o, 'retainGraph', path), `${path}.retainGraph`),
    inputs: inputs === null ? null : c.tensorRefs(inputs, `${path}.inputs`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
    steps: c.each(c.field(o, 'steps', path), `${path}.steps`, (s, p) => engineStep(c, s, p)),
    accumulations: c.each(c.field(o, 'accumulations', path), `${path}.accumulations`, (a, p) =>
      accumulation(c, a, p),
    ),
    endSeq: c.count(c.field(o, 'endSeq', path), `${path}.endSeq`),
    error: c.nullableString(c.field(o, 'error', path), `${path}.error`),
  };
}
