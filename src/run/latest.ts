/**
 * LatestRun: source → trace → picture for one owner (an element), one run at a time. New inputs
 * cancel the run in flight (terminating its worker), a result is only ever taken for the inputs
 * it was started for, so a stale picture never shows, and a new view or direction of the same
 * trace rebuilds only the picture. A script runs on the main thread when it fits in a frame, else
 * in a Web Worker that builds the picture too; a big graph lays out in the layout worker.
 */
import {validateTrace, type Trace} from '../trace/index.js';
import {WorkerSlot} from './channel.js';
import {runErrorOf, runErrorOfTrace, type RunError} from './errors.js';
import {pictureOf} from './layout.js';
import type {Picture, PictureRequest} from './picture.js';
import type {TraceSourceOptions} from './trace.js';
import * as inWorker from './in-worker.js';

/**
 * How long a script may run on the main thread before it goes to a worker: under the 50 ms of a
 * long task, so typing and scrolling stay smooth; the seed tutorial takes a few milliseconds.
 */
export const MAIN_THREAD_BUDGET_MS = 30;

let runner: Promise<typeof import('./in-worker.js')> | null = null;

/**
 * The runner (the interpreter, the engine and the script worker's channel). It is imported
 * statically for now: loaded by a dynamic import, it never arrived in pages served by the test
 * runner's dev server (the CSP, no-worker and lifecycle fixture pages hung "Building the graph…"),
 * so the viewer entry still carries the runner; the API stays a promise for when it can be lazy.
 */
export function loadRunner(): Promise<typeof import('./in-worker.js')> {
  runner ??= Promise.resolve(inWorker);
  return runner;
}

/** What to show: a trace from outside (untrusted JSON), or a source to run with its options. */
export type RunInputs =
  | {readonly trace: unknown}
  | {
      readonly source: string;
      readonly options: TraceSourceOptions;
      /** A key that changes when the options do (a new key runs the source again). */
      readonly optionsKey: string;
    };

/** Inputs with a source to run. */
type SourceInputs = Extract<RunInputs, {readonly source: string}>;

/** What a run came to: its trace, its picture, and how it failed (each null when there is none). */
export interface RunOutcome {
  /** The trace (null when none could be made: a malformed trace, a runner that broke). */
  readonly trace: Trace | null;
  /** The picture of the trace for the request (null when it could not be built). */
  readonly picture: Picture | null;
  /** The script's error (the picture shows what ran before it), or why there is no picture. */
  readonly error: RunError | null;
}

interface Traced {
  readonly key: unknown;
  readonly optionsKey: string;
  readonly trace: Trace | null;
  readonly error: RunError | null;
  /** The picture the worker built along with the trace, if it did. */
  readonly built: Picture | null;
}

/** The latest run of one owner, and the worker it keeps warm between runs. */
export class LatestRun {
  private traced: Traced | null = null;
  private running: {key: unknown; optionsKey: string; controller: AbortController} | null = null;
  private layingOut: AbortController | null = null;
  private readonly slot = new WorkerSlot();

  /** @param arrived Called when a result that was on its way has arrived (ask `show` again). */
  constructor(private readonly arrived: () => void) {}

  /**
   * The outcome for `inputs` and `request`: at once when the trace is known and the graph small,
   * a promise while a big graph lays out (null if superseded), null while the run is on its way
   * (`arrived` is called, then `show` gives it). `changed` is true when the inputs are new.
   */
  show(
    inputs: RunInputs,
    request: PictureRequest,
  ): {outcome: RunOutcome | Promise<RunOutcome | null> | null; changed: boolean} {
    this.stopLayout();
    const key = 'trace' in inputs ? inputs.trace : inputs.source;
    const optionsKey = 'trace' in inputs ? '' : inputs.optionsKey;
    const same = (a: {key: unknown; optionsKey: string} | null): boolean =>
      a !== null && a.key === key && a.optionsKey === optionsKey;
    if (this.running && !same(this.running)) this.cancel();
    if (this.running) return {outcome: null, changed: false};
    if (same(this.traced) && this.traced) {
      return {outcome: this.pictured(this.traced, request), changed: false};
    }
    this.traced = null;
    if (!('trace' in inputs)) {
      this.start(inputs, request);
      return {outcome: null, changed: true};
    }
    // A trace property is untrusted JSON: validated before anything reads it (found by the
    // robustness tests: a bad one threw raw TypeErrors or overflowed the stack).
    const traced: Traced = {key, optionsKey, built: null, ...checkedTrace(inputs.trace)};
    this.traced = traced;
    return {outcome: this.pictured(traced, request), changed: true};
  }

