/**
 * What recording a forgotten iteration again takes, without the runner: which iteration, the
 * script and options of the rerun (the first run's seed, that iteration only), and the check that
 * the rerun recorded what the first run did. LatestRun uses these on the main thread and runs the
 * rerun in the worker; `traceIteration` (iteration.ts) runs it here and now.
 */
import {decodeNumber} from '../trace/numbers.js';
import type {IterationRecord, Trace} from '../trace/schema.js';
import {iterationCount} from '../graph/iterations.js';
import type {TraceSourceOptions} from './trace.js';

/** The rerun did not retrace the first run (the script reads something that changes, e.g. time). */
export class RerunMismatchError extends Error {
  constructor(index: number, detail: string) {
    super(
      `grad-graph could not record iteration ${index} again: the second run differed from the first (${detail})`,
    );
    this.name = 'RerunMismatchError';
  }
}

/** `index` clamped to the iterations `trace` has. */
export function clampIteration(trace: Trace, index: number): number {
  return Math.min(Math.max(0, Math.trunc(index)), iterationCount(trace) - 1);
}

/**
 * The script to run again for iteration `index` of `trace`.
 * @throws Error when the trace has no source.
 */
export function sourceOf(trace: Trace, index: number): string {
  if (trace.source === null) {
    throw new Error(
      `iteration ${index} of this trace was not kept, and the trace has no script to run again`,
    );
  }
  return trace.source;
}

/**
 * The options of the run that records iteration `index` of `trace` again: the first run's file
 * name and random seed, recording that iteration only (`options` adds the limits).
 */
export function rerunOptions(
  trace: Trace,
  index: number,
  options: Omit<TraceSourceOptions, 'window' | 'randomSeed'> = {},
): TraceSourceOptions {
  return {
    ...options,
    ...(trace.filename !== null ? {filename: trace.filename} : {}),
    ...(trace.randomSeed !== undefined ? {randomSeed: trace.randomSeed} : {}),
    window: {only: index},
  };
}

/**
 * Checks that `rerun` (a run of `rerunOptions(trace, index)`) recorded the same iteration as the
 * first run: its op and step counts and its loss, bit for bit.
 * @throws RerunMismatchError when it did not.
 */
export function checkRerun(trace: Trace, index: number, rerun: Trace): void {
  const want = trace.iterations?.[index];
  if (want === undefined) return;
  const got = rerun.iterations?.[index];
  const stopped = rerun.error;
  if (got === undefined && stopped !== null) {
    // A limit (time, loop count) stopped the rerun first: say so, not that the script differs.
    throw new RerunMismatchError(
      index,
      `it stopped before that iteration: ${stopped.type}: ${stopped.message}`,
    );
  }
  checkSame(index, want, got);
}

/** Refuses a rerun whose iteration does not match the first run's summary of it. */
function checkSame(index: number, want: IterationRecord, got: IterationRecord | undefined): void {
  if (got === undefined) throw new RerunMismatchError(index, 'it ended before that iteration');
  if (got.ops !== want.ops || got.steps !== want.steps) {
    throw new RerunMismatchError(
      index,
      `${got.ops} ops and ${got.steps} steps, not ${want.ops} and ${want.steps}`,
    );
  }
  const same =
    (want.loss === null && got.loss === null) ||
    (want.loss !== null &&
      got.loss !== null &&
      Object.is(decodeNumber(want.loss), decodeNumber(got.loss)));
  if (!same) {
    throw new RerunMismatchError(index, `loss ${String(got.loss)}, not ${String(want.loss)}`);
  }
}
