/**
 * LatestRun: source → trace → picture for one owner (an element), one run at a time. New inputs
 * cancel the run in flight (terminating its worker), a result is only ever taken for the inputs
 * it was started for, so a stale picture never shows, and a new view or direction of the same
 * trace rebuilds only the picture. A script runs on the main thread when it fits in a frame, else
 * in a Web Worker that builds the picture too; a big graph lays out in the layout worker.
 *
 * A training loop's trace keeps a window of its iterations (src/trace/window.ts); asked for one it
 * forgot, LatestRun records it again in the worker (`rerunOptions`: the same seed, that iteration
 * only), checks the rerun against the first run's summary (`checkRerun`) and draws it from the
 * rerun's trace. The last few reruns are kept, so going back and forth costs nothing.
 */
import {iterationCount, iterationKept} from '../graph/iterations.js';
import {validateTrace, type Trace} from '../trace/index.js';
import {WorkerSlot} from './channel.js';
import {runErrorOf, runErrorOfTrace, type RunError} from './errors.js';
import {checkRerun, clampIteration, rerunOptions, sourceOf} from './rerun.js';
import type {Picture, PictureRequest} from './picture.js';
import {pictureStage} from './picture-stage.js';
import {readPrebuilt} from './prebuilt.js';
import type {TraceSourceOptions} from './trace.js';

/**
 * How long a script may run on the main thread before it goes to a worker: under the 50 ms of a
 * long task, so typing and scrolling stay smooth; the seed tutorial takes a few milliseconds.
 */
export const MAIN_THREAD_BUDGET_MS = 30;

let runner: Promise<typeof import('./in-worker.js')> | null = null;

/**
 * The runner (the interpreter, the engine and the script worker's channel), loaded the first time
 * a source is to run: a page that only plays traces never fetches it (a separate chunk wherever
 * the code is split), and an entry that runs scripts calls this early to have it ready. A load
 * that fails (the network, a host that rewrote `import()`) rejects, so the run reports it instead
 * of waiting forever, and the next run tries again.
 */
export function loadRunner(): Promise<typeof import('./in-worker.js')> {
  runner ??= Promise.resolve()
    .then(() => import('./in-worker.js'))
    .catch((e: unknown) => {
      runner = null;
      throw e;
    });
  return runner;
}

/** How many recorded-again iterations a LatestRun keeps (each is about one iteration's records). */
const KEPT_RERUNS = 4;

/**
 * A run longer than this ends its worker instead of keeping it warm: starting a worker costs a
 * tenth of a second, nothing beside a long run, and the worker of a long run holds on to the
 * memory its garbage grew to (about 100 MB after PyTorch's 2,000-step fit, with 11 MB live), which
 * ending it gives back to the tab before the next run or rerun grows its own.
 */
export const KEEP_WARM_MS = 1000;

/**
 * What to show: a trace from outside (untrusted JSON), with pictures of it built ahead of time if
 * there are (untrusted too: ./prebuilt.ts), or a source to run with its options.
 */
export type RunInputs =
  | {readonly trace: unknown; readonly pictures?: unknown}
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
  /**
   * The trace the picture is of (null when none could be made: a malformed trace, a runner that
   * broke): the run's, or for an iteration it forgot, the rerun's that recorded it.
   */
  readonly trace: Trace | null;
  /** How many iterations the whole run has (the rerun's trace lists only those up to its own). */
  readonly iterations: number;
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
  /** Pictures of the trace built ahead of time (at build time by the docs-tool plugins). */
  readonly prebuilt: readonly Picture[];
  /** The run's options (limits), which its reruns keep. */
  readonly options: TraceSourceOptions;
  /** Traces of forgotten iterations recorded again, by index, latest last. */
  readonly reruns: Map<number, Trace>;
}

/** A rerun in flight: which iteration, and how to stop it. */
interface Rerun {
  readonly index: number;
  readonly controller: AbortController;
  readonly done: Promise<RunOutcome | null>;
}

