/**
 * Span groups: what a stretch of the run made, as one group of the picture. The trace records
 * function calls, module calls, loop iterations and optimizer steps as seq spans (`Trace.groups`);
 * a trace without loop iterations but with several backward passes gets one group per iteration of
 * the run (what ran after one pass up to the end of the next). A node belongs to the span in which
 * it was made, so a group is a stretch of time: every link goes forward in time, and collapsing
 * any set of these groups keeps the picture a DAG.
 */
import type {GroupRecord, Trace} from '../trace/schema.js';
import {versionSeq} from './dataflow.js';
import {iterationSpans} from './iterations.js';
import type {Graph, GraphGroup, GraphNode} from './model.js';
import {tensorIndex} from './tensors.js';

/** Fewest nodes worth collapsing into a group. */
const MIN_MEMBERS = 3;

/** When each node of a graph was made (its seq), or undefined for nodes that belong to no time. */
export function nodeSeqs(trace: Trace, graph: Graph): Map<string, number> {
  const tensors = tensorIndex(trace);
  const fns = new Map(trace.gradFns.map((f) => [f.id, f]));
  const opOfFn = new Map<number, number>();
  for (const op of trace.ops)
    if (op.gradFnId !== null && !opOfFn.has(op.gradFnId)) opOfFn.set(op.gradFnId, op.seq);
  const out = new Map<string, number>();
  const seqOf = (n: GraphNode): number | undefined => {
    if (n.kind === 'op' && n.opIndex !== undefined) return trace.ops[n.opIndex]?.seq;
    if (n.kind === 'seed') {
      const index = Number(n.id.slice(1).split('.')[0]);
      return trace.backwardPasses[index]?.seq;
    }
    if (n.tensorId !== undefined) {
      const t = tensors.get(n.tensorId);
      return t ? versionSeq(t, n.version ?? 0) : undefined;
    }
    if (n.gradFnId !== undefined) {
      const fn = fns.get(n.gradFnId);
      if (fn?.name === 'AccumulateGrad' && fn.tensorId !== null)
        return tensors.get(fn.tensorId)?.seq;
      return opOfFn.get(n.gradFnId);
    }
    return undefined;
  };
  for (const n of graph.nodes) {
    const seq = seqOf(n);
    if (seq !== undefined) out.set(n.id, seq);
  }
  return out;
}

/** The spans to group: the trace's own, or the run's iterations between backward passes. */
function spans(trace: Trace, graph: Graph): GroupRecord[] {
  const own = (trace.groups ?? []).filter((g) => g.kind !== 'optimizer');
  if (own.some((g) => g.kind === 'iteration') || !graph.whole) return own;
  const iterations = iterationSpans(trace);
  if (iterations.length < 2) return own;
  // The run's iterations hold the trace's own groups (a call inside one iteration stays inside).
  const made: GroupRecord[] = iterations.map((s, i) => ({
    id: -1 - i,
    kind: 'iteration',
    name: `iteration ${i + 1}`,
    parent: null,
    startSeq: s.startSeq,
    endSeq: s.endSeq,
    span: trace.backwardPasses[i]?.span ?? null,
    index: i,
  }));
  const within = own.filter((g) =>
    made.some((m) => m.startSeq < g.startSeq && g.endSeq <= m.endSeq),
  );
  return [...made, ...within];
}

