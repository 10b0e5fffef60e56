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
import type {Trace} from '../trace/schema.js';
import {iterationKept} from '../graph/iterations.js';
import {checkRerun, clampIteration, rerunOptions, sourceOf} from './rerun.js';
import {traceSource, type TraceSourceOptions} from './trace.js';

export {RerunMismatchError} from './rerun.js';

/** How to record an iteration again. */
export interface IterationOptions extends Omit<TraceSourceOptions, 'window' | 'randomSeed'> {
  /**
   * Record it again even when the trace keeps it: with a larger `valueLimit`, this is how the
   * values of a tensor too large to copy during the first run are shown when a reader asks.
   */
  readonly always?: boolean;
}

/**
 * A trace that keeps iteration `index` of `trace`'s run (clamped to the iterations there are):
 * `trace` itself when it keeps it, else a rerun recording only that one (draw it with
 * `buildGraph(result, {iteration: index})`). Synchronous and as long as the run up to that
 * iteration; the run stage calls it in its worker for the element.
 * @throws Error when the trace has no source to rerun; RerunMismatchError when the rerun differs.
 */
export function traceIteration(trace: Trace, index: number, options: IterationOptions = {}): Trace {
  const i = clampIteration(trace, index);
  if (!options.always && iterationKept(trace, i)) return trace;
  const {always: _always, ...rest} = options;
  const rerun = traceSource(sourceOf(trace, i), rerunOptions(trace, i, rest));
  checkRerun(trace, i, rerun);
  return rerun;
}
