import {describe, expect, it} from 'vitest';
import {buildGraph, iterationKept, iterationSummaries} from '../../src/graph/index.js';
import {traceSource} from '../../src/run/index.js';
import {RerunMismatchError, traceIteration} from '../../src/run/iteration.js';
import type {Trace} from '../../src/trace/schema.js';
import {validateTrace} from '../../src/trace/validate.js';
import {seen} from './seen.js';

/** PyTorch's "Tensors and autograd" polynomial fit, shortened: seeded randn, no_grad updates, grad = None. */
const polynomial = (steps: number) => `import torch
x = torch.linspace(-3.141592653589793, 3.141592653589793, 200)
y = torch.sin(x)
torch.manual_seed(0)
a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
c = torch.randn((), requires_grad=True)
d = torch.randn((), requires_grad=True)
for t in range(${steps}):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        a -= 1e-4 * a.grad
        b -= 1e-4 * b.grad
        c -= 1e-4 * c.grad
        d -= 1e-4 * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
print(a.item(), b.item(), c.item(), d.item())
`;

/** .grad accumulated over two passes, then zero_(); fresh random noise every iteration, seeded once. */
const accumulating = `import torch
torch.manual_seed(3)
w = torch.randn(4, 3, requires_grad=True)
for i in range(30):
    noise = torch.randn(5, 4)
    out = (noise @ w).tanh().sum()
    out.backward()
    if i % 2 == 1:
        with torch.no_grad():
            w -= 0.01 * w.grad
        w.grad.zero_()
print(w)
`;

/** No seed: the default generator's own numbers. And a parameter rebuilt out of place each time. */
const unseeded = `import torch
w = torch.randn(3, requires_grad=True)
for i in range(25):
    loss = ((w * torch.rand(3)) ** 2).mean()
    loss.backward()
    w = (w - 0.5 * w.grad).detach().requires_grad_()
print(w)
`;

/** An nn-free training loop with torch.optim.SGD (momentum: state the optimizer updates in place). */
const optimised = `import torch
torch.manual_seed(1)
w = torch.randn(3, 2, requires_grad=True)
b = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=0.1, momentum=0.9)
x = torch.randn(8, 3)
y = torch.randn(8, 2)
for step in range(20):
    opt.zero_grad()
    loss = ((x @ w + b - y) ** 2).mean()
    loss.backward()
    opt.step()
print(w, b)
`;

/**
 * Sampling in every iteration from generators a forgotten iteration must draw again: a
 * torch.Generator seeded from torch.seed() (a nondeterministic seed), dropout's mask from the
 * default generator, a shuffled DataLoader and torch.normal.
 */
const sampled = `import torch
import torch.nn.functional as F
from torch.utils import data
g = torch.Generator()
g.manual_seed(torch.seed() % 1000)
w = torch.randn(4, 1, generator=g, requires_grad=True)
x = torch.randn(6, 4, generator=g)
loader = data.DataLoader(data.TensorDataset(x, torch.arange(6.0)), batch_size=3, shuffle=True, generator=g)
for epoch in range(10):
    for xb, yb in loader:
        h = F.dropout(xb @ w, 0.3) + torch.normal(0.0, torch.ones(3, 1) * 0.1, generator=g)
        loss = ((h.squeeze(1) - yb) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.01 * w.grad
            w.grad.zero_()
print(w)
`;

