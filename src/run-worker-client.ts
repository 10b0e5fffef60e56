/**
 * traceInWorker: `traceSource` off the main thread, so a long run never freezes the page and can be
 * cancelled. Optionally a script first gets one frame budget on the main thread (most teaching
 * scripts need a few milliseconds, a worker tens to start); one that needs longer is stopped there
 * and run afresh in the worker. The worker's code is inlined into the bundle by Vite (`?worker&inline`, as the layout
 * worker is), so the one-file bundle needs no second file. Where a worker cannot start — no Worker
 * (Node, happy-dom), or a Content Security Policy without `worker-src blob:` — or it fails to load
 * before saying so, the script runs on the main thread instead: the same trace, bounded by the
 * runner's time budget.
 */
import {getMaxElements} from '../autograd/limits.js';
import {traceSource, type TraceSourceOptions} from './pipeline.js';
import {defaultLimits} from './script/index.js';
import RunWorker from './run-worker.js?worker&inline';
import type {BuiltPicture, PictureRequest, RunFailure, RunReply, RunRequest} from './run-worker.js';
import type {Trace} from './trace/schema.js';

export type {BuiltPicture, PictureRequest, RunFailure} from './run-worker.js';

/** How traceInWorker runs. */
export interface WorkerRunControl {
  /** Aborting rejects the promise with the signal's reason and terminates the worker at once. */
  readonly signal?: AbortSignal;
  /**
   * Makes the worker. The default is the inlined worker; pages whose CSP forbids blob: and data:
   * workers can pass one built from a served copy of `run-worker.ts`.
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

/** An error that escaped the runner (not a script error: those are in the trace), as an Error. */
export class RunFailureError extends Error {
  /** Python's exception type where there is one, else the JS error's name. */
  readonly type: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly traceback: string;

  constructor(failure: RunFailure) {
    super(failure.message);
    this.name = 'RunFailureError';
    this.type = failure.type;
    this.line = failure.line;
    this.column = failure.column;
    this.traceback = failure.traceback;
  }
}

/**
 * Keeps one idle script worker between the runs of one owner (an element, a playground): a worker
 * costs tens of milliseconds to start and runs cold code at first. A run that is aborted or fails
 * never gives its worker back; `dispose()` ends the idle one (an element does on disconnection).
 */
export class WorkerSlot {
  private idle: Worker | null = null;

  /** The idle worker, now taken out (null when there is none). */
  take(): Worker | null {
    const worker = this.idle;
    this.idle = null;
    return worker;
  }

  /** Keeps `worker` idle for the next run, ending any worker kept before. */
  keep(worker: Worker): void {
    worker.onmessage = null;
    worker.onerror = null;
    if (this.idle !== worker) this.idle?.terminate();
    this.idle = worker;
  }

