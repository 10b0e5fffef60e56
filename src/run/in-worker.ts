/**
 * traceInWorker: `traceSource` off the main thread, over the run's worker channel, so a long run
 * never freezes the page and can be cancelled. Optionally a script first gets one frame budget on
 * the main thread (most teaching scripts need a few milliseconds, a worker tens to start); one
 * that needs longer is stopped there and run afresh in the worker. Where no worker can start or
 * load, the script runs on the main thread instead: the same trace, bounded by the runner's time
 * budget.
 */
import {getMaxElements} from '../../autograd/limits.js';
import {defaultLimits, loadModulesFor, loadNameLists, nameListsMissed} from '../script/index.js';
import type {Trace} from '../trace/index.js';
import {callWorker, WorkerSlot} from './channel.js';
import {runError, runErrorOf} from './errors.js';
import type {PictureRequest} from './picture.js';
import {
  runScriptPayload,
  serveScripts,
  type ScriptPayload,
  type WorkerRun,
} from './script-worker.js';
import {startScriptWorker} from './script-worker-start.js';
import {traceSource, type TraceSourceOptions} from './trace.js';

// In the one-file bundle this module is the script worker's code too (script-worker-start-self.ts:
// the worker imports the bundle by its URL), and there this answers the page's requests.
serveScripts();

export type {WorkerRun} from './script-worker.js';
export {WorkerSlot};

/** How traceInWorker runs. */
export interface WorkerRunControl {
  /** Aborting rejects the promise with the signal's reason and terminates the worker at once. */
  readonly signal?: AbortSignal;
  /**
   * Makes the worker. The default is a module worker of the runner's own worker file
   * (script-worker-start.ts: emitted by an app's bundler, or dist/lib/script-worker.js; in the
   * one-file bundle, the bundle itself through a blob: URL); a page can pass its own.
   */
  readonly createWorker?: () => Worker;
  /**
   * Try the script on the main thread first for at most this many milliseconds (a frame budget),
   * with tensors of at most PROBE_MAX_ELEMENTS elements; only a script that needs more goes to a
   * worker, started afresh there under the full limits. Most teaching scripts finish well inside
   * a frame, and a worker costs tens of milliseconds to start. Default 0: always a worker.
   */
  readonly mainThreadBudgetMs?: number;
  /**
   * Where to take a warm worker from and give it back after a run that ended well, so the next
   * long run skips the worker's start and runs on warm code (see WorkerSlot). Without one, each
   * run's worker is terminated when it ends.
   */
  readonly slot?: WorkerSlot;
  /**
   * Also build this picture (graph, timeline, layout) in the worker, for scripts that go there:
   * a big graph then costs the main thread only its drawing.
   */
  readonly picture?: PictureRequest;
  /** Called with where the run happened, once that is known (for tests and benchmarks). */
  readonly onStart?: (where: 'worker' | 'main-thread') => void;
}

/** The biggest tensor a main-thread first try may make: one op on it stays well inside a frame. */
export const PROBE_MAX_ELEMENTS = 100_000;

/**
 * How long past its time budget a worker may stay silent before it is stopped from outside: the
 * runner checks its budget between statements, so one op that runs for minutes (a huge matmul)
 * would otherwise keep the element busy and a core spinning.
 */
export const WATCHDOG_GRACE_MS = 1000;

/** The run's time budget in milliseconds: the given one when valid, else the runner's default. */
function timeBudgetOf(options: TraceSourceOptions): number {
  const given = options.limits?.timeBudgetMs;
  return typeof given === 'number' && given >= 0 ? given : defaultLimits.timeBudgetMs;
}

/**
 * The longest source given a first try on the main thread. The budget is checked between
 * statements, after the parse: a 2,500-line script (49 KB) took 90–350 ms to parse in Chromium
 * and Node on a loaded machine, a long task before its first statement; 8,000 characters (about
 * 300 lines, ten times a tutorial cell) parse in a few milliseconds.
 */
export const FIRST_TRY_MAX_CHARS = 8000;

/**
 * Runs `source` on the main thread with the time budget cut to `budgetMs` and tensors capped at
 * PROBE_MAX_ELEMENTS. Returns its trace when that answer is the script's own; null when the script
 * needs the worker: it was stopped by one of the cuts (a TimeoutError, or the RuntimeError naming
 * the cut's element cap). Any other error happened before a cut could matter — scripts are
 * deterministic and the subset has no try/except to catch a limit — so it stands.
 */