  /** Runs the source (in a worker past a frame); the owner hears `arrived` when it ends. */
  private start(inputs: SourceInputs, request: PictureRequest): void {
    const controller = new AbortController();
    const {source, options, optionsKey} = inputs;
    this.running = {key: source, optionsKey, controller};
    const {signal} = controller;
    loadRunner()
      .then(({runInWorker}) =>
        runInWorker(source, options, {
          signal,
          mainThreadBudgetMs: MAIN_THREAD_BUDGET_MS,
          slot: this.slot,
          picture: request,
        }),
      )
      .then(
        (run) => {
          this.settle(controller, {
            trace: run.trace,
            error: runErrorOfTrace(run.trace),
            built: run.picture,
          });
        },
        (e: unknown) => {
          this.settle(controller, {trace: null, error: runErrorOf(e), built: null});
        },
      );
  }

  private settle(controller: AbortController, result: Omit<Traced, 'key' | 'optionsKey'>): void {
    const running = this.running;
    if (controller.signal.aborted || running?.controller !== controller) return;
    this.running = null;
    this.traced = {key: running.key, optionsKey: running.optionsKey, ...result};
    this.arrived();
  }

  /** The picture of a known trace: the worker's when it matches, else built (or laid out) now. */
  private pictured(
    traced: Traced,
    request: PictureRequest,
  ): RunOutcome | Promise<RunOutcome | null> {
    const {trace, error, built} = traced;
    if (!trace) return {trace, picture: null, error};
    if (built?.view === request.view && built.direction === request.direction) {
      return {trace, picture: built, error};
    }
    const controller = new AbortController();
    let picture: Picture | Promise<Picture>;
    try {
      picture = pictureOf(trace, request, controller.signal);
    } catch (e) {
      return {trace, picture: null, error: runErrorOf(e)};
    }
    if (!(picture instanceof Promise)) return {trace, picture, error};
    // A big graph lays out off the main thread; its outcome arrives later (never, if aborted).
    this.layingOut = controller;
    return picture.then(
      (p): RunOutcome | null => {
        if (controller.signal.aborted) return null;
        this.layingOut = null;
        return {trace, picture: p, error};
      },
      (e: unknown): RunOutcome | null => {
        if (controller.signal.aborted) return null;
        this.layingOut = null;
        return {trace, picture: null, error: runErrorOf(e)};
      },
    );
  }

  /** Stops the layout in flight, if any. */
  private stopLayout(): void {
    this.layingOut?.abort();
    this.layingOut = null;
  }

  /** Stops the run and the layout in flight, if any (the next `show` runs again). */
  cancel(): void {
    this.running?.controller.abort();
    this.running = null;
    if (this.layingOut) {
      this.stopLayout();
      // Its picture was never shown: the next `show` builds it again.
      this.traced = this.traced && {...this.traced, built: null};
    }
  }

  /** Stops what is in flight and ends the warm worker: nothing of the runs is left running. */
  dispose(): void {
    this.cancel();
    this.slot.dispose();
  }

  /** True while a run or a big layout is in flight. */
  get busy(): boolean {
    return this.running !== null || this.layingOut !== null;
  }

  /** The source running, or last run: the code panel shows it while its picture is on its way. */
  get source(): string | null {
    const key = this.running?.key ?? this.traced?.key;
    return typeof key === 'string' ? key : null;
  }
}

/** A trace from outside, validated: malformed or hostile JSON becomes a clear RunError. */
function checkedTrace(value: unknown): {trace: Trace | null; error: RunError | null} {
  try {
    const trace = validateTrace(value);
    return {trace, error: runErrorOfTrace(trace)};
  } catch (e) {
    return {trace: null, error: runErrorOf(e)};
  }
}
