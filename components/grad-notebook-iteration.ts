/**
 * One part of a session's trace: the graph stage draws the whole run or one iteration (the ops
 * up to and including one backward pass); a page that shows one iteration of a longer trace
 * (the MLP demo's chosen training step, the notebook's Iteration field, the notebook over a long
 * loop whose trace keeps a window) hands `<grad-graph>` the trace cut down to it: the same
 * records, ops renumbered, other passes left out. (`<grad-notebook>` otherwise shows the whole
 * session.)
 */
import type {GradFnRecord, OpRecord, TensorRecord, Trace} from '../src/trace/index.js';

/**
 * The segment holding the trace's last op: segment i runs from the end of backward pass i-1 to the
 * end of pass i; segment `passes.length` holds what ran after the last pass. 0 when there are no ops.
 */
export function currentIteration(trace: Trace): number {
  const last = trace.ops[trace.ops.length - 1];
  if (!last) return 0;
  return (trace.iterations ?? trace.backwardPasses).filter((p) => p.endSeq < last.seq).length;
}

/**
 * How many segments the trace has: one per backward pass, and one more when ops ran after the
 * last pass (at least 1).
 */
export function segmentCount(trace: Trace): number {
  const passes = (trace.iterations ?? trace.backwardPasses).length;
  return Math.max(passes, currentIteration(trace) + 1, 1);
}

/**
 * The segment that ends with the trace's last backward pass (its gradients are what a tutorial
 * builds up to), or the current segment when no pass ran: where "Run all" leaves the graph, so
 * a closing `no_grad` cell does not hide the `backward()` before it.
 */
export function lastPassSegment(trace: Trace): number {
  const iterations = trace.iterations;
  if (iterations) {
    for (let i = iterations.length - 1; i >= 0; i--) {
      if (iterations[i]?.passIndex !== null) return i;
    }
    return currentIteration(trace);
  }
  const passes = trace.backwardPasses.length;
  return passes > 0 ? passes - 1 : currentIteration(trace);
}

/**
 * The trace of segment `index` alone, as a trace whose first iteration it is: its ops (renumbered,
 * references remapped), its backward pass (renumbered 0), every tensor and grad_fn (the views only
 * draw what the ops and the pass use). Iteration 0 of a trace is the trace itself. A windowed
 * trace must keep the segment (`traceIteration` records a forgotten one again first).
 */
export function iterationTrace(trace: Trace, index: number): Trace {
  if (index <= 0 && trace.iterations === undefined) return trace;
  // Segment i ends with iteration i's pass; the one past the last pass holds what ran after it.
  const list = trace.iterations ?? trace.backwardPasses;
  const from = index <= 0 ? -1 : (list[index - 1]?.endSeq ?? Infinity);
  const to = list[index]?.endSeq ?? Infinity;
  const summary = trace.iterations?.[index];
  const at = trace.iterations ? (summary?.passIndex ?? null) : index;
  const pass = at === null ? null : (trace.backwardPasses[at] ?? null);
  const kept = new Map<number, number>();
  const ops: OpRecord[] = [];
  for (const op of trace.ops) {
    if (op.seq > from && op.seq <= to) {
      kept.set(op.index, ops.length);
      ops.push({...op, index: ops.length});
    }
  }
  const remap = (i: number | null): number | null => (i === null ? null : (kept.get(i) ?? null));
  // Of the versions before the segment, only the last (the value it starts from) is kept, as a
  // windowed trace keeps a forgotten stretch's: so a kept segment and one recorded again
  // (`recordSegment`) draw the same, their held .grads on the leaves of this segment's graph.
  const tensors: TensorRecord[] = trace.tensors.map((t) => {
    let start = 0;
    while (start + 1 < t.versions.length && (t.versions[start + 1]?.seq ?? Infinity) <= from) {
      start++;
    }
    return {
      ...t,
      versions: t.versions.slice(start).map((v) => ({...v, opIndex: remap(v.opIndex)})),
    };
  });
  const gradFns: GradFnRecord[] = trace.gradFns.map((f) => ({...f, opIndex: remap(f.opIndex)}));
  const {iterations: all, ...rest} = trace;
  return {
    ...rest,
    ops,
    tensors,
    gradFns,
    backwardPasses: pass ? [{...pass, index: 0}] : [],
    // Its summary (what was held when it started) goes with it, as iteration 0.
    ...(all === undefined
      ? {}
      : {iterations: summary ? [{...summary, index: 0, passIndex: pass ? 0 : null}] : []}),
  };
}

/** Whether a session's trace keeps every iteration whole (a long loop's window forgets some). */
export function keepsAll(trace: Trace): boolean {
  return trace.iterations?.every((it) => it.passIndex !== null) ?? true;
}
