/**
 * `<grad-graph>` shows an iteration its trace forgot (issue 22) exactly as a trace of everything
 * shows it: the element records it again in its worker, and every step's narration, value and
 * gradient is bit for bit the first run's, for loops with seeded randomness drawn in every
 * iteration, in-place updates under no_grad, and `.grad` accumulated over two passes. A rerun
 * that cannot retrace the first run says so in the element, and the page stays usable.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {GradGraph} from '../../components/grad-graph.js';
import {buildGraph, buildTimeline, iterationKept, type Step} from '../../src/graph/index.js';
import {traceSource} from '../../src/run/index.js';
import {mount, shadow} from './helpers.js';

/** Waits for the element's next `grad-ready` or `grad-error`. */
function settled(el: GradGraph): Promise<string> {
  return new Promise((resolve) => {
    const done = (e: Event) => {
      el.removeEventListener('grad-ready', done);
      el.removeEventListener('grad-error', done);
      resolve(e.type);
    };
    el.addEventListener('grad-ready', done);
    el.addEventListener('grad-error', done);
  });
}

/** What a reader sees step by step: the narration (ids of unnamed tensors aside), values, grads. */
function shown(steps: readonly Step[]) {
  return steps.map((s) => ({
    narration: JSON.stringify(s.narration).replace(/#\d+/g, '#'),
    changes: (s.changes ?? []).map((c) => [c.value, c.grad]),
  }));
}

/**
 * PyTorch's polynomial fit with fresh seeded noise in every iteration and the updates in place
 * under no_grad, long enough that a rerun needs more than the element's main-thread frame budget.
 */
const seededInPlace = `import torch
torch.manual_seed(0)
x = torch.linspace(-3.141592653589793, 3.141592653589793, 400)
y = torch.sin(x)
a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
c = torch.randn((), requires_grad=True)
for t in range(300):
    noise = 0.01 * torch.randn(400)
    loss = (a + b * x + c * x ** 2 + noise - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        a -= 1e-5 * a.grad
        b -= 1e-5 * b.grad
        c -= 1e-5 * c.grad
        a.grad = None
        b.grad = None
        c.grad = None
print(a.item(), b.item(), c.item())
`;

/** `.grad` accumulated over two passes before each update and zero_(), random inputs each pass. */
const accumulated = `import torch
torch.manual_seed(3)
w = torch.randn(40, 30, requires_grad=True)
for i in range(300):
    inputs = torch.randn(50, 40)
    out = (inputs @ w).tanh().sum()
    out.backward()
    if i % 2 == 1:
        with torch.no_grad():
            w -= 0.001 * w.grad
        w.grad.zero_()
print(w.sum())
`;

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-graph> shows a forgotten iteration, recorded again', () => {
  for (const [name, source, index] of [
    ['seeded randn in every iteration, in-place updates under no_grad', seededInPlace, 150],
    ['.grad accumulated over two passes, then zero_()', accumulated, 151],
  ] as const) {
    it(`${name}: every step bit for bit as a trace of everything has it`, async () => {
      // A trace of everything (every iteration kept) and the window the element's trace keeps.
      const all = traceSource(source, {window: 'all'});
      expect(all.error).toBeNull();
      expect(iterationKept(traceSource(source), index)).toBe(false);
      const want = shown(buildTimeline(all, buildGraph(all, {iteration: index})).steps);
      expect(want.length).toBeGreaterThan(5);

      const el = mount({}, null);
      const first = settled(el);
      el.source = source;
      expect(await first).toBe('grad-ready');
      expect(el.error).toBeNull();
      expect(el.iterationCount).toBe(300);
      expect(el.output).toBe(all.prints.map((p) => p.text).join(''));

      const again = settled(el);
      el.iteration = index;
      expect(await again).toBe('grad-ready');
      expect(el.error).toBeNull();
      // Where the rerun ran is the machine's speed: a worker when it needs more than a frame on
      // the main thread, the main thread on a fast machine. Either way the steps are the same.
      expect(shown(el.steps)).toEqual(want);
    }, 120_000);
  }

  it('says when a rerun cannot retrace the first run, and the element stays usable', async () => {
    // Python's random module unseeded by the script draws from the run's own seed: the same in
    // a rerun. time.perf_counter() is not: the rerun's losses differ from the first run's.
    const source = `import time
import torch
w = torch.tensor(1.0, requires_grad=True)
for i in range(40):
    loss = w * (time.perf_counter() % 1.0)
    loss.backward()
`;
    const el = mount({}, null);
    const first = settled(el);
    el.source = source;
    expect(await first).toBe('grad-ready');
    const failed = settled(el);
    el.iteration = 20;
    expect(await failed).toBe('grad-error');
    expect(el.error?.message).toMatch(
      /^grad-graph could not record iteration 20 again: the second run differed from the first \(loss /,
    );
    expect(shadow(el).querySelector('[part="error"]')?.textContent).toContain(
      'could not record iteration 20 again',
    );
    // A kept iteration still draws.
    const back = settled(el);
    el.iteration = 1;
    expect(await back).toBe('grad-ready');
    expect(el.error).toBeNull();
    expect(el.stepCount).toBeGreaterThan(0);
  }, 60_000);
});
