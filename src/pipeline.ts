/**
 * The first half of the pipeline as one call: run a script and record what autograd did into a
 * Trace (script runner + TraceRecorder). Never throws for a script error: the trace keeps it.
 */
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
  const result = runScript(source, {
    filename,
    hooks: recorder,
    observer: recorder,
    ...(options.limits ? {limits: options.limits} : {}),
  });
  const e = result.error;
  return recorder.finish({
    output: result.output,
    error:
      e === null ? null : {type: e.type, message: e.message, span: e.span, traceback: e.traceback},
  });
}
