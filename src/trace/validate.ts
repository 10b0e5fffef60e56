/**
 * Loads a trace produced elsewhere safely: checks every field of untrusted JSON against the
 * schema and returns a fresh, well-typed copy, or throws a {@link TraceValidationError} naming
 * the path of the first bad field (`$.ops[3].inputs[0]`). Never crashes on hostile input: no
 * recursion deeper than op arguments allow, work linear in the input, unknown keys dropped, and
 * objects built with `Object.fromEntries` so keys like `__proto__` stay plain data.
 */
import {isEncodedNumberString} from './numbers.js';
import type {
  Accumulation,
  BackwardPass,
  DtypeName,
  EncodedArg,
  EncodedNumber,
  EngineStep,
  GradFnRecord,
  GroupKind,
  GroupRecord,
  HookRecord,
  IterationRecord,
  NextEdge,
  OpRecord,
  FigureRecord,
  PrintRecord,
  SavedRecord,
  TensorData,
  TensorOrigin,
  TensorRecord,
  TensorVersion,
  Trace,
  TraceError,
} from './schema.js';
import {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
import type {Span} from './span.js';
import {derivativeTable} from './validate-derivatives.js';

/** A trace failed validation; `path` names the bad field, e.g. `$.tensors[2].shape[1]`. */
export class TraceValidationError extends Error {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`invalid trace at ${path}: ${problem}`);
    this.name = 'TraceValidationError';
    this.path = path;
  }
}

/** Limits that keep validation bounded; a trace past them is refused, not slowly processed. */
export interface ValidationLimits {
  /** Most elements in one tensor's stored values. */
  readonly maxElements: number;
  /** Most dimensions of a shape. */
  readonly maxDims: number;
  /** Most nesting of list arguments. */
  readonly maxArgDepth: number;
  /** Longest string anywhere (source, output, printed text, messages). */
  readonly maxStringLength: number;
}

const DEFAULT_LIMITS: ValidationLimits = {
  maxElements: 10_000_000,
  maxDims: 16,
  maxArgDepth: 8,
  maxStringLength: 50_000_000,
};

