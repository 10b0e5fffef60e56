/**
 * Counts what a page has running: timers, intervals, animation frames, observers with targets,
 * workers, and listeners on window and document. Installed by wrapping the globals, so a test can
 * compare the counts before and after an element's lifecycle.
 */

/** Live resources by kind. */
export interface LiveCounts {
  timeouts: number;
  intervals: number;
  frames: number;
  observers: number;
  workers: number;
  windowListeners: number;
  documentListeners: number;
}

const liveTimeouts = new Set<number>();
const liveIntervals = new Set<number>();
const liveFrames = new Set<number>();
const observed = new Map<object, number>();
const liveWorkers = new Set<Worker>();
const listeners = new Map<EventTarget, Map<string, number>>();
let installed = false;

function listenerKey(type: string, listener: unknown, options: unknown): string {
  const capture =
    typeof options === 'boolean'
      ? options
      : Boolean((options as {capture?: boolean} | undefined)?.capture);
  let id = listenerIds.get(listener as object);
  if (id === undefined) {
    id = ++listenerCount;
    listenerIds.set(listener as object, id);
  }
  return `${type}|${String(id)}|${String(capture)}`;
}
const listenerIds = new WeakMap<object, number>();
let listenerCount = 0;

function wrapListeners(target: EventTarget): void {
  const map = new Map<string, number>();
  listeners.set(target, map);
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  target.addEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) => {
    if (listener) {
      const key = listenerKey(type, listener, options);
      // Adding the same listener twice is one listener, as the DOM counts it.
      map.set(key, 1);
      const signal = typeof options === 'object' ? options.signal : undefined;
      signal?.addEventListener('abort', () => map.delete(key));
    }
    add(type, listener, options);
  };
  target.removeEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) => {
    if (listener) map.delete(listenerKey(type, listener, options));
    remove(type, listener, options);
  };
}

function wrapObserver(name: 'ResizeObserver' | 'IntersectionObserver' | 'MutationObserver'): void {
  const Original = window[name] as unknown as new (...args: unknown[]) => {
    observe(...a: unknown[]): void;
    unobserve?(t: unknown): void;
    disconnect(): void;
  };
  class Counted extends Original {
    constructor(...args: unknown[]) {
      super(...args);
      observed.set(this, 0);
    }
    override observe(...a: unknown[]): void {
      observed.set(this, (observed.get(this) ?? 0) + 1);
      super.observe(...a);
    }
    override unobserve(t: unknown): void {
      observed.set(this, Math.max(0, (observed.get(this) ?? 0) - 1));
      super.unobserve?.(t);
    }
    override disconnect(): void {
      observed.set(this, 0);
      super.disconnect();
    }
  }
  (window as unknown as Record<string, unknown>)[name] = Counted;
}

/** Wraps the globals once; later calls do nothing. */
export function installCounters(): void {
  if (installed) return;
  installed = true;
  const w = window as unknown as Record<string, unknown>;
  const setT = window.setTimeout.bind(window);
  const clearT = window.clearTimeout.bind(window);
  w.setTimeout = (fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = setT(
      (...a: unknown[]) => {
        liveTimeouts.delete(id);
        if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...rest,
    );
    liveTimeouts.add(id);
    return id;
  };
  w.clearTimeout = (id?: number) => {
    if (id !== undefined) liveTimeouts.delete(id);
    clearT(id);
  };
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  w.setInterval = (fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id = setI(fn, ms, ...rest);
    liveIntervals.add(id);
    return id;
  };
  w.clearInterval = (id?: number) => {
    if (id !== undefined) liveIntervals.delete(id);
    clearI(id);
  };
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  w.requestAnimationFrame = (fn: FrameRequestCallback) => {
    const id = raf((t) => {
      liveFrames.delete(id);
      fn(t);
    });
    liveFrames.add(id);
    return id;
  };
  w.cancelAnimationFrame = (id: number) => {
    liveFrames.delete(id);
    caf(id);
  };
  wrapObserver('ResizeObserver');
  wrapObserver('IntersectionObserver');
  wrapObserver('MutationObserver');
  const OriginalWorker = window.Worker;
  class CountedWorker extends OriginalWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      liveWorkers.add(this);
    }
    override terminate(): void {
      liveWorkers.delete(this);
      super.terminate();
    }
  }
  w.Worker = CountedWorker;
  wrapListeners(window);
  wrapListeners(document);
}

/** What is live now. */
export function liveCounts(): LiveCounts {
  return {
    timeouts: liveTimeouts.size,
    intervals: liveIntervals.size,
    frames: liveFrames.size,
    observers: [...observed.values()].filter((n) => n > 0).length,
    workers: liveWorkers.size,
    windowListeners: listeners.get(window)?.size ?? 0,
    documentListeners: listeners.get(document)?.size ?? 0,
  };
}
