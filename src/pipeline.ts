/**
 * The first half of the pipeline as one call: run a script and record what autograd did into a
 * Trace (script runner + TraceRecorder). Never throws for a script error: the trace keeps it.
 */
import {setMaxElements} from '../autograd/limits.js';
import {defaultGenerator} from '../autograd/random.js';
import {runScript} from './script/index.js';
import type {Limits} from './script/index.js';
import {TraceRecorder} from './trace/recorder.js';
import type {Trace} from './trace/schema.js';
import {defaultWindow, type ValueWindow} from './trace/window.js';

/** How to run and record a script. */
export interface TraceSourceOptions {
  /** The name tracebacks use (default `<string>`, as CPython's for code without a file). */
  readonly filename?: string;
  /** The runner's limits (steps, recursion, tensor sizes). */
  readonly limits?: Partial<Limits>;
  /** Tensors with more elements keep PyTorch's summary, not every value (default 10,000). */
  readonly valueLimit?: number;
  /** The most ops the trace records before the script is stopped (default 200,000). */
  readonly maxOps?: number;
  /**
   * The most elements one tensor may have (autograd/'s `setMaxElements`, default 50 million), for
   * this run only: the previous limit is restored afterwards, so other runs keep theirs.
   */
  readonly maxElements?: number;
  /**
   * Which iterations (backward passes) the trace keeps whole (default {@link defaultWindow}: the
   * first and the last few); `'all'` keeps every one. The others are listed in `trace.iterations`
   * and recorded again on demand (`traceIteration`).
   */
  readonly window?: ValueWindow | 'all';
  /**
   * The seed the default random generator starts the run with (a decimal integer); default a
   * fresh one, as each run of `python3` has. A rerun passes the trace's `randomSeed`.
   */
  readonly randomSeed?: string;
}

/** A fresh 53-bit seed for a run that was given none. */
function freshSeed(): string {
  return String(Math.floor(Math.random() * 2 ** 53));
}

/** Runs `source` and returns the trace of the run (its output, prints and error included). */
export function traceSource(source: string, options: TraceSourceOptions = {}): Trace {
  const filename = options.filename ?? '<string>';
  const randomSeed = options.randomSeed ?? freshSeed();
  const window = options.window ?? defaultWindow;
  const recorder = new TraceRecorder({
    source,
    filename,
    randomSeed,
    ...(window === 'all' ? {} : {window}),
    ...(options.valueLimit !== undefined ? {valueLimit: options.valueLimit} : {}),
    ...(options.maxOps !== undefined ? {maxOps: options.maxOps} : {}),
  });
  // The same seed gives the same numbers: what lets a forgotten iteration be recorded again.
  defaultGenerator.manualSeed(BigInt(randomSeed));
  const result = withMaxElements(options.maxElements, () =>
    runScript(source, {
      filename,
      hooks: recorder,
      observer: recorder,
      ...(options.limits ? {limits: options.limits} : {}),
    }),
  );
  // A rerun for one iteration stops once it has it: that is no error of the script.
  const e = recorder.stoppedEarly ? null : result.error;
  return recorder.finish({
    output: result.output,
    error:
      e === null ? null : {type: e.type, message: e.message, span: e.span, traceback: e.traceback},
  });
}

/**
 * Runs `run` with autograd/'s per-tensor element cap set to `limit` (when it is a non-negative
 * number), restoring the previous cap afterwards even if `run` throws.
 */
export function withMaxElements<T>(limit: number | undefined, run: () => T): T {
  if (limit === undefined || !(limit >= 0)) return run();
  const previous = setMaxElements(limit);
  try {
    return run();
  } finally {
    setMaxElements(previous);
  }
}