const DTYPES: readonly DtypeName[] = [
  'float32',
  'float64',
  'float16',
  'int64',
  'int32',
  'int16',
  'int8',
  'uint8',
  'bool',
];
const INTEGRAL: readonly DtypeName[] = ['int64', 'int32', 'int16', 'int8', 'uint8'];
const ORIGINS: readonly TensorOrigin[] = ['op', 'grad', 'external'];
const SPECIALS = ['NaN', 'Infinity', '-Infinity', '-0'] as const;
/** A Python parameter name; dunder names (`__proto__`) are never parameters. */
const ARG_KEY = /^(?!__)[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Obj = Readonly<Record<string, unknown>>;

/** The checks, with the limits and the id sets needed to check references. */
class Checker {
  readonly tensorIds = new Set<number>();
  readonly gradFnIds = new Set<number>();
  constructor(readonly limits: ValidationLimits) {}

  fail(path: string, problem: string): never {
    throw new TraceValidationError(path, problem);
  }

  object(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(path, 'expected an object');
    return v as Obj;
  }

  array(v: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array');
    return v as readonly unknown[];
  }

  /** Checks each element of an array with `f`; holes are visited (as undefined) and refused. */
  each<T>(v: unknown, path: string, f: (x: unknown, path: string, i: number) => T): T[] {
    const a = this.array(v, path);
    const out: T[] = [];
    for (let i = 0; i < a.length; i++) out.push(f(a[i], `${path}[${i}]`, i));
    return out;
  }

  field(o: Obj, key: string, path: string): unknown {
    if (!Object.hasOwn(o, key)) this.fail(`${path}.${key}`, 'missing');
    return o[key];
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'expected a string');
    if (v.length > this.limits.maxStringLength) this.fail(path, 'string too long');
    return v;
  }

  nullableString(v: unknown, path: string): string | null {
    return v === null ? null : this.string(v, path);
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'expected true or false');
    return v;
  }

  /** A non-negative safe integer (ids, seqs, indices, sizes). */
  count(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      this.fail(path, 'expected a non-negative integer');
    }
    return v;
  }

  nullableCount(v: unknown, path: string): number | null {
    return v === null ? null : this.count(v, path);
  }

  /** A positive integer (line and column numbers). */
  positive(v: unknown, path: string): number {
    const n = this.count(v, path);
    if (n < 1) this.fail(path, 'expected a positive integer');
    return n;
  }

  span(v: unknown, path: string): Span | null {
    if (v === null) return null;
    const o = this.object(v, path);
    return {
      line: this.positive(this.field(o, 'line', path), `${path}.line`),
      column: this.positive(this.field(o, 'column', path), `${path}.column`),
      endLine: this.positive(this.field(o, 'endLine', path), `${path}.endLine`),
      endColumn: this.positive(this.field(o, 'endColumn', path), `${path}.endColumn`),
    };
  }

  tensorRef(v: unknown, path: string): number {
    const id = this.count(v, path);
    if (!this.tensorIds.has(id)) this.fail(path, `no tensor with id ${id}`);
    return id;
  }

  gradFnRef(v: unknown, path: string): number {
    const id = this.count(v, path);
    if (!this.gradFnIds.has(id)) this.fail(path, `no grad_fn with id ${id}`);
    return id;
  }

  tensorRefs(v: unknown, path: string): number[] {
    return this.each(v, path, (x, p) => this.tensorRef(x, p));
  }

  dtype(v: unknown, path: string): DtypeName {
    if (!DTYPES.includes(v as DtypeName)) this.fail(path, `expected one of ${DTYPES.join(', ')}`);
    return v as DtypeName;
  }

  shape(v: unknown, path: string): number[] {
    const a = this.array(v, path);
    if (a.length > this.limits.maxDims)
      this.fail(path, `more than ${this.limits.maxDims} dimensions`);
    return this.each(a, path, (d, p) => this.count(d, p));
  }

  element(v: unknown, dtype: DtypeName, path: string): EncodedNumber {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(path, 'expected a finite number');
      if (dtype === 'bool' && v !== 0 && v !== 1) this.fail(path, 'a bool element must be 0 or 1');
      if (INTEGRAL.includes(dtype) && !Number.isInteger(v))
        this.fail(path, `an ${dtype} element must be an integer`);
      return v;
    }
    if (typeof v === 'string' && isEncodedNumberString(v)) {
      const isSpecial = (SPECIALS as readonly string[]).includes(v);
      if (INTEGRAL.includes(dtype) ? isSpecial : !isSpecial || dtype === 'bool') {
        this.fail(path, `'${v}' is not a ${dtype} element`);
      }
      return v;
    }
    return this.fail(path, 'expected a number or an encoded number string');
  }

  /** A random seed: a decimal integer in [0, 2^64). */
  seed(v: unknown, path: string): string {
    const s = this.string(v, path);
    if (!/^(0|[1-9][0-9]{0,19})$/.test(s) || BigInt(s) >= 2n ** 64n)
      this.fail(path, 'expected a decimal integer in [0, 2^64)');
    return s;
  }

  tensorData(v: unknown, path: string): TensorData {
    const o = this.object(v, path);
    const shape = this.shape(this.field(o, 'shape', path), `${path}.shape`);
    const dtype = this.dtype(this.field(o, 'dtype', path), `${path}.dtype`);
    const raw = this.field(o, 'values', path);
    let values: EncodedNumber[] | null = null;
    if (raw !== null) {
      const a = this.array(raw, `${path}.values`);
      // An empty dimension anywhere means no elements (a [1, 0] tensor was refused; found by fuzz).
      let numel = shape.includes(0) ? 0 : 1;
      for (const d of shape) {
        if (numel === 0) break;
        numel *= d;
        if (numel > a.length) break; // stop before the product can overflow
      }
      if (numel !== a.length) {
        this.fail(
          `${path}.values`,
          `expected ${shape.length ? shape.join('×') : 'one'} elements, got ${a.length}`,
        );
      }
      if (a.length > this.limits.maxElements) this.fail(`${path}.values`, 'too many elements');
      values = new Array<EncodedNumber>(a.length);
      const floating = dtype === 'float32' || dtype === 'float64' || dtype === 'float16';
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        // The fast path builds no path string; the slow one explains the failure.
        values[i] =
          typeof x === 'number' && Number.isFinite(x) && floating
            ? x
            : this.element(x, dtype, `${path}.values[${i}]`);
      }
    }
    const data: {shape: number[]; dtype: DtypeName; values: EncodedNumber[] | null; text?: string} =
      {
        shape,
        dtype,
        values,
      };
    if (o.text !== undefined) data.text = this.string(o.text, `${path}.text`);
    else if (values === null) this.fail(`${path}.text`, 'required when values is null');
    return data;
  }

  nullableTensorData(v: unknown, path: string): TensorData | null {
    return v === null ? null : this.tensorData(v, path);
  }

  arg(v: unknown, path: string, depth: number): EncodedArg {
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') return this.string(v, path);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) this.fail(path, 'expected a finite number');
      return v;
    }
    if (Array.isArray(v)) {
      if (depth >= this.limits.maxArgDepth) this.fail(path, 'lists nested too deeply');
      return this.each(v, path, (x, p) => this.arg(x, p, depth + 1));
    }
    const o = this.object(v, path);
    const s = this.field(o, 'special', path);
    if (!(SPECIALS as readonly unknown[]).includes(s)) {
      this.fail(`${path}.special`, `expected one of ${SPECIALS.join(', ')}`);
    }
    return {special: s as (typeof SPECIALS)[number]};
  }

  args(v: unknown, path: string): Record<string, EncodedArg> {
    const o = this.object(v, path);
    return Object.fromEntries(
      Object.keys(o).map((k) => {
        if (!ARG_KEY.test(k))
          this.fail(`${path}[${JSON.stringify(k.slice(0, 64))}]`, 'not a parameter name');
        return [k, this.arg(o[k], `${path}.${k}`, 0)];
      }),
    );
  }
}

