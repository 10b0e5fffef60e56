/**
 * The first half of the pipeline as one call: run a script and record what autograd did into a
 * Trace (script runner + TraceRecorder). Never throws for a script error: the trace keeps it.
 */
import {setMaxElements} from '../autograd/limits.js';
import {runScript} from './script/index.js';
import type {Limits} from './script/index.js';
import {TraceRecorder} from './trace/recorder.js';
import type {Trace} from './trace/schema.js';

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
}

/** Runs `source` and returns the trace of the run (its output, prints and error included). */
export function traceSource(source: string, options: TraceSourceOptions = {}): Trace {
  const filename = options.filename ?? '<string>';
  const recorder = new TraceRecorder({
    source,
    filename,
    ...(options.valueLimit !== undefined ? {valueLimit: options.valueLimit} : {}),
    ...(options.maxOps !== undefined ? {maxOps: options.maxOps} : {}),
  });
  const result = withMaxElements(options.maxElements, () =>
    runScript(source, {
      filename,
      hooks: recorder,
      observer: recorder,
      ...(options.limits ? {limits: options.limits} : {}),
    }),
  );
  const e = result.error;
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