  /** Ends the idle worker, if any. */
  dispose(): void {
    this.idle?.terminate();
    this.idle = null;
  }
}

let nextId = 0;

/** The biggest tensor a main-thread first try may make: one op on it stays well inside a frame. */
export const PROBE_MAX_ELEMENTS = 100_000;

/** The run's time budget in milliseconds: the given one when valid, else the runner's default. */
function timeBudgetOf(options: TraceSourceOptions): number {
  const given = options.limits?.timeBudgetMs;
  return typeof given === 'number' && given >= 0 ? given : defaultLimits.timeBudgetMs;
}

/**
 * How long past its time budget a worker may stay silent before it is stopped from outside: the
 * runner checks its budget between statements, so one op that runs for minutes (a huge matmul)
 * would otherwise keep the element busy and a core spinning.
 */
export const WATCHDOG_GRACE_MS = 1000;

/** How long a new worker may take to load before the script runs on the main thread instead. */
const LOAD_DEADLINE_MS = 15_000;

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
 * reason when aborted, or a RunFailureError if the recorder itself failed.
 */
export function traceInWorker(
  source: string,
  options: TraceSourceOptions = {},
  control: WorkerRunControl = {},
): Promise<Trace> {
  return runInWorker(source, options, control).then((run) => run.trace);
}

/** What runInWorker gives: the trace, and the picture when the worker built it (else null). */
export interface WorkerRun {
  readonly trace: Trace;
  readonly picture: BuiltPicture | null;
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
  const {signal} = control;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<WorkerRun>((resolve, reject) => {
    const id = nextId++;
    let worker: Worker | null = null;
    let loaded = false;
    const stopWorker = (): void => {
      if (!worker) return;
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      worker = null;
    };
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    let loadDeadline: ReturnType<typeof setTimeout> | undefined;
    // The watchdog counts from the moment the worker has loaded: starting a cold worker on a busy
    // machine can itself take longer than a small budget, and is not the script's time.
    const armWatchdog = (): void => {
      const budget = timeBudgetOf(options);
      // Past 2^31 - 1 ms a timer fires at once: a budget that large gets no watchdog.
      if (budget + WATCHDOG_GRACE_MS > 0x7fffffff) return;
      watchdog = setTimeout(() => {
        finish();
        const message = `grad-graph stopped the script after its time budget of ${String(budget)} ms (limit timeBudgetMs)`;
        reject(
          new RunFailureError({
            type: 'TimeoutError',
            message,
            line: null,
            column: null,
            traceback: `TimeoutError: ${message}`,
          }),
        );
      }, budget + WATCHDOG_GRACE_MS);
    };
    const finish = (): void => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      clearTimeout(loadDeadline);
      stopWorker();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(abortReason(signal));
    };
    const here = (): void => {
      finish();
      control.onStart?.('main-thread');
      try {
        resolve({trace: traceSource(source, options), picture: null});
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    signal?.addEventListener('abort', onAbort, {once: true});
    // A macrotask first, so a caller can still abort (a newer source, a removed element) before
    // anything starts: an element reconnected many times in a row starts no worker for each.
    const timer = setTimeout(() => {
      const budgetMs = control.mainThreadBudgetMs ?? 0;
      const quick = budgetMs > 0 ? firstTry(source, options, budgetMs) : null;
      if (quick) {
        finish();
        control.onStart?.('main-thread');
        resolve({trace: quick, picture: null});
        return;
      }
      const kept = control.slot?.take() ?? null;
      worker = kept ?? startWorker(control.createWorker);
      if (!worker) {
        here();
        return;
      }
      if (kept) {
        loaded = true;
        control.onStart?.('worker');
      }
      worker.onmessage = (event: MessageEvent<RunReply>) => {
        const reply = event.data;
        if (reply.kind === 'loaded') {
          loaded = true;
          control.onStart?.('worker');
          armWatchdog();
          return;
        }
        if (reply.id !== id) return;
        if (reply.kind === 'done' && control.slot && worker) {
          // It ended well: back to the slot, warm for the next run, instead of terminated.
          control.slot.keep(worker);
          worker = null;
        }
        finish();
        if (reply.kind === 'done') resolve({trace: reply.trace, picture: reply.picture});
        else reject(new RunFailureError(reply.failure));
      };
      worker.onerror = (event: Event) => {
        event.preventDefault();
        // Never loaded (e.g. blocked by CSP after construction): run here instead, losing nothing.
        if (!loaded) {
          here();
          return;
        }
        finish();
        const message = `grad-graph: the script's worker stopped unexpectedly (${
          event instanceof ErrorEvent ? event.message : 'unknown error'
        })`;
        reject(
          new RunFailureError({
            type: 'RuntimeError',
            message,
            line: null,
            column: null,
            traceback: `RuntimeError: ${message}`,
          }),
        );
      };
      const request: RunRequest = {
        id,
        source,
        options,
        ...(control.picture ? {picture: control.picture} : {}),
      };
      worker.postMessage(request);
      if (loaded) armWatchdog();
      // A worker that never says it loaded (nor fails) is given up on: the script runs here.
      loadDeadline = setTimeout(() => {
        if (!loaded) here();
      }, LOAD_DEADLINE_MS);
    }, 0);
  });
}

function startWorker(create?: () => Worker): Worker | null {
  if (!create && typeof Worker === 'undefined') return null;
  try {
    return create ? create() : new RunWorker({name: 'grad-graph script'});
  } catch {
    return null;
  }
}

/** The signal's reason when it is an Error (as AbortController.abort() makes it), else an AbortError. */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The run was aborted.', 'AbortError');
}
