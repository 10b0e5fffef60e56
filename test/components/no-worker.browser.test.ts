/**
 * Under a Content Security Policy that forbids workers (test/components/fixtures/no-worker.html:
 * `worker-src 'none'`), a script too long for the main-thread first try still gets its picture:
 * the blocked worker is detected and the script runs on the main thread instead.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {NoWorkerReport} from './fixtures/no-worker-entry.js';

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-graph> where no worker may start', () => {
  it('runs the script on the main thread and shows its result', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '800px';
    frame.src = new URL('./fixtures/no-worker.html', import.meta.url).pathname;
    document.body.append(frame);
    const report = await vi.waitFor(
      () => {
        const r = (frame.contentWindow as unknown as {noWorkerReport?: NoWorkerReport} | null)
          ?.noWorkerReport;
        if (!r) throw new Error('the page has not reported yet');
        return r;
      },
      {timeout: 40_000, interval: 100},
    );
    const policy = frame.contentDocument
      ?.querySelector('meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute('content');
    expect(policy).toContain("worker-src 'none'");
    expect(report.workersTried).toBeGreaterThan(0);
    expect(report.blocked).toBeGreaterThan(0);
    expect(report.error).toBeNull();
    expect(report.output).toBe(`${String((1_000_000 * 999_999) / 2)} tensor([2., 2.])\n`);
    expect(report.stepCount).toBeGreaterThan(4);
  }, 60_000);
});