function tensorVersion(c: Checker, v: unknown, path: string): TensorVersion {
  const o = c.object(v, path);
  const version: TensorVersion = {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    opIndex: c.nullableCount(c.field(o, 'opIndex', path), `${path}.opIndex`),
    requiresGrad: c.boolean(c.field(o, 'requiresGrad', path), `${path}.requiresGrad`),
    data: c.tensorData(c.field(o, 'data', path), `${path}.data`),
  };
  if (o.gradFnId === undefined) return version;
  const fn = o.gradFnId === null ? null : c.gradFnRef(o.gradFnId, `${path}.gradFnId`);
  return {...version, gradFnId: fn};
}

function tensorRecord(c: Checker, v: unknown, path: string): TensorRecord {
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

function opRecord(c: Checker, v: unknown, path: string, index: number): OpRecord {
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
  };
}

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

function gradFnRecord(
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

const hookKinds: readonly string[] = ['tensor', 'pre', 'post'];

/** A hook that ran at an engine step. */
function hookRecord(c: Checker, v: unknown, path: string): HookRecord {
  const o = c.object(v, path);
  const kind = c.string(c.field(o, 'kind', path), `${path}.kind`);
  if (!hookKinds.includes(kind)) c.fail(`${path}.kind`, `unknown hook kind '${kind}'`);
  return {
    kind: kind as HookRecord['kind'],
    name: c.string(c.field(o, 'name', path), `${path}.name`),
    slot: c.count(c.field(o, 'slot', path), `${path}.slot`),
    replaced: c.boolean(c.field(o, 'replaced', path), `${path}.replaced`),
    before: c.nullableTensorData(c.field(o, 'before', path), `${path}.before`),
    after: c.nullableTensorData(c.field(o, 'after', path), `${path}.after`),
  };
}

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

function backwardPass(c: Checker, v: unknown, path: string, index: number): BackwardPass {
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

function printRecord(c: Checker, v: unknown, path: string): PrintRecord {
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    text: c.string(c.field(o, 'text', path), `${path}.text`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
  };
}

function figureRecord(c: Checker, v: unknown, path: string): FigureRecord {
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    roots: c.tensorRefs(c.field(o, 'roots', path), `${path}.roots`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
  };
}

const GROUP_KINDS: ReadonlySet<string> = new Set<GroupKind>([
  'call',
  'module',
  'iteration',
  'optimizer',
]);

/** The groups, each with a unique id, a parent listed before it, and seqs nested in the parent's. */
function groupRecords(c: Checker, v: unknown): GroupRecord[] {
  const byId = new Map<number, GroupRecord>();
  return c.each(v, '$.groups', (x, path) => {
    const o = c.object(x, path);
    const id = c.count(c.field(o, 'id', path), `${path}.id`);
    if (byId.has(id)) c.fail(`${path}.id`, `duplicate id ${id}`);
    const kind = c.string(c.field(o, 'kind', path), `${path}.kind`);
    if (!GROUP_KINDS.has(kind)) c.fail(`${path}.kind`, `unknown group kind '${kind}'`);
    const parent = c.nullableCount(c.field(o, 'parent', path), `${path}.parent`);
    const startSeq = c.count(c.field(o, 'startSeq', path), `${path}.startSeq`);
    const endSeq = c.count(c.field(o, 'endSeq', path), `${path}.endSeq`);
    if (endSeq < startSeq) c.fail(`${path}.endSeq`, 'ends before it starts');
    if (parent !== null) {
      const p = byId.get(parent);
      if (p === undefined) c.fail(`${path}.parent`, `no earlier group with id ${parent}`);
      if (startSeq < p.startSeq || endSeq > p.endSeq) c.fail(path, 'not inside its parent');
    }
    const record: GroupRecord = {
      id,
      kind: kind as GroupKind,
      name: c.string(c.field(o, 'name', path), `${path}.name`),
      parent,
      startSeq,
      endSeq,
      span: c.span(c.field(o, 'span', path), `${path}.span`),
      ...(o.index !== undefined ? {index: c.count(o.index, `${path}.index`)} : {}),
      ...(o.className !== undefined ? {className: c.string(o.className, `${path}.className`)} : {}),
      ...(o.parameters !== undefined
        ? {
            parameters: c.each(o.parameters, `${path}.parameters`, (q, pp) => {
              const po = c.object(q, pp);
              return {
                name: c.string(c.field(po, 'name', pp), `${pp}.name`),
                tensorId: c.tensorRef(c.field(po, 'tensorId', pp), `${pp}.tensorId`),
              };
            }),
          }
        : {}),
    };
    byId.set(id, record);
    return record;
  });
}

/**
 * The iteration summaries: numbered in order, seqs in order, each kept one pointing at the
 * backward pass that ends it (a pass ending where the iteration does).
 */
function iterationRecords(
  c: Checker,
  v: unknown,
  passes: readonly BackwardPass[],
): IterationRecord[] {
  let previousEnd = -1;
  return c.each(v, '$.iterations', (x, path, i) => {
    const o = c.object(x, path);
    const index = c.count(c.field(o, 'index', path), `${path}.index`);
    if (index !== i) c.fail(`${path}.index`, `expected ${i} (its position)`);
    const startSeq = c.count(c.field(o, 'startSeq', path), `${path}.startSeq`);
    const endSeq = c.count(c.field(o, 'endSeq', path), `${path}.endSeq`);
    if (startSeq <= previousEnd) c.fail(`${path}.startSeq`, 'starts before the previous one ends');
    if (endSeq < startSeq) c.fail(`${path}.endSeq`, 'ends before it starts');
    previousEnd = endSeq;
    const passIndex = c.nullableCount(c.field(o, 'passIndex', path), `${path}.passIndex`);
    if (passIndex !== null && passes[passIndex]?.endSeq !== endSeq)
      c.fail(`${path}.passIndex`, `no backward pass ${passIndex} ending at seq ${endSeq}`);
    const loss = c.field(o, 'loss', path);
    return {
      index,
      startSeq,
      endSeq,
      passIndex,
      ops: c.count(c.field(o, 'ops', path), `${path}.ops`),
      steps: c.count(c.field(o, 'steps', path), `${path}.steps`),
      loss: loss === null ? null : c.element(loss, 'float64', `${path}.loss`),
      ...(o.held !== undefined
        ? {
            held: c.each(o.held, `${path}.held`, (h, hp) => {
              const ho = c.object(h, hp);
              return {
                tensorId: c.tensorRef(c.field(ho, 'tensorId', hp), `${hp}.tensorId`),
                gradId: c.count(c.field(ho, 'gradId', hp), `${hp}.gradId`),
                data: c.tensorData(c.field(ho, 'data', hp), `${hp}.data`),
              };
            }),
          }
        : {}),
    };
  });
}

function traceError(c: Checker, v: unknown, path: string): TraceError | null {
  if (v === null) return null;
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    type: c.string(c.field(o, 'type', path), `${path}.type`),
    message: c.string(c.field(o, 'message', path), `${path}.message`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
    traceback: c.string(c.field(o, 'traceback', path), `${path}.traceback`),
  };
}

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