/** The span groups of a graph, outermost first, each with every node made inside it. */
export function findSpanGroups(trace: Trace, graph: Graph): GraphGroup[] {
  const seqs = nodeSeqs(trace, graph);
  const bySeq = [...seqs].sort((a, b) => a[1] - b[1]);
  const seqList = bySeq.map((e) => e[1]);
  const first = (x: number): number => {
    let lo = 0;
    let hi = seqList.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seqList[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const size = (r: GroupRecord): number => first(r.endSeq - 1) - first(r.startSeq);
  const records = blocksOfSmallIterations(spans(trace, graph), size).sort(
    (a, b) => a.startSeq - b.startSeq || b.endSeq - a.endSeq,
  );
  if (records.length === 0) return [];
  const groups: GraphGroup[] = [];
  const idOf = new Map<GroupRecord, string>();
  const stack: {record: GroupRecord; size: number}[] = [];
  for (const r of records) {
    const members: string[] = [];
    for (let i = first(r.startSeq); i < bySeq.length; i++) {
      const [id, seq] = bySeq[i] as [string, number];
      if (seq >= r.endSeq) break;
      members.push(id);
    }
    while (stack.length > 0 && (stack.at(-1) as {record: GroupRecord}).record.endSeq <= r.startSeq)
      stack.pop();
    const parent = stack.at(-1);
    // Too small, everything, or the same nodes as the group around it: nothing to collapse.
    if (members.length < MIN_MEMBERS || members.length === graph.nodes.length) continue;
    if (parent && parent.size === members.length) continue;
    const id = `gs${groups.length}`;
    idOf.set(r, id);
    const parentId = parent ? idOf.get(parent.record) : undefined;
    groups.push({
      id,
      label: labelOf(r),
      nodeIds: members,
      kind: r.kind === 'optimizer' ? 'call' : r.kind,
      startSeq: r.startSeq,
      endSeq: r.endSeq,
      ...(parentId !== undefined ? {parent: parentId} : {}),
      span: r.span,
    });
    stack.push({record: r, size: members.length});
  }
  return groups;
}

/** How many blocks a loop of small iterations is cut into, at most. */
const BLOCKS = 10;

/**
 * A loop whose iterations are each too small to be a group (`for i in range(100): x = x * 1.01`,
 * one op each) is cut into blocks of consecutive iterations (`i = 0 … 9`), each one group, so the
 * loop collapses and scrubs as a loop with bigger iterations does. Other records pass unchanged.
 */
export function blocksOfSmallIterations(
  records: readonly GroupRecord[],
  size: (r: GroupRecord) => number,
): GroupRecord[] {
  const out: GroupRecord[] = [];
  // Each loop's iterations, in order (a call inside an iteration is listed between them).
  const loops = new Map<string, GroupRecord[][]>();
  for (const r of records) {
    if (r.kind !== 'iteration' || r.index === undefined) {
      out.push(r);
      continue;
    }
    const key = `${r.parent}:${r.span?.line}:${r.span?.column}`;
    const runs = loops.get(key) ?? [];
    loops.set(key, runs);
    const run = runs.at(-1);
    const prev = run?.at(-1);
    if (run && prev && sameLoop(prev, r)) run.push(r);
    else runs.push([r]);
  }
  for (const runs of loops.values()) {
    for (const loop of runs) {
      const total = loop.reduce((n, r) => n + size(r), 0);
      if (loop.length < 2 || total >= MIN_MEMBERS * loop.length) {
        out.push(...loop);
        continue;
      }
      // Blocks big enough to be groups, and at most BLOCKS of them.
      const per = Math.max(
        Math.ceil((MIN_MEMBERS * loop.length) / Math.max(1, total)),
        Math.ceil(loop.length / BLOCKS),
      );
      for (let i = 0; i < loop.length; i += per) out.push(block(loop.slice(i, i + per)));
    }
  }
  return out;
}

/** Whether `next` is the iteration of the same loop right after `prev`. */
function sameLoop(prev: GroupRecord, next: GroupRecord): boolean {
  return prev.index !== undefined && next.index === prev.index + 1 && prev.endSeq <= next.startSeq;
}

/** One record for consecutive iterations of a loop: `i = 0 … 9` (one iteration: itself). */
function block(run: readonly GroupRecord[]): GroupRecord {
  const head = run[0] as GroupRecord;
  const tail = run.at(-1) as GroupRecord;
  if (run.length === 1) return head;
  const eq = head.name.indexOf(' = ');
  const prefix = eq < 0 ? '' : head.name.slice(0, eq + 3);
  const end =
    prefix !== '' && tail.name.startsWith(prefix) ? tail.name.slice(prefix.length) : tail.name;
  return {...head, name: `${head.name} … ${end}`, endSeq: tail.endSeq};
}

function labelOf(r: GroupRecord): string {
  if (r.kind === 'call') return `${r.name}(…)`;
  return r.name;
}