/** The latest run of one owner, and the worker it keeps warm between runs. */
export class LatestRun {
  private traced: Traced | null = null;
  private running: {
    key: unknown;
    optionsKey: string;
    options: TraceSourceOptions;
    controller: AbortController;
  } | null = null;
  private layingOut: AbortController | null = null;
  private rerunning: Rerun | null = null;
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
    if (this.rerunning && this.rerunning.index !== request.iteration) this.stopRerun();
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
    const checked = checkedTrace(inputs.trace);
    const traced: Traced = {
      key,
      optionsKey,
      built: null,
      prebuilt: checked.trace ? checkedPictures(inputs.pictures) : [],
      options: {},
      reruns: new Map(),
      ...checked,
    };
    this.traced = traced;
    return {outcome: this.pictured(traced, request), changed: true};
  }

  /** Runs the source (in a worker past a frame); the owner hears `arrived` when it ends. */
  private start(inputs: SourceInputs, request: PictureRequest): void {
    const controller = new AbortController();
    const started = performance.now();
    const {source, options, optionsKey} = inputs;
    this.running = {key: source, optionsKey, options, controller};
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
          this.coolDown(started);
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

  /** Ends the warm worker after a long run (see {@link KEEP_WARM_MS}). */
  private coolDown(started: number): void {
    if (performance.now() - started > KEEP_WARM_MS) this.slot.dispose();
  }

  private settle(
    controller: AbortController,
    result: Omit<Traced, 'key' | 'optionsKey' | 'options' | 'reruns' | 'prebuilt'>,
  ): void {
    const running = this.running;
    if (controller.signal.aborted || running?.controller !== controller) return;
    this.running = null;
    const {key, optionsKey, options} = running;
    this.traced = {key, optionsKey, options, reruns: new Map(), prebuilt: [], ...result};
    this.arrived();
  }

  /** The picture of a known trace: the worker's when it matches, else built (or laid out) now. */
  private pictured(
    traced: Traced,
    request: PictureRequest,
  ): RunOutcome | Promise<RunOutcome | null> {
    const {trace, error, built} = traced;
    if (!trace) return {trace, iterations: 1, picture: null, error};
    const iterations = iterationCount(trace);
    const wanted =
      request.iteration === undefined
        ? request
        : {...request, iteration: clampIteration(trace, request.iteration)};
    const ready = [built, ...traced.prebuilt].find(
      (p) =>
        p?.view === wanted.view &&
        p.direction === wanted.direction &&
        p.iteration === wanted.iteration,
    );
    if (ready) return {trace, iterations, picture: ready, error};
    const index = wanted.iteration;
    if (index !== undefined && !iterationKept(trace, index)) {
      const rerun = traced.reruns.get(index);
      if (!rerun) return this.rerun(traced, trace, index, wanted);
      // Latest last: the map's order is which reruns to forget first.
      traced.reruns.delete(index);
      traced.reruns.set(index, rerun);
      return this.pictureOf(rerun, iterations, wanted, error);
    }
    return this.pictureOf(trace, iterations, wanted, error);
  }

  /** The picture of `trace` (the run's or a rerun's), built now or laid out in the layout worker. */
  private pictureOf(
    trace: Trace,
    iterations: number,
    request: PictureRequest,
    error: RunError | null,
  ): RunOutcome | Promise<RunOutcome | null> {
    const controller = new AbortController();
    const stage = pictureStage();
    if (stage instanceof Promise) {
      // The picture stage's chunk is on its way (a page that played only prebuilt pictures).
      this.layingOut = controller;
      return stage.then(
        (): RunOutcome | Promise<RunOutcome | null> | null => {
          if (controller.signal.aborted) return null;
          this.layingOut = null;
          return this.pictureOf(trace, iterations, request, error);
        },
        (e: unknown): RunOutcome | null => {
          if (controller.signal.aborted) return null;
          this.layingOut = null;
          return {trace, iterations, picture: null, error: runErrorOf(e)};
        },
      );
    }
    let picture: Picture | Promise<Picture>;
    try {
      picture = stage.pictureOf(trace, request, controller.signal);
    } catch (e) {
      return {trace, iterations, picture: null, error: runErrorOf(e)};
    }
    if (!(picture instanceof Promise)) return {trace, iterations, picture, error};
    // A big graph lays out off the main thread; its outcome arrives later (never, if aborted).
    this.layingOut = controller;
    return picture.then(
      (p): RunOutcome | null => {
        if (controller.signal.aborted) return null;
        this.layingOut = null;
        return {trace, iterations, picture: p, error};
      },
      (e: unknown): RunOutcome | null => {
        if (controller.signal.aborted) return null;
        this.layingOut = null;
        return {trace, iterations, picture: null, error: runErrorOf(e)};
      },
    );
  }

  /**
   * Records iteration `index` of `trace` again, in the worker (a long run never blocks the page),
   * with its picture; resolves with the outcome (null if stopped). A rerun that differs from the
   * first run, or fails, is the outcome's error.
   */
  private rerun(
    traced: Traced,
    trace: Trace,
    index: number,
    request: PictureRequest,
  ): Promise<RunOutcome | null> {
    if (this.rerunning?.index === index) return this.rerunning.done;
    this.stopRerun();
    const iterations = iterationCount(trace);
    const controller = new AbortController();
    const failed = (e: unknown): RunOutcome | null =>
      controller.signal.aborted ? null : {trace, iterations, picture: null, error: runErrorOf(e)};
    let source: string;
    try {
      source = sourceOf(trace, index);
    } catch (e) {
      return Promise.resolve(failed(e));
    }
    const {limits, maxElements, valueLimit, maxOps} = traced.options;
    const options = rerunOptions(trace, index, {
      ...(limits ? {limits} : {}),
      ...(maxElements !== undefined ? {maxElements} : {}),
      ...(valueLimit !== undefined ? {valueLimit} : {}),
      ...(maxOps !== undefined ? {maxOps} : {}),
    });
    const started = performance.now();
    const done = loadRunner()
      .then(({runInWorker}) =>
        runInWorker(source, options, {
          signal: controller.signal,
          mainThreadBudgetMs: MAIN_THREAD_BUDGET_MS,
          slot: this.slot,
          picture: request,
        }),
      )
      .then((run): RunOutcome | null | Promise<RunOutcome | null> => {
        this.coolDown(started);
        if (controller.signal.aborted) return null;
        this.rerunning = null;
        checkRerun(trace, index, run.trace);
        const stopped = runErrorOfTrace(run.trace);
        if (stopped) return {trace, iterations, picture: null, error: stopped};
        traced.reruns.set(index, run.trace);
        for (const old of traced.reruns.keys()) {
          if (traced.reruns.size <= KEPT_RERUNS) break;
          traced.reruns.delete(old);
        }
        const built = run.picture;
        if (built?.iteration === index && built.view === request.view) {
          return {trace: run.trace, iterations, picture: built, error: traced.error};
        }
        return this.pictureOf(run.trace, iterations, request, traced.error);
      }, failed);
    const settled = done.catch((e: unknown) => {
      this.rerunning = null;
      return failed(e);
    });
    this.rerunning = {index, controller, done: settled};
    return settled;
  }

  /** Stops the rerun in flight, if any. */
  private stopRerun(): void {
    this.rerunning?.controller.abort();
    this.rerunning = null;
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
    this.stopRerun();
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
    return this.running !== null || this.layingOut !== null || this.rerunning !== null;
  }

  /** The source running, or last run: the code panel shows it while its picture is on its way. */
  get source(): string | null {
    const key = this.running?.key ?? this.traced?.key;
    return typeof key === 'string' ? key : null;
  }
}

/**
 * Pictures from outside, checked: the valid ones (none when absent); pictures that are not valid
 * are left out with a warning, and the page builds them itself from the trace.
 */
function checkedPictures(value: unknown): readonly Picture[] {
  if (value === undefined || value === null) return [];
  try {
    return readPrebuilt(value);
  } catch (e) {
    console.warn('[grad-graph] ignoring pictures built ahead that are not valid:', e);
    return [];
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
