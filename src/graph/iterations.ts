/**
 * Iterations: one backward pass is one iteration of a training loop. Iteration i holds what ran
 * after pass i-1 finished up to the end of pass i; the last also holds what ran after it.
 */
import type {BackwardPass, Trace} from '../trace/schema.js';

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

/** How many iterations a trace has: its backward passes, or 1 when it has none. */
export function iterationCount(trace: Trace): number {
  return Math.max(1, trace.backwardPasses.length);
}

/** The records of iteration `index` (clamped to the iterations there are). */
export function iterationOf(trace: Trace, index: number): Iteration {
  const passes = trace.backwardPasses;
  const count = iterationCount(trace);
  const i = Math.min(Math.max(0, Math.trunc(index)), count - 1);
  const from = i === 0 ? -1 : (passes[i - 1] as BackwardPass).endSeq;
  const to = i === count - 1 ? Infinity : (passes[i] as BackwardPass).endSeq;
  const opIndices: number[] = [];
  for (const op of trace.ops) if (op.seq > from && op.seq <= to) opIndices.push(op.index);
  const pass = passes[i] ?? null;
  return {index: i, count, from, to, opIndices, pass, passes: pass ? [pass] : []};
}

/**
 * The whole run as one part: every op and every backward pass (`autograd.grad` calls included),
 * so a script that calls backward several times is one story, `.grad` accumulating across passes.
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
 * also holds what ran after it): records with `startSeq < seq < endSeq`.
 */
export function iterationSpans(trace: Trace): {startSeq: number; endSeq: number}[] {
  const passes = trace.backwardPasses;
  return passes.map((p, i) => ({
    startSeq: i === 0 ? -1 : (passes[i - 1] as BackwardPass).endSeq,
    endSeq: i === passes.length - 1 ? Infinity : p.endSeq,
  }));
}
