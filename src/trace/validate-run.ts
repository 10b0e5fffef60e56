/**
 * Validating what a trace says about the run around the autograd records: prints, figures, the
 * groups the reader thinks in, the iteration summaries of a windowed trace, and the error that
 * stopped the run.
 */
import type {
  BackwardPass,
  FigureRecord,
  GroupKind,
  GroupRecord,
  IterationRecord,
  PrintRecord,
  TraceError,
} from './schema.js';
import type {Checker} from './validate-checker.js';

/** A print() and its text. */
export function printRecord(c: Checker, v: unknown, path: string): PrintRecord {
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    text: c.string(c.field(o, 'text', path), `${path}.text`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
  };
}

/** A drawing the script asked for (torchviz's `make_dot`). */
export function figureRecord(c: Checker, v: unknown, path: string): FigureRecord {
  const o = c.object(v, path);
  return {
    seq: c.count(c.field(o, 'seq', path), `${path}.seq`),
    roots: c.tensorRefs(c.field(o, 'roots', path), `${path}.roots`),
    span: c.span(c.field(o, 'span', path), `${path}.span`),
  };
}

/** The kinds of group. */
const GROUP_KINDS: ReadonlySet<string> = new Set<GroupKind>([
  'call',
  'module',
  'iteration',
  'optimizer',
]);

/** The groups, each with a unique id, a parent listed before it, and seqs nested in the parent's. */
export function groupRecords(c: Checker, v: unknown): GroupRecord[] {
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
      ...(o.hooks !== undefined
        ? {
            hooks: c.each(o.hooks, `${path}.hooks`, (q, hp) => {
              const ho = c.object(q, hp);
              const hookKind = c.string(c.field(ho, 'kind', hp), `${hp}.kind`);
              if (hookKind !== 'forward_pre' && hookKind !== 'forward')
                c.fail(`${hp}.kind`, `unknown module hook kind '${hookKind}'`);
              const seq = c.count(c.field(ho, 'seq', hp), `${hp}.seq`);
              if (seq < startSeq || seq > endSeq) c.fail(`${hp}.seq`, 'not inside its module call');
              return {
                kind: hookKind,
                name: c.string(c.field(ho, 'name', hp), `${hp}.name`),
                via: c.string(c.field(ho, 'via', hp), `${hp}.via`),
                seq,
                replaced: c.boolean(c.field(ho, 'replaced', hp), `${hp}.replaced`),
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
export function iterationRecords(
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

/** The error that stopped the run, or null. */
export function traceError(c: Checker, v: unknown, path: string): TraceError | null {
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
