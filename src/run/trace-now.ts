/**
 * traceSource and traceRun as the package's entries export them, for callers that run a script at
 * once (Node, an app calling the runner): every standard module loaded first, from chunks imported
 * statically. The elements' own runs use ./trace.js and load only what a script imports
 * (loadModulesFor) before running it.
 */
import {loadAllStdlibModules} from '../script/index.js';
import * as loading from './trace.js';
import type {RunListener, TracedRun, TraceSourceOptions} from './trace.js';
import type {Trace} from '../trace/index.js';

/** Runs `source` and records its trace (see ./trace.ts), with every module the runner has. */
export function traceSource(source: string, options: TraceSourceOptions = {}): Trace {
  loadAllStdlibModules();
  return loading.traceSource(source, options);
}

/** traceSource, with a listener on the run's bindings and prints, and its error as a RunError. */
export function traceRun(
  source: string,
  options: TraceSourceOptions = {},
  listener: RunListener = {},
): TracedRun {
  loadAllStdlibModules();
  return loading.traceRun(source, options, listener);
}
