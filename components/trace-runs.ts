/**
 * Where `<grad-graph>`'s trace comes from: the `trace` property (validated), or its source run
 * under its limits — on the main thread when it fits in a frame, else in a Web Worker. One run at a
 * time: new inputs cancel the run in flight (terminating its worker), and a result is only ever
 * taken for the inputs it was started for, so a stale picture never shows.
 */
import {WorkerSlot, type PictureRequest} from '../src/run-worker-client.js';
import type {Trace} from '../src/trace/index.js';
import type {RunLimits} from './limits.js';
import {checkedTraceOf, traceOf, type Traced} from './picture.js';

/** What the element shows: a trace from outside, or a source to run under limits. */
export type TraceRequest =
  | {readonly trace: Trace}
  | {
      readonly source: string;
      readonly limits: RunLimits;
      /** The picture the worker should build too, if the script goes there. */
      readonly picture?: PictureRequest;
    };

interface Inputs {
  /** The trace object or the source text. */
  readonly key: unknown;
  /** The limits' key ('' for a trace). */
  readonly limits: string;
}

/** The element's traces, one request at a time. */
export class TraceRuns {
  private traced: (Inputs & Traced) | null = null;
  private running: (Inputs & {readonly controller: AbortController}) | null = null;
  /** The worker kept warm between runs (ended by `dispose`). */
  private readonly slot = new WorkerSlot();

  /** @param arrived Called when a run's result has arrived (take it with `take`). */
  constructor(private readonly arrived: () => void) {}

  /**
   * The trace for `request`: at once for a trace or a source already run, null while its run is
   * in flight (started now if the inputs are new). `changed` is true when the inputs differ from
   * the last ones, so the caller forgets what it showed for them.
   */
  take(request: TraceRequest): {traced: Traced | null; changed: boolean} {
    const inputs: Inputs =
      'trace' in request
        ? {key: request.trace, limits: ''}
        : {key: request.source, limits: request.limits.key};
    const same = (a: Inputs | null) =>
      a !== null && a.key === inputs.key && a.limits === inputs.limits;
    if (this.running && !same(this.running)) this.cancel();
    if (this.running) return {traced: null, changed: false};
    if (same(this.traced) && this.traced) return {traced: this.traced, changed: false};
    this.traced = null;
    if ('trace' in request) {
      // A trace property is untrusted JSON: validated before anything reads it (found by the
      // robustness tests: a bad one threw raw TypeErrors or overflowed the stack).
      this.traced = {...inputs, ...checkedTraceOf(request.trace)};
      return {traced: this.traced, changed: true};
    }
    const controller = new AbortController();
    this.running = {...inputs, controller};
    void traceOf(
      request.source,
      request.limits.options,
      controller.signal,
      this.slot,
      request.picture,
    ).then((result) => {
      if (!result || controller.signal.aborted || this.running?.controller !== controller) return;
      this.running = null;
      this.traced = {...inputs, ...result};
      this.arrived();
    });
    return {traced: null, changed: true};
  }

  /** Stops the run in flight, if any (its worker is terminated; the next `take` runs again). */
  cancel(): void {
    this.running?.controller.abort();
    this.running = null;
  }

  /** Stops the run in flight and ends the warm worker: nothing of the runs is left running. */
  dispose(): void {
    this.cancel();
    this.slot.dispose();
  }

  /** Forgets the last result, so the next `take` runs again. */
  forget(): void {
    this.traced = null;
  }

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** The source running, or last run: the code panel shows it while its picture is on its way. */
  get source(): string | null {
    const key = this.running?.key ?? this.traced?.key;
    return typeof key === 'string' ? key : null;
  }
}
