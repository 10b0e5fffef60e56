/**
 * The notebook's session keeps the bound the element's run keeps (issue 22): its trace holds a
 * window of iterations across cells, lists every one, and any forgotten one is recorded again by
 * `recordSegment`, bit for bit what a trace of everything recorded.
 */
import {describe, expect, it} from 'vitest';
import {iterationKept, iterationSummaries} from '../../src/graph/index.js';
import {RerunMismatchError, recordSegment, runCells} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/index.js';
import {validateTrace} from '../../src/trace/validate.js';
import {
  currentIteration,
  iterationTrace,
  lastPassSegment,
} from '../../components/grad-notebook-iteration.js';
import {seen} from './seen.js';

/**
 * A training session across cells: seeded randn, fresh noise every iteration, `.grad` accumulated
 * over two passes then zero_(), in-place updates under no_grad; a trailing expression; a second
 * loop (the polynomial fit's updates, grad = None) in a later cell; a closing no_grad cell.
 */
const cells = [
  `import torch
torch.manual_seed(3)
w = torch.randn(4, 3, requires_grad=True)
x = torch.linspace(-1.0, 1.0, 50)
`,
  `for i in range(30):
    noise = torch.randn(5, 4)
    out = (noise @ w).tanh().sum()
    out.backward()
    if i % 2 == 1:
        with torch.no_grad():
            w -= 0.01 * w.grad
        w.grad.zero_()
`,
  `w.sum()
`,
  `a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
for t in range(25):
    loss = (a + b * x - torch.sin(x)).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        a -= 1e-3 * a.grad
        b -= 1e-3 * b.grad
        a.grad = None
        b.grad = None
print(a.item(), b.item())
`,
  `with torch.no_grad():
    y = w * 2
`,
];

/** The segment `k` of a session trace as the notebook's graph gets it, as a reader sees it. */
const segment = (trace: Trace, k: number) => seen(iterationTrace(trace, k), 0);

describe('a notebook session keeps a window of iterations across cells', {timeout: 60_000}, () => {
  const randomSeed = '2024';
  // A window wider than the session: every iteration kept, and summarised as a windowed trace is.
  const all = runCells(cells, cells.length - 1, {window: {first: 1000}, randomSeed});
  const windowed = runCells(cells, cells.length - 1, {randomSeed});
  const count = 55;

  it('runs every cell as a trace of everything does: the same outputs', () => {
    expect(windowed.cells.map((c) => c.error)).toEqual(cells.map(() => null));
    expect(windowed.cells.map((c) => c.output)).toEqual(all.cells.map((c) => c.output));
    expect(windowed.trace.output).toBe(all.trace.output);
    expect(windowed.program).toEqual(all.program);
  });

  it('keeps a window, lists every iteration with its loss, and stays a valid trace', () => {
    const summaries = iterationSummaries(windowed.trace);
    expect(summaries).toHaveLength(count);
    expect(summaries.map((s) => s.loss)).toEqual(iterationSummaries(all.trace).map((s) => s.loss));
    const kept = summaries.filter((s) => s.kept).length;
    expect(kept).toBeLessThan(count / 4);
    // The bound: the trace holds the window's records, not every iteration's.
    expect(windowed.trace.ops.length).toBeLessThan(all.trace.ops.length / 3);
    expect(validateTrace(JSON.parse(JSON.stringify(windowed.trace)))).toEqual(windowed.trace);
  });

  it('shows the same segments when cells run (the last one, the last pass) as a trace of everything', () => {
    expect(currentIteration(windowed.trace)).toBe(currentIteration(all.trace));
    expect(lastPassSegment(windowed.trace)).toBe(lastPassSegment(all.trace));
    for (const k of [currentIteration(all.trace), lastPassSegment(all.trace)]) {
      expect(recordSegment(windowed, k)).toBe(windowed.trace);
      expect(segment(windowed.trace, k)).toEqual(segment(all.trace, k));
    }
  });

  it('records a forgotten iteration again, bit for bit (randomness, in-place updates, accumulated .grad)', () => {
    const forgotten = iterationSummaries(windowed.trace).filter((s) => !s.kept);
    // One in the first loop (an accumulating pass and an updating one), one in the second.
    const picks = [10, 11, 40];
    for (const k of picks) {
      expect(forgotten.map((s) => s.index)).toContain(k);
      expect(iterationKept(windowed.trace, k)).toBe(false);
      const again = recordSegment(windowed, k);
      expect(again).not.toBe(windowed.trace);
      expect(again.error).toBeNull();
      expect(iterationKept(again, k)).toBe(true);
      expect(segment(again, k)).toEqual(segment(all.trace, k));
    }
  });

  it('refuses a rerun that does not retrace the first run', () => {
    const tampered = {
      ...windowed,
      trace: {
        ...windowed.trace,
        iterations: windowed.trace.iterations?.map((r) => (r.index === 20 ? {...r, ops: 1} : r)),
      },
    };
    expect(() => recordSegment(tampered, 20)).toThrow(RerunMismatchError);
  });
});
