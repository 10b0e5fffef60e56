/**
 * Validating the program's records of a trace: tensors (with their versions), ops, and the
 * grad_fn nodes (children first, so the graph they describe has no cycle).
 */
import type {
  GradFnRecord,
  NextEdge,
  OpRecord,
  SavedRecord,
  TensorOrigin,
  TensorRecord,
  TensorVersion,
} from './schema.js';
import {ORIGINS, type Checker, type Obj} from './validate-checker.js';

/** One value of a tensor at a moment. */
function tensorVersion(c: Checker, v: unknown, path: string): TensorVersion {
  const o = c.object(v, path);
  const version: TensorVersion = {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    opIndex: c.nullableCount(c.field(o, 'opIndex', path), `${path}.opIndex`),
    requiresGrad: c.boolean(c.field(o, 'requiresGrad', path), `${path}.requiresGrad`),
    data: c.tensorData(c.field(o, 'data', path), `${path}.data`),
    ...(o.counter === undefined ? {} : {counter: c.count(o.counter, `${path}.counter`)}),
  };
  if (o.gradFnId === undefined) return version;
  const fn = o.gradFnId === null ? null : c.gradFnRef(o.gradFnId, `${path}.gradFnId`);
  return {...version, gradFnId: fn};
}

/** A tensor and its versions. */
export function tensorRecord(c: Checker, v: unknown, path: string): TensorRecord {
  const o = c.object(v, path);
  const versions = c.array(c.field(o, 'versions', path), `${path}.versions`);
  if (versions.length === 0) c.fail(`${path}.versions`, 'expected at least one version');
  const origin = c.field(o, 'origin', path);
  if (!ORIGINS.includes(origin as TensorOrigin))
    c.fail(`${path}.origin`, `expected one of ${ORIGINS.join(', ')}`);
  return {
    id: c.count(c.field(o, 'id', path), `${path}.id`),
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    names: c.each(c.field(o, 'names', path), `${path}.names`, (n, p) => c.string(n, p)),
    shape: c.shape(c.field(o, 'shape', path), `${path}.shape`),
    dtype: c.dtype(c.field(o, 'dtype', path), `${path}.dtype`),
    requiresGrad: c.boolean(c.field(o, 'requiresGrad', path), `${path}.requiresGrad`),
    isLeaf: c.boolean(c.field(o, 'isLeaf', path), `${path}.isLeaf`),
    gradFnId:
      c.field(o, 'gradFnId', path) === null ? null : c.gradFnRef(o.gradFnId, `${path}.gradFnId`),
    gradMode: c.boolean(c.field(o, 'gradMode', path), `${path}.gradMode`),
    detached: c.boolean(c.field(o, 'detached', path), `${path}.detached`),
    origin: origin as TensorOrigin,
    span: c.span(c.field(o, 'span', path), `${path}.span`),
    retainsGrad: c.boolean(c.field(o, 'retainsGrad', path), `${path}.retainsGrad`),
    versions: c.each(versions, `${path}.versions`, (x, p) => tensorVersion(c, x, p)),
  };
}

/** An op, numbered by its position. */
export function opRecord(c: Checker, v: unknown, path: string, index: number): OpRecord {
  const o = c.object(v, path);
  const at = c.count(c.field(o, 'index', path), `${path}.index`);
  if (at !== index) c.fail(`${path}.index`, `expected ${index} (its position)`);
  return {
    index,
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    op: c.string(c.field(o, 'op', path), `${path}.op`),
    inputs: c.tensorRefs(c.field(o, 'inputs', path), `${path}.inputs`),
    outputs: c.tensorRefs(c.field(o, 'outputs', path), `${path}.outputs`),
    args: c.args(c.field(o, 'args', path), `${path}.args`),
    inPlace: c.boolean(c.field(o, 'inPlace', path), `${path}.inPlace`),
    gradEnabled: c.boolean(c.field(o, 'gradEnabled', path), `${path}.gradEnabled`),
    gradFnId:
      c.field(o, 'gradFnId', path) === null ? null : c.gradFnRef(o.gradFnId, `${path}.gradFnId`),
    gradFnName: c.nullableString(c.field(o, 'gradFnName', path), `${path}.gradFnName`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
    ...(o.pass === undefined ? {} : {pass: c.count(o.pass, `${path}.pass`)}),
  };
}

/** A next edge of a grad_fn, pointing at an earlier record. */
function nextEdge(
  c: Checker,
  v: unknown,
  path: string,
  earlier: ReadonlySet<number>,
): NextEdge | null {
  if (v === null) return null;
  const o = c.object(v, path);
  const gradFnId = c.gradFnRef(c.field(o, 'gradFnId', path), `${path}.gradFnId`);
  // Records come children first, so the graph they describe cannot have a cycle.
  if (!earlier.has(gradFnId))
    c.fail(`${path}.gradFnId`, `grad_fn ${gradFnId} must come before the node that feeds it`);
  return {gradFnId, inputNr: c.count(c.field(o, 'inputNr', path), `${path}.inputNr`)};
}

/** A grad_fn node; `earlier` holds the ids of the records before it. */
export function gradFnRecord(
  c: Checker,
  v: unknown,
  path: string,
  opCount: number,
  earlier: Set<number>,
): GradFnRecord {
  const o = c.object(v, path);
  const opIndex = c.nullableCount(c.field(o, 'opIndex', path), `${path}.opIndex`);
  if (opIndex !== null && opIndex >= opCount) c.fail(`${path}.opIndex`, `no op ${opIndex}`);
  const tensorId = c.field(o, 'tensorId', path);
  return {
    id: c.count(c.field(o, 'id', path), `${path}.id`),
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    name: c.string(c.field(o, 'name', path), `${path}.name`),
    next: c.each(c.field(o, 'next', path), `${path}.next`, (e, p) => nextEdge(c, e, p, earlier)),
    tensorId: tensorId === null ? null : c.tensorRef(tensorId, `${path}.tensorId`),
    opIndex,
    ...customFunction(c, o, path),
  };
}

/** A custom Function's class name and saved tensors (both optional). */
function customFunction(
  c: Checker,
  o: Obj,
  path: string,
): Pick<GradFnRecord, 'function' | 'saved'> {
  const out: {function?: string; saved?: SavedRecord[]} = {};
  if (o.function !== undefined) out.function = c.string(o.function, `${path}.function`);
  if (o.saved !== undefined) {
    out.saved = c.each(o.saved, `${path}.saved`, (v, p) => {
      const s = c.object(v, p);
      const id = c.field(s, 'tensorId', p);
      return {
        name: c.string(c.field(s, 'name', p), `${p}.name`),
        tensorId: id === null ? null : c.tensorRef(id, `${p}.tensorId`),
      };
    });
  }
  return out;
}
