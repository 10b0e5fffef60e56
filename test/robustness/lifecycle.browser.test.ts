/**
 * Lifecycle in Chromium: one `<grad-graph>` connected, disconnected and reconnected 1,000 times
 * leaves no timers, intervals, animation frames, observers, workers or window/document listeners
 * behind, and the JS heap (after forced GC, through the DevTools protocol) does not grow; 100
 * elements on one page do work only when scrolled into view, and mounting them causes no long task.
 */
import './install-counters.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cdp} from 'vitest/browser';
import {mount, ready, seedSource} from '../components/helpers.js';
import {liveCounts, type LiveCounts} from './live-resources.js';

function send(method: string, params: unknown = {}): Promise<unknown> {
  return (cdp() as unknown as {send: (m: string, p: unknown) => Promise<unknown>}).send(
    method,
    params,
  );
}

/** JS heap in use after a full garbage collection, in bytes. */
async function heapAfterGC(): Promise<number> {
  for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage');
  const usage = (await send('Runtime.getHeapUsage')) as {usedSize: number};
  return usage.usedSize;
}

const frame = () =>
  new Promise<void>((r) =>
    requestAnimationFrame(() => {
      r();
    }),
  );
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until nothing the element started is still pending (timers fire, frames run). */
async function quiet(): Promise<LiveCounts> {
  await sleep(300);
  await frame();
  await sleep(300);
  return liveCounts();
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the counters', () => {
  it('see observers, timers, frames and listeners come and go', () => {
    const base = liveCounts();
    const ro = new ResizeObserver(() => undefined);
    ro.observe(document.body);
    const t = setTimeout(() => undefined, 10_000);
    const i = setInterval(() => undefined, 10_000);
    const f = requestAnimationFrame(() => undefined);
    const l = () => undefined;
    window.addEventListener('resize', l);
    expect(liveCounts()).toEqual({
      ...base,
      observers: base.observers + 1,
      timeouts: base.timeouts + 1,
      intervals: base.intervals + 1,
      frames: base.frames + 1,
      windowListeners: base.windowListeners + 1,
    });
    ro.disconnect();
    clearTimeout(t);
    clearInterval(i);
    cancelAnimationFrame(f);
    window.removeEventListener('resize', l);
    expect(liveCounts()).toEqual(base);
  });
});

describe('connect, disconnect, reconnect 1,000 times', () => {
  it('leaves nothing running and the heap flat', async () => {
    await send('HeapProfiler.enable');
    const before = await quiet();
    const el = mount({}, null);
    el.source = seedSource;
    await ready(el);
    el.play();
    await sleep(200);
    const cycle = async (n: number) => {
      for (let i = 0; i < n; i++) {
        el.remove();
        document.body.append(el);
        await el.updateComplete;
        if (i % 100 === 99) await frame();
      }
    };
    await cycle(100);
    el.pause();
    const heap0 = await heapAfterGC();
    await cycle(1000);
    await ready(el);
    expect(el.stepCount).toBeGreaterThan(4);
    el.remove();
    const after = await quiet();
    const heap1 = await heapAfterGC();
    console.log('lifecycle: live before', before, 'after', after, `heap ${heap0} → ${heap1} bytes`);
    expect(after).toEqual(before);
    // One leaked picture per cycle would be tens of megabytes; allow noise of 2 MB.
    expect(heap1 - heap0).toBeLessThan(2_000_000);
  }, 120_000);
});

describe('100 elements on one page', () => {
  it('build only what is in view; the others wait until they are scrolled into view', async () => {
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({type: 'longtask', buffered: false});
    const els = Array.from({length: 100}, () => {
      const el = mount({}, null);
      el.style.height = '500px';
      el.style.display = 'block';
      el.source = seedSource;
      return el;
    });
    await sleep(1000);
    await frame();
    const built = els.filter((e) => e.stepCount > 0).length;
    const visible = els.filter((e) => {
      const r = e.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    }).length;
    const last = els[els.length - 1];
    if (!last) throw new Error('no elements');
    last.scrollIntoView();
    await vi.waitFor(
      () => {
        if (last.stepCount === 0) throw new Error('not built after scrolling into view');
      },
      {timeout: 10_000},
    );
    observer.disconnect();
    console.log(
      `100 elements: ${visible} in view, ${built} built before scrolling; long tasks (ms): ${longTasks.map(Math.round).join(', ') || 'none'}`,
    );
    expect(visible).toBeLessThan(10);
    expect(built).toBeLessThanOrEqual(visible + 2);
    expect(built).toBeGreaterThan(0);
    // Mounting 100 elements builds only those in view (asserted above); how long the longest task
    // was is logged, not asserted: timings are bench rows (`npm run bench -- element`).
  }, 60_000);
});