// Each case runs a loop several times (a trace of everything, a window, reruns): on a loaded
// machine the full suite ran two of them past vitest's 5 s.
describe(
  'a trace keeps a window of iterations and records any other again, bit for bit',
  {timeout: 60_000},
  () => {
    for (const [name, source, count] of [
      ['seeded randn, in-place updates under no_grad, grad = None', polynomial(40), 40],
      ['.grad accumulated across passes and zero_()', accumulating, 30],
      ['unseeded randn and a parameter rebuilt out of place', unseeded, 25],
    ] as const) {
      describe(name, () => {
        const seed = '12345';
        // A window wider than the loop: every iteration kept, and summarised as a windowed trace is.
        const all = traceSource(source, {window: {first: 1000}, randomSeed: seed});
        const windowed = traceSource(source, {randomSeed: seed});

        it('ran to the end and printed the same in both', () => {
          expect(all.error).toBeNull();
          expect(windowed.error).toBeNull();
          expect(windowed.output).toBe(all.output);
        });

        it('lists every iteration, with its loss, and keeps only the window whole', () => {
          const summaries = iterationSummaries(windowed);
          expect(summaries).toHaveLength(count);
          expect(summaries.map((s) => s.loss)).toEqual(iterationSummaries(all).map((s) => s.loss));
          expect(summaries.map((s) => s.ops)).toEqual(iterationSummaries(all).map((s) => s.ops));
          const kept = summaries.filter((s) => s.kept).map((s) => s.index);
          expect(kept.slice(0, 3)).toEqual([0, 1, 2]);
          expect(kept).toContain(count - 1);
          expect(kept.length).toBeLessThan(count / 2);
          expect(validateTrace(JSON.parse(JSON.stringify(windowed)))).toEqual(windowed);
        });

        it('keeps what it keeps exactly as a trace of everything has it', () => {
          for (const k of [0, 2, count - 1]) expect(seen(windowed, k)).toEqual(seen(all, k));
        });

        it('records a forgotten iteration again with the same values, gradients and narration', () => {
          const forgotten = iterationSummaries(windowed).filter((s) => !s.kept);
          const picks = [0, Math.floor(forgotten.length / 2), forgotten.length - 1];
          expect(forgotten.length).toBeGreaterThan(5);
          for (const k of picks.map((p) => forgotten[p]?.index ?? -1)) {
            expect(iterationKept(windowed, k)).toBe(false);
            expect(() => buildGraph(windowed, {iteration: k})).toThrow(/not kept/);
            const again = traceIteration(windowed, k);
            expect(iterationKept(again, k)).toBe(true);
            expect(again.error).toBeNull();
            expect(seen(again, k)).toEqual(seen(all, k));
          }
        });
      });
    }

    describe('a windowed trace keeps its iterations exactly as a trace of everything records them', () => {
      for (const [name, source, count] of [
        ['seeded randn, in-place updates under no_grad, grad = None', polynomial(30), 30],
        ['.grad accumulated across passes and zero_()', accumulating, 30],
        ['unseeded randn and a parameter rebuilt out of place', unseeded, 25],
        ['torch.optim.SGD with momentum', optimised, 20],
        ['generators, dropout, a shuffled loader and torch.normal', sampled, 20],
      ] as const) {
        it(name, () => {
          const seed = '777';
          const full = traceSource(source, {window: 'all', randomSeed: seed});
          const windowed = traceSource(source, {randomSeed: seed});
          expect(full.error).toBeNull();
          expect(windowed.output).toBe(full.output);
          const kept = iterationSummaries(windowed).filter((s) => s.kept);
          expect(kept.length).toBeLessThan(count);
          for (const {index} of kept) expect(seen(windowed, index)).toEqual(seen(full, index));
          const forgotten = iterationSummaries(windowed).find((s) => !s.kept)?.index ?? -1;
          expect(seen(traceIteration(windowed, forgotten), forgotten)).toEqual(
            seen(full, forgotten),
          );
        });
      }
    });

    it('stops the rerun once it has the iteration (the rest of the script does not run)', () => {
      const windowed = traceSource(polynomial(40), {randomSeed: '7'});
      const again = traceIteration(windowed, 10);
      expect(again.iterations).toHaveLength(11);
      expect(again.output).toBe('');
      expect(again.backwardPasses).toHaveLength(1);
    });

    it('says which limit stopped a rerun before its iteration', () => {
      const windowed = traceSource(polynomial(40), {randomSeed: '7'});
      expect(() => traceIteration(windowed, 30, {limits: {maxLoopIterations: 5}})).toThrow(
        /it stopped before that iteration: RuntimeError: grad-graph stopped the script after 5 loop iterations/,
      );
    });

    it('refuses a rerun that does not retrace the first run', () => {
      const windowed = traceSource(polynomial(40), {randomSeed: '7'});
      const tampered: Trace = {
        ...windowed,
        iterations: windowed.iterations?.map((r) => (r.index === 10 ? {...r, loss: 1} : r)),
      };
      expect(() => traceIteration(tampered, 10)).toThrow(RerunMismatchError);
    });

    it('records a kept iteration again when asked, e.g. with every value of a large tensor', () => {
      const source = `import torch
torch.manual_seed(0)
x = torch.randn(64, 200)
w = torch.randn(200, 3, requires_grad=True)
for i in range(3):
    loss = (x @ w).sum()
    loss.backward()
`;
      const trace = traceSource(source);
      const big = (t: Trace) => t.tensors.find((r) => r.shape[0] === 64 && r.shape[1] === 200);
      expect(big(trace)?.versions[0]?.data.values).toBeNull();
      const full = traceIteration(trace, 0, {always: true, valueLimit: 20_000});
      expect(big(full)?.versions[0]?.data.values).toHaveLength(12_800);
      expect(big(full)?.versions[0]?.data.values?.slice(0, 3)).toEqual(
        big(traceSource(source, {valueLimit: 20_000}))?.versions[0]?.data.values?.slice(0, 3),
      );
    });
  },
);
