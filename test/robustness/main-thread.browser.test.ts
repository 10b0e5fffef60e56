/**
 * Long runs and the main thread: a script that loops for a long time should not block the page
 * past a frame budget, and changing the source should cancel it. Today the element runs the script
 * synchronously on the main thread (components/picture.ts → traceSource), bounded only by the
 * runner's limits (default time budget 30 s), and exposes none of the limits as properties.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {mount, seedSource} from '../components/helpers.js';

afterEach(() => {
  document.body.replaceChildren();
});

const slow = 'x = 0\nfor i in range(3_000_000):\n    x = x + i\nprint(x)\n';

describe('a long run in the element', () => {
  it.fails(
    'does not block the main thread past 200 ms (fails: the runner runs on the main thread, no worker)',
    async () => {
      const longest: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest.push(e.duration);
      });
      observer.observe({type: 'longtask', buffered: false});
      const el = mount({}, null);
      el.source = slow;
      await vi.waitFor(
        () => {
          if (el.stepCount === 0 && !el.error && el.output === '') throw new Error('running');
        },
        {timeout: 60_000, interval: 50},
      );
      // Cancel by changing the source: the new one should be what is shown.
      el.source = seedSource;
      await vi.waitFor(() => {
        if (el.stepCount === 0) throw new Error('not rebuilt');
      });
      observer.disconnect();
      console.log(
        `longest task during a 3M-iteration run: ${Math.round(Math.max(0, ...longest))} ms`,
      );
      expect(Math.max(0, ...longest)).toBeLessThan(200);
    },
    90_000,
  );

  it.todo(
    'limits as element properties/attributes (max-loop-iterations, max-statements, max-depth, ' +
      'time-budget-ms, max-elements, max-ops): components/grad-graph.ts has none; picture.ts calls ' +
      'traceSource(source) with the defaults',
  );
});
