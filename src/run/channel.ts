/**
 * The one worker channel of a run, shared by the script worker and the layout worker: start a
 * worker (or take a warm one), post one request, and settle with its answer — or abort it, stop it
 * when it stays silent past its watchdog (counted from the worker's `loaded` message, not from the
 * request: a cold worker on a busy machine can take longer to start than a small budget), and fall
 * back to the main thread when no worker can start (no Worker in Node or happy-dom, a Content
 * Security Policy without `worker-src blob:`) or one never loads.
 *
 * The worker side is `serve`: each worker entry says `{kind: 'loaded'}` once its code has loaded,
 * then answers each `{id, …}` with `{kind: 'done', id, value}` or `{kind: 'failed', id, error}`.
 */
import {runError, RunError, runErrorOf, type RunErrorData} from './errors.js';
import {pack, Unpacker, type ParcelSlice} from './parcel.js';

/** A request to a worker: an id the answer repeats, and the worker's own fields. */
export type WorkerRequest<Payload extends object> = Payload & {readonly id: number};

/** What a worker posts. */
export type WorkerReply<Value> =
  | {readonly kind: 'loaded'}
  /** A slice of a big answer, sent before its `done` (./parcel.ts). */
  | {readonly kind: 'slice'; readonly id: number; readonly slice: ParcelSlice}
  /** The answer, its big parts left as placeholders for the slices sent before it. */
  | {readonly kind: 'done'; readonly id: number; readonly value: Value}
  | {readonly kind: 'failed'; readonly id: number; readonly error: RunErrorData};

/** How long a new worker may take to load before the work runs on the main thread instead. */
export const LOAD_DEADLINE_MS = 15_000;

/**
 * Keeps one idle worker between the runs of one owner (an element, a playground): a worker costs
 * tens of milliseconds to start and runs cold code at first. A run that is aborted or fails never
 * gives its worker back; `dispose()` ends the idle one (an element does on disconnection).
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

/** One call over the channel. */
export interface WorkerCall<Payload extends object, Value> {
  /** What to post (the channel adds the id). */
  readonly payload: Payload;
  /** Makes the worker: the page's own (`createWorker`) or the inlined default. */
  readonly start: () => Worker;
  /** The same work on the main thread: where no worker starts or loads. May throw or reject. */
  readonly fallback: () => Value | PromiseLike<Value>;
  /** A quick try on the main thread before any worker: its value, or null to go on to a worker. */
  readonly firstTry?: (() => Value | null) | undefined;
  /** Aborting rejects with the signal's reason and terminates the worker at once. */
  readonly signal?: AbortSignal | undefined;
  /** A warm worker to take first and give back after an answer (see WorkerSlot). */
  readonly slot?: WorkerSlot | undefined;
  /**
   * Milliseconds the worker may stay silent after loading before it is stopped and the call
   * rejects with `timeout()`; none when undefined or past what a timer can wait (2^31 - 1 ms).
   */
  readonly watchdogMs?: number | undefined;
  /** The error of a call the watchdog ended. */
  readonly timeout?: () => RunError;
  /** Called with where the work runs, once that is known. */
  readonly onStart?: ((where: 'worker' | 'main-thread') => void) | undefined;
}

let nextId = 0;

/**
 * Runs one call in a worker (falling back to the main thread), cancellably: resolves with the
 * worker's value, rejects with the signal's reason when aborted, or a RunError when the worker
 * failed, broke after loading, or outlived its watchdog. The work starts after a macrotask, so a
 * caller can still abort (a newer source, a removed element) before anything starts.
 */
