/**
 * traceIteration: the records of any iteration of a run, including those its trace forgot.
 *
 * A trace of a long training loop keeps a window of iterations whole (`src/trace/window.ts`); any
 * other is recorded again by running the script once more from the start, recording nothing until
 * that iteration and stopping as soon as it ends. The rerun starts the default random generator
 * from the trace's `randomSeed`, so it draws the same numbers, and the engine computes the same
 * float32 bits, so every value equals the first run's bit for bit; the rerun's summary of the
 * iteration (op and step counts, loss) is checked against the trace's to make sure of it.
 */
import {decodeNumber} from '../trace/numbers.js';
import type {IterationRecord, Trace} from '../trace/schema.js';
import {iterationCount, iterationKept} from '../graph/iterations.js';
import {traceSource, type TraceSourceOptions} from './trace.js';

/** How to record an iteration again. */
export interface IterationOptions extends Omit<TraceSourceOptions, 'window' | 'randomSeed'> {
  /**
   * Record it again even when the trace keeps it: with a larger `valueLimit`, this is how the
   * values of a tensor too large to copy during the first run are shown when a reader asks.
   */
  readonly always?: boolean;
}

/** The rerun did not retrace the first run (the script reads something that changes, e.g. time). */
export class RerunMismatchError extends Error {
  constructor(index: number, detail: string) {
    super(
      `grad-graph could not record iteration ${index} again: the second run differed from the first (${detail})`,
    );
    this.name = 'RerunMismatchError';
  }
}

/**
 * A trace that keeps iteration `index` of `trace`'s run (clamped to the iterations there are):
 * `trace` itself when it keeps it, else a rerun recording only that one (draw it with
 * `buildGraph(result, {iteration: index})`). Synchronous and as long as the run up to that
 * iteration; the run stage calls it in its worker for the element.
 * @throws Error when the trace has no source to rerun; RerunMismatchError when the rerun differs.
 */
export function traceIteration(trace: Trace, index: number, options: IterationOptions = {}): Trace {
  const i = Math.min(Math.max(0, Math.trunc(index)), iterationCount(trace) - 1);
  if (!options.always && iterationKept(trace, i)) return trace;
  if (trace.source === null) {
    throw new Error(
      `iteration ${i} of this trace was not kept, and the trace has no script to run again`,
    );
  }
  const {always: _always, ...rest} = options;
  const rerun = traceSource(trace.source, {
    ...rest,
    ...(trace.filename !== null ? {filename: trace.filename} : {}),
    ...(trace.randomSeed !== undefined ? {randomSeed: trace.randomSeed} : {}),
    window: {only: i},
  });
  const want = trace.iterations?.[i];
  const got = rerun.iterations?.[i];
  if (want !== undefined) checkSame(i, want, got);
  return rerun;
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
