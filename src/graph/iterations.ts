/**
 * Iterations: one backward pass is one iteration of a training loop. Iteration i holds what ran
 * after pass i-1 finished up to the end of pass i; the last also holds what ran after it.
 *
 * A trace of a long loop keeps only a window of iterations whole (`Trace.iterations` lists them
 * all, kept or not): {@link iterationKept} says whether iteration i can be drawn from this trace,
 * or must first be recorded again (`traceIteration` in the run stage). Everything the picture
 * stage reads of an iteration comes through {@link iterationOf}.
 */
import type {BackwardPass, EncodedNumber, Trace} from '../trace/schema.js';

/** The part of a trace one graph shows. */
export interface Iteration {
  readonly index: number;
  /** How many iterations the trace has (at least 1). */
  readonly count: number;
  /** Records with `from < seq <= to` belong to it (`to` is Infinity for the last). */
  readonly from: number;
  readonly to: number;
  /** Indices into `trace.ops`, in program order. */
  readonly opIndices: readonly number[];
  /** The backward pass that ends it, if any (the whole run: its first pass). */
  readonly pass: BackwardPass | null;
  /** Every backward pass it holds, in the order they ran (one iteration holds at most one). */
  readonly passes: readonly BackwardPass[];
  /** True for the whole run (every op and every pass), see {@link wholeRun}. */
  readonly whole?: boolean;
}

/** What the timeline knows of every iteration, kept or not: enough for an iteration list and a loss curve. */
export interface IterationSummary {
  readonly index: number;
  /** Whether this trace holds its records (else it must be recorded again to be drawn). */
  readonly kept: boolean;
  /** How many ops it ran and how many engine steps its backward pass ran. */
  readonly ops: number;
  readonly steps: number;
  /** Its pass's root value when that is one element (the loss), else null. */
  readonly loss: EncodedNumber | null;
}

/** How many iterations a trace has: its backward passes, or 1 when it has none. */
export function iterationCount(trace: Trace): number {
  return Math.max(1, trace.iterations?.length ?? trace.backwardPasses.length);
}

/** Whether the trace holds the records of iteration `index` (clamped), so it can be drawn from it. */
export function iterationKept(trace: Trace, index: number): boolean {
  const list = trace.iterations;
  if (list === undefined) return true;
  const i = clamp(trace, index);
  // The iteration still running when the trace ended (after the last pass) is always kept.
  return i >= list.length || list[i]?.passIndex !== null;
}

/** Every iteration of the run, in order, whether or not this trace keeps it. */
export function iterationSummaries(trace: Trace): IterationSummary[] {
  const list = trace.iterations;
  if (list !== undefined) {
    return list.map((r) => ({
      index: r.index,
      kept: r.passIndex !== null,
      ops: r.ops,
      steps: r.steps,
      loss: r.loss,
    }));
  }
  return trace.backwardPasses.map((p, index) => {
    const from = index === 0 ? -1 : (trace.backwardPasses[index - 1] as BackwardPass).endSeq;
    const root = trace.tensors.find((t) => t.id === p.roots[0]);
    const values = root?.versions.filter((v) => v.seq <= p.seq).at(-1)?.data.values ?? null;
    return {
      index,
      kept: true,
      ops: trace.ops.filter((o) => o.seq > from && o.seq <= p.endSeq).length,
      steps: p.steps.length,
      loss: values?.length === 1 ? (values[0] as EncodedNumber) : null,
    };
  });
}

/** The records of iteration `index` (clamped to the iterations there are). */
export function iterationOf(trace: Trace, index: number): Iteration {
  const count = iterationCount(trace);
  const i = clamp(trace, index);
  const list = trace.iterations;
  let from: number;
  let to: number;
  let pass: BackwardPass | null;
  if (list !== undefined) {
    from = i === 0 ? -1 : (list[i - 1]?.endSeq ?? -1);
    to = i === count - 1 ? Infinity : (list[i]?.endSeq ?? Infinity);
    const at = list[i]?.passIndex ?? null;
    pass = at === null ? null : (trace.backwardPasses[at] ?? null);
  } else {
    const passes = trace.backwardPasses;
    from = i === 0 ? -1 : (passes[i - 1] as BackwardPass).endSeq;
    to = i === count - 1 ? Infinity : (passes[i] as BackwardPass).endSeq;
    pass = passes[i] ?? null;
  }
  const opIndices: number[] = [];
  for (const op of trace.ops) if (op.seq > from && op.seq <= to) opIndices.push(op.index);
  return {index: i, count, from, to, opIndices, pass, passes: pass ? [pass] : []};
}

/**
 * The whole run as one part: every op and every backward pass (`autograd.grad` calls included),
 * so a script that calls backward several times is one story, `.grad` accumulating across passes.
 * (Of a windowed trace: every op and pass it keeps.)
 */
export function wholeRun(trace: Trace): Iteration {
  const passes = trace.backwardPasses;
  return {
    index: 0,
    count: 1,
    from: -1,
    to: Infinity,
    opIndices: trace.ops.map((op) => op.index),
    pass: passes[0] ?? null,
    passes,
    whole: true,
  };
}

/**
 * The seq spans of the run's iterations, what ran after pass i-1 up to the end of pass i (the last
 * also holds what ran after it): records with `startSeq < seq < endSeq`. A windowed trace lists
 * every iteration, kept or not.
 */
export function iterationSpans(trace: Trace): {startSeq: number; endSeq: number}[] {
  const ends = (trace.iterations ?? trace.backwardPasses).map((r) => r.endSeq);
  return ends.map((end, i) => ({
    startSeq: i === 0 ? -1 : (ends[i - 1] as number),
    endSeq: i === ends.length - 1 ? Infinity : end,
  }));
}

function clamp(trace: Trace, index: number): number {
  return Math.min(Math.max(0, Math.trunc(index)), iterationCount(trace) - 1);
}