export function callWorker<Payload extends object, Value>(
  call: WorkerCall<Payload, Value>,
): Promise<Value> {
  const {signal, slot} = call;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<Value>((resolve, reject) => {
    const id = nextId++;
    let worker: Worker | null = null;
    let loaded = false;
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    let loadDeadline: ReturnType<typeof setTimeout> | undefined;
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(watchdog);
      clearTimeout(loadDeadline);
      if (worker) {
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
        worker = null;
      }
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(abortReason(signal));
    };
    const here = (): void => {
      if (settled) return;
      finish();
      call.onStart?.('main-thread');
      const failed = (error: unknown): void => {
        reject(error instanceof Error ? error : runErrorOf(error));
      };
      try {
        Promise.resolve(call.fallback()).then(resolve, failed);
      } catch (error) {
        failed(error);
      }
    };
    const onLoaded = (): void => {
      loaded = true;
      call.onStart?.('worker');
      const ms = call.watchdogMs;
      // Past 2^31 - 1 ms a timer fires at once: a budget that large gets no watchdog.
      if (ms === undefined || ms > 0x7fffffff) return;
      watchdog = setTimeout(() => {
        finish();
        reject(call.timeout?.() ?? runError('TimeoutError', 'the worker stopped answering'));
      }, ms);
    };
    signal?.addEventListener('abort', onAbort, {once: true});
    const timer = setTimeout(() => {
      const quick = call.firstTry?.() ?? null;
      if (quick !== null) {
        finish();
        call.onStart?.('main-thread');
        resolve(quick);
        return;
      }
      const kept = slot?.take() ?? null;
      worker = kept ?? startWorker(call.start);
      if (!worker) {
        here();
        return;
      }
      const unpacker = new Unpacker();
      worker.onmessage = (event: MessageEvent<WorkerReply<Value>>) => {
        const reply = event.data;
        if (reply.kind === 'loaded') {
          if (!loaded) onLoaded();
          return;
        }
        if (reply.id !== id) return;
        if (reply.kind === 'slice') {
          unpacker.add(reply.slice);
          return;
        }
        if (reply.kind === 'done' && slot && worker) {
          // It ended well: back to the slot, warm for the next call, instead of terminated.
          slot.keep(worker);
          worker = null;
        }
        finish();
        if (reply.kind === 'done') resolve(unpacker.unpack(reply.value) as Value);
        else reject(runErrorOf(reply.error));
      };
      worker.onerror = (event: Event) => {
        event.preventDefault();
        // Never loaded (e.g. blocked by CSP after construction): run here instead, losing nothing.
        if (!loaded) {
          here();
          return;
        }
        finish();
        const what = event instanceof ErrorEvent ? event.message : 'unknown error';
        reject(runError('RuntimeError', `grad-graph: a worker stopped unexpectedly (${what})`));
      };
      const request = {...call.payload, id} as WorkerRequest<Payload>;
      worker.postMessage(request);
      if (kept) onLoaded();
      // A worker that never says it loaded (nor fails) is given up on: the work runs here.
      else
        loadDeadline = setTimeout(() => {
          if (!loaded) here();
        }, LOAD_DEADLINE_MS);
    }, 0);
  });
}

/** A bundled worker (a `?worker&inline` import) named `name`; throws where there is no Worker (Node). */
export function inlineWorker(
  Bundled: new (options?: {name?: string}) => Worker,
  name: string,
): Worker {
  if (typeof Worker === 'undefined') throw new Error('no Worker here');
  return new Bundled({name});
}

/** A new worker from `start`, or null where none can be made (no Worker, a CSP refusing it). */
function startWorker(start: () => Worker): Worker | null {
  try {
    return start();
  } catch {
    return null;
  }
}

/** The signal's reason when it is an Error (as AbortController.abort() makes it), else an AbortError. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The run was aborted.', 'AbortError');
}

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

/**
 * The worker side of the channel: when this code runs inside a worker, answers each request with
 * `work(request)` (or the RunError it threw) and says `loaded` first. Elsewhere it does nothing,
 * so a worker entry can also be imported on the main thread (tests, Node without Vite).
 */
export function serve<Payload extends object>(
  work: (request: WorkerRequest<Payload>) => unknown,
  prepare?: (request: WorkerRequest<Payload>) => Promise<void>,
): void {
  const scopeClass = (globalThis as {WorkerGlobalScope?: abstract new () => object})
    .WorkerGlobalScope;
  if (scopeClass === undefined || !(globalThis instanceof scopeClass)) return;
  const scope = globalThis as unknown as WorkerScope;
  const answer = (event: MessageEvent<WorkerRequest<Payload>>) => {
    const {id} = event.data;
    let reply: WorkerReply<unknown>;
    try {
      // A big answer goes in slices, so the page reads it in short tasks (./parcel.ts).
      const {skeleton, slices} = pack(work(event.data));
      for (const slice of slices) {
        scope.postMessage({kind: 'slice', id, slice} satisfies WorkerReply<never>);
      }
      reply = {kind: 'done', id, value: skeleton};
    } catch (error) {
      reply = {kind: 'failed', id, error: runErrorOf(error).toJSON()};
    }
    scope.postMessage(reply);
  };
  scope.onmessage = (event: MessageEvent<WorkerRequest<Payload>>) => {
    if (!prepare) {
      answer(event);
      return;
    }
    // The code the request needs loads first (the script's modules); the work is synchronous.
    prepare(event.data).then(
      () => {
        answer(event);
      },
      (error: unknown) => {
        scope.postMessage({
          kind: 'failed',
          id: event.data.id,
          error: runErrorOf(error).toJSON(),
        } satisfies WorkerReply<never>);
      },
    );
  };
  scope.postMessage({kind: 'loaded'} satisfies WorkerReply<never>);
}
