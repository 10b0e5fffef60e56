/**
 * The script worker: runs `traceSource` off the main thread, over the run's worker channel (see
 * channel.ts), and builds the picture asked for next to the trace, so a big graph costs the main
 * thread only its drawing. It answers each `{id, source, options, picture?}` with
 * `{trace, picture}` (the trace is plain JSON, schema v1, with the printed output and the script's
 * Python-style error inside; the picture is null when none was asked for or building it failed),
 * or the RunError of a recorder that threw.
 *
 * The worker runs the runner's own code (module-worker.ts): in-worker.ts, which the page loaded to
 * run scripts, calls `serveScripts` when it loads, and that answers requests only inside a worker.
 */
import {loadModulesFor, loadNameLists} from '../script/index.js';
import type {Trace} from '../trace/index.js';
import {serve} from './channel.js';
import {buildPicture, type Picture, type PictureRequest} from './picture.js';
import {traceSource, type TraceSourceOptions} from './trace.js';

/** The script worker's name (in the browser's task manager and devtools). */
export const SCRIPT_WORKER_NAME = 'grad-graph script';

/** What the script worker is asked (the channel adds the id). */
export interface ScriptPayload {
  readonly source: string;
  readonly options: TraceSourceOptions;
  /** Also build this picture of the trace. */
  readonly picture?: PictureRequest;
}

/** What the script worker answers: the trace, and the picture when it built one. */
export interface WorkerRun {
  readonly trace: Trace;
  readonly picture: Picture | null;
}

/** The trace and, if asked, its picture (null if building it fails: the page builds it again and reports that). */
export function runScriptPayload({source, options, picture}: ScriptPayload): WorkerRun {
  const trace = traceSource(source, options);
  let built: Picture | null = null;
  if (picture) {
    try {
      built = buildPicture(trace, picture);
    } catch {
      built = null;
    }
  }
  return {trace, picture: built};
}

/**
 * Inside a worker, answers the channel's requests with runScriptPayload, once the modules the
 * script imports and the name lists of errors' hints have loaded; elsewhere does nothing.
 */
export function serveScripts(): void {
  serve<ScriptPayload>(runScriptPayload, ({source}) =>
    Promise.all([loadModulesFor(source), loadNameLists()]).then(() => undefined),
  );
}
