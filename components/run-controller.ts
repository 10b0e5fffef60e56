/**
 * The element's run, as a Lit reactive controller: source → trace → picture through src/run's
 * LatestRun (one run at a time, a worker past a frame, big layouts in the layout worker), the
 * picture it came to, and why there is none. No worker outlives the element: disconnecting stops
 * what is in flight, and the next update starts it again. An iteration of a long training loop
 * that the trace forgot is recorded again in the worker (LatestRun), so seeking never freezes.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Graph, Layout, Timeline} from '../src/graph/index.js';
import {
  LatestRun,
  type PictureRequest,
  type RunError,
  type RunInputs,
  type RunOutcome,
} from '../src/run/index.js';
import type {Trace} from '../src/trace/index.js';

/** What the element draws for one source, view and direction. */
export interface Shown {
  /** The trace drawn: the run's, or a rerun's that recorded an iteration the run's forgot. */
  readonly trace: Trace;
  /** How many iterations (backward passes) the whole run has. */
  readonly iterations: number;
  readonly graph: Graph;
  readonly layout: Layout;
  readonly timeline: Timeline;
  /** The error the script stopped with, if it did (the picture shows what ran before it). */
  readonly error: RunError | null;
}

/** What the controller asks its element. */
export interface RunHost extends ReactiveControllerHost {
  /** What to show now: a trace or a source to run (null: nothing yet). */
  runInputs(): RunInputs | null;
  /** The view and direction to draw. */
  pictureRequest(): PictureRequest;
  /** The inputs are new: forget what was shown for the old ones (called before the outcome). */
  runInputsChanged(): void;
  /** A new outcome: its picture (null when there is none) and its error, if any. */
  runSettled(shown: Shown | null, error: RunError | null): void;
}

/** The element's run: what it shows, and whether a result is on its way. */
export class RunController implements ReactiveController {
  /** The picture shown (null while a run or layout is on its way, or when there is none). */
  shown: Shown | null = null;
  private readonly run = new LatestRun(() => {
    this.refresh();
    this.host.requestUpdate();
  });
  /** The outcome promise being waited for (a big layout); an older one is ignored. */
  private waiting: Promise<RunOutcome | null> | null = null;

  constructor(private readonly host: RunHost) {
    host.addController(this);
  }

  /** True while the script runs (in a Web Worker) or a big graph is laid out. */
  get busy(): boolean {
    return this.run.busy;
  }

  /** The source running, or last run. */
  get source(): string | null {
    return this.run.source;
  }

  /** Runs (or reuses) the trace and builds the picture for the current inputs, view and direction. */
  refresh(): void {
    const inputs = this.host.runInputs();
    this.waiting = null;
    if (!inputs) {
      this.run.cancel();
      this.shown = null;
      return;
    }
    const {outcome, changed} = this.run.show(inputs, this.host.pictureRequest());
    this.shown = null;
    if (changed) this.host.runInputsChanged();
    if (outcome === null) return; // its run is in flight: `arrived` refreshes again
    if (!(outcome instanceof Promise)) {
      this.settle(outcome);
      return;
    }
    // A big graph lays out off the main thread; the picture arrives later (or never, if aborted).
    this.waiting = outcome;
    void outcome.then((o) => {
      if (this.waiting !== outcome || o === null) return;
      this.waiting = null;
      this.settle(o);
      this.host.requestUpdate();
    });
  }

  private settle(outcome: RunOutcome): void {
    const {trace, picture, error, iterations} = outcome;
    this.shown =
      trace && picture
        ? {
            trace,
            iterations,
            graph: picture.graph,
            layout: picture.layout,
            timeline: picture.timeline,
            error,
          }
        : null;
    this.host.runSettled(this.shown, error);
  }

  /** Stops everything in flight and the warm worker. */
  hostDisconnected(): void {
    this.waiting = null;
    this.run.dispose();
  }
}
