/**
 * A script traced once: run it (script runner + TraceRecorder as its hooks and autograd/'s
 * observer) and record what autograd did into a Trace. Everything that runs a script for a picture
 * comes here — `traceSource`, the script worker, the notebook's session — so a run's limits and
 * error are handled in one place. Never throws for a script error: the trace keeps it.
 */
import {setMaxElements} from '../../autograd/limits.js';
import {resetRandomness} from '../../autograd/random.js';
import {runScript, type Limits, type ScriptHooks} from '../script/index.js';
import {TraceRecorder, type Span, type Trace} from '../trace/index.js';
import {defaultWindow, type ValueWindow} from '../trace/window.js';
import {runErrorOf, type RunError} from './errors.js';

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

/**
 * Hooks that see the run before the recorder does (the notebook splits output per cell with
 * them). `assigned` returns true when it took the binding, which the trace then leaves out.
 */
export interface RunListener {
  readonly assigned?: (name: string, value: unknown, span: Span) => boolean;
  readonly printed?: (text: string, span: Span) => void;
}

/** A traced run: the trace, and its error as a RunError (null when the script ran to the end). */
export interface TracedRun {
  readonly trace: Trace;
  readonly error: RunError | null;
}

/** A fresh 53-bit seed for a run that was given none (a decimal integer, as `randomSeed` takes). */
export function freshSeed(): string {
  return String(Math.floor(Math.random() * 2 ** 53));
}

/** Runs `source` and returns the trace of the run (its output, prints and error included). */
export function traceSource(source: string, options: TraceSourceOptions = {}): Trace {
  return traceRun(source, options).trace;
}

/** traceSource, with a listener on the run's bindings and prints, and its error as a RunError. */
export function traceRun(
  source: string,
  options: TraceSourceOptions = {},
  listener: RunListener = {},
): TracedRun {
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
  resetRandomness(BigInt(randomSeed));
  const result = withMaxElements(options.maxElements, () =>
    runScript(source, {
      filename,
      hooks: listened(recorder, listener),
      observer: recorder,
      ...(options.limits ? {limits: options.limits} : {}),
    }),
  );
  // A rerun for one iteration stops once it has it: that is no error of the script.
  const e = recorder.stoppedEarly ? null : result.error;
  const error = e === null ? null : runErrorOf(e);
  const trace = recorder.finish({
    output: result.output,
    error:
      error === null
        ? null
        : {
            type: error.type,
            message: error.message,
            span: error.span,
            traceback: error.traceback,
          },
  });
  return {trace, error};
}

/** The recorder as the script's hooks, with the listener in front of its bindings and prints. */
function listened(recorder: TraceRecorder, listener: RunListener): ScriptHooks {
  const {assigned, printed} = listener;
  if (!assigned && !printed) return recorder;
  // Every hook of the recorder (groups included), bound, so a hook added later is not lost here.
  const hooks: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(TraceRecorder.prototype)) {
    const value: unknown = Reflect.get(recorder, key);
    if (key !== 'constructor' && typeof value === 'function') hooks[key] = value.bind(recorder);
  }
  const bound = hooks as ScriptHooks;
  return {
    ...bound,
    assigned: (name, value, span) => {
      if (!assigned?.(name, value, span)) bound.assigned?.(name, value, span);
    },
    printed: (text, span) => {
      printed?.(text, span);
      bound.printed?.(text, span);
    },
  };
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
