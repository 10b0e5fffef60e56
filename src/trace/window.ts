/**
 * The value window: which iterations of a run a trace keeps whole, and how the recorder forgets the
 * others. A training loop of 20,000 iterations draws one iteration at a time, so the trace keeps
 * the first few and the last few (and the one still running); of the rest it keeps a summary each
 * ({@link IterationRecord}: where it was, how many ops and steps, its loss), and whatever later
 * records still refer to. A forgotten iteration is recorded again on demand by running the script
 * again (the engine is deterministic), recording only that iteration: see `RecorderOptions.window`.
 *
 * An iteration is what iterations.ts in the graph stage calls one: the records after the end of
 * backward pass i-1 up to the end of pass i.
 */
import type {GradFnRecord, GroupRecord, OpRecord} from './schema.js';
import type {Captured} from './snapshot.js';

/** Which iterations a recorder keeps whole. */
export interface ValueWindow {
  /** How many iterations from the start are kept (default {@link defaultWindow}.first). */
  readonly first?: number;
  /** How many of the latest finished iterations are kept (default {@link defaultWindow}.last). */
  readonly last?: number;
  /**
   * Record only this iteration (0-based), nothing before it, and stop the run as soon as it has
   * ended: how a forgotten iteration is recorded again. `first` and `last` are then ignored.
   */
  readonly only?: number;
}

/** The window `traceSource` uses unless told otherwise. */
export const defaultWindow = {first: 3, last: 3} as const;

/** A copy of a tensor's numbers at a moment, before encoding (a TensorVersion in the making). */
export interface VersionDraft {
  readonly seq: number;
  readonly opIndex: number | null;
  readonly requiresGrad: boolean;
  readonly data: Captured;
  readonly gradFnId?: number | null;
}

/** What the window's pruning needs of a tensor record in the making. */
export interface TensorDraftView {
  readonly id: number;
  readonly seq: number;
  readonly gradFnId: number | null;
  versions: VersionDraft[];
}

/** What the pruning needs of a backward pass in the making. */
export interface PassDraftView {
  readonly seq: number;
  readonly roots: readonly number[];
  readonly inputs: readonly number[] | null;
  readonly steps: readonly {readonly gradFnId: number}[];
  readonly accumulations: readonly {readonly tensorId: number; readonly gradId: number}[];
}

/** The recorder's records, as the pruning sees them. */
export interface Records<
  T extends TensorDraftView,
  P extends PassDraftView,
  G extends GroupRecord,
> {
  readonly tensors: Map<number, T>;
  ops: OpRecord[];
  readonly gradFns: Map<number, GradFnRecord>;
  passes: P[];
  groups: G[];
  /**
   * Tensors the script's names hold now (the next iteration may well use them) and the parameters
   * of module groups: kept.
   */
  readonly live: readonly number[];
}

/**
 * Forgets the records of the stretch `from < seq <= to` (finished iterations), keeping what
 * later records still refer to. `sinceSeq` is where the forgotten part of the run starts (the end
 * of the first kept iterations): a tensor of that part keeps only its last version in it (its value
 * when the next kept iteration starts), and records of that part nothing refers to any more go.
 */
export function forget<T extends TensorDraftView, P extends PassDraftView, G extends GroupRecord>(
  records: Records<T, P, G>,
  sinceSeq: number,
  from: number,
  to: number,
): void {
  const inside = (seq: number) => seq > from && seq <= to;
  const forgotten = (seq: number) => seq > sinceSeq && seq <= to;
  records.ops = records.ops.filter((op) => !inside(op.seq));
  records.passes = records.passes.filter((p) => !inside(p.seq));
  forgetGroups(records, from, to);

  // Mark what the kept records refer to; sweep the rest of the forgotten part.
  const tensors = new Set<number>();
  const fns = new Set<number>();
  const fnQueue: number[] = [];
  const tensorQueue: number[] = [];
  const markFn = (id: number | null | undefined) => {
    if (id === null || id === undefined || fns.has(id)) return;
    fns.add(id);
    fnQueue.push(id);
  };
  const markTensor = (id: number) => {
    if (tensors.has(id)) return;
    tensors.add(id);
    tensorQueue.push(id);
  };
  for (const op of records.ops) {
    op.inputs.forEach(markTensor);
    op.outputs.forEach(markTensor);
    markFn(op.gradFnId);
  }
  for (const p of records.passes) {
    p.roots.forEach(markTensor);
    p.inputs?.forEach(markTensor);
    for (const s of p.steps) markFn(s.gradFnId);
    for (const a of p.accumulations) {
      markTensor(a.tensorId);
      markTensor(a.gradId);
    }
  }
  records.live.forEach(markTensor);
  for (const t of records.tensors.values()) if (!forgotten(t.seq)) markTensor(t.id);
  for (const f of records.gradFns.values()) if (!forgotten(f.seq)) markFn(f.id);
  while (tensorQueue.length > 0 || fnQueue.length > 0) {
    const tid = tensorQueue.pop();
    if (tid !== undefined) {
      const t = records.tensors.get(tid);
      if (t) {
        markFn(t.gradFnId);
        for (const v of t.versions) markFn(v.gradFnId);
      }
      continue;
    }
    const f = records.gradFns.get(fnQueue.pop() as number);
    if (!f) continue;
    for (const e of f.next) if (e !== null) markFn(e.gradFnId);
    if (f.tensorId !== null) markTensor(f.tensorId);
    for (const s of f.saved ?? []) if (s.tensorId !== null) markTensor(s.tensorId);
  }
  for (const [id, t] of records.tensors) {
    if (!tensors.has(id)) {
      records.tensors.delete(id);
      continue;
    }
    // Of the versions made in the forgotten part, the last is the value the kept part sees.
    const versions = t.versions;
    let lastForgotten = -1;
    let count = 0;
    for (let i = 0; i < versions.length; i++) {
      if (forgotten((versions[i] as VersionDraft).seq)) {
        lastForgotten = i;
        count++;
      }
    }
    if (count > 1) {
      t.versions = versions.filter((v, i) => i === lastForgotten || !forgotten(v.seq));
    }
  }
  for (const id of records.gradFns.keys()) if (!fns.has(id)) records.gradFns.delete(id);
}

/**
 * Forgets the groups that start in the stretch `from < seq <= to` and end in it: calls and other
 * units inside finished iterations. Loop iterations stay listed (cheap, and the reader's list of
 * iterations); the children of a forgotten group get its parent.
 */
export function forgetGroups(records: {groups: GroupRecord[]}, from: number, to: number): void {
  const inside = (seq: number) => seq > from && seq <= to;
  // Groups are in start order: only those from the first one starting inside are looked at, so a
  // batch costs what it forgets, not the length of the run so far.
  const groups = records.groups;
  let lo = 0;
  let hi = groups.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((groups[mid] as GroupRecord).startSeq > from) hi = mid;
    else lo = mid + 1;
  }
  const droppedParent = new Map<number, number | null>();
  let write = lo;
  for (let i = lo; i < groups.length; i++) {
    const g = groups[i] as GroupRecord;
    if (g.kind !== 'iteration' && inside(g.startSeq) && g.endSeq >= 0 && g.endSeq <= to + 1) {
      droppedParent.set(g.id, g.parent);
      continue;
    }
    let parent = g.parent;
    while (parent !== null && droppedParent.has(parent)) parent = droppedParent.get(parent) ?? null;
    groups[write++] = parent === g.parent ? g : {...g, parent};
  }
  groups.length = write;
}
