/**
 * The element on a page with a strict Content Security Policy (test/robustness/csp/csp.html:
 * `script-src 'self'`, no unsafe-inline, no unsafe-eval, `style-src 'self'`): it renders and plays
 * the seed to its last step, and the page sees no `securitypolicyviolation` event.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {CspReport} from './csp/csp-entry.js';

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-graph> under a strict CSP', () => {
  it('renders and plays with no CSP violation', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '800px';
    frame.src = new URL('./csp/csp.html', import.meta.url).pathname;
    document.body.append(frame);
    const report = await vi.waitFor(
      () => {
        const r = (frame.contentWindow as unknown as {cspReport?: CspReport} | null)?.cspReport;
        if (!r) throw new Error('the CSP page has not reported yet');
        return r;
      },
      {timeout: 25_000, interval: 100},
    );
    const policy = frame.contentDocument
      ?.querySelector('meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute('content');
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe');
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.stepCount).toBeGreaterThan(4);
    expect(report.lastStep).toBe(report.stepCount - 1);
    expect(report.nodes).toBeGreaterThan(3);
    expect(report.output).toContain('tensor([[4.5000, 4.5000]');
    expect(report.longSteps).toBeGreaterThan(4);
    expect(report.violations).toEqual([]);
  }, 40_000);
});