function firstTry(source: string, options: TraceSourceOptions, budgetMs: number): Trace | null {
  const budget = timeBudgetOf(options);
  const elements =
    typeof options.maxElements === 'number' && options.maxElements >= 0
      ? options.maxElements
      : getMaxElements();
  const missed = nameListsMissed();
  let trace: Trace;
  try {
    trace = traceSource(source, {
      ...options,
      limits: {...options.limits, timeBudgetMs: Math.min(budget, budgetMs)},
      maxElements: Math.min(elements, PROBE_MAX_ELEMENTS),
    });
  } catch {
    return null;
  }
  // It read the name lists (an error's hint, dir()) before they loaded: the worker has them.
  if (nameListsMissed() !== missed) return null;
  const error = trace.error;
  if (!error) return trace;
  const outOfTime = error.type === 'TimeoutError' && budgetMs < budget;
  const outOfElements =
    PROBE_MAX_ELEMENTS < elements &&
    (error.type === 'RuntimeError' || error.type === 'MemoryError') &&
    error.message.includes(String(PROBE_MAX_ELEMENTS));
  return outOfTime || outOfElements ? null : trace;
}

/**
 * Runs `source` and records its trace in a Web Worker (falling back to the main thread), cancellably.
 * Resolves with the trace (script errors and printed output inside it); rejects with the signal's
 * reason when aborted, or a RunError if the recorder itself failed.
 */
export function traceInWorker(
  source: string,
  options: TraceSourceOptions = {},
  control: WorkerRunControl = {},
): Promise<Trace> {
  return runInWorker(source, options, control).then((run) => run.trace);
}

/**
 * traceInWorker, with the picture `control.picture` asks for built in the worker too when the
 * script runs there (null when it ran on the main thread, or the build failed).
 */
export function runInWorker(
  source: string,
  options: TraceSourceOptions = {},
  control: WorkerRunControl = {},
): Promise<WorkerRun> {
  const budget = timeBudgetOf(options);
  const budgetMs = control.mainThreadBudgetMs ?? 0;
  const payload: ScriptPayload = {
    source,
    options,
    ...(control.picture ? {picture: control.picture} : {}),
  };
  // The modules the script imports load first (chunks of their own); the run itself is synchronous.
  return whenLoaded(source, control.signal).then(() =>
    callWorker<ScriptPayload, WorkerRun>({
      payload,
      start: () => control.createWorker?.() ?? startScriptWorker(),
      fallback: () => runHere({source, options}),
      firstTry: () => {
        // A script that finishes within a frame on the main thread needs no worker at all; a
        // source too long to even parse within one goes to the worker straight away.
        const trace =
          budgetMs > 0 && source.length <= FIRST_TRY_MAX_CHARS
            ? firstTry(source, options, budgetMs)
            : null;
        return trace ? {trace, picture: null} : null;
      },
      signal: control.signal,
      slot: control.slot,
      watchdogMs: budget + WATCHDOG_GRACE_MS,
      timeout: () =>
        runError(
          'TimeoutError',
          `grad-graph stopped the script after its time budget of ${String(budget)} ms (limit timeBudgetMs)`,
        ),
      onStart: control.onStart,
    }),
  );
}

/**
 * The run on the main thread, where no worker starts: run again once the name lists have loaded
 * if it read them before (../script/name-lists.ts).
 */
function runHere(payload: ScriptPayload): WorkerRun | Promise<WorkerRun> {
  const missed = nameListsMissed();
  const run = runScriptPayload(payload);
  if (nameListsMissed() === missed) return run;
  return loadNameLists().then(() => runScriptPayload(payload));
}

/**
 * Resolves when the runner's chunks `source` imports have loaded; rejects with the signal's
 * reason if it is aborted first, or with a RunError if a chunk cannot load.
 */
function whenLoaded(source: string, signal: AbortSignal | undefined): Promise<void> {
  const loading = loadModulesFor(source).catch((e: unknown) => {
    throw runError(
      'ImportError',
      `grad-graph could not load a module the script imports: ${e instanceof Error ? e.message : String(e)}`,
    );
  });
  if (!signal) return loading;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const aborted = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', aborted, {once: true});
    loading.then(
      () => {
        signal.removeEventListener('abort', aborted);
        resolve();
      },
      (e: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(runErrorOf(e));
      },
    );
  });
}
