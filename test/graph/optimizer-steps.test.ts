import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {quantity} from '../../src/graph/quantity.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {versionAt} from '../../src/graph/tensors.js';
import {traceSource} from '../../src/run/index.js';

// python3: w.grad = tensor([-3., -6.]); after opt.step(): tensor([ 0.8000, -0.4000]); after zero_grad(): tensor([0., 0.])
const sgd = `import torch
w = torch.tensor([0.5, -1.0], requires_grad=True)
x = torch.tensor([1.0, 2.0])
opt = torch.optim.SGD([w], lr=0.1)
for i in range(2):
    opt.zero_grad()
    loss = (w * x).sum() ** 2
    loss.backward()
    opt.step()
`;

const adam = `import torch
torch.manual_seed(0)
w = torch.randn(3, 2, requires_grad=True)
b = torch.zeros(2, requires_grad=True)
x = torch.randn(4, 3)
opt = torch.optim.Adam([w, b], lr=0.01)
for i in range(3):
    opt.zero_grad()
    loss = ((x @ w + b) ** 2).mean()
    loss.backward()
    opt.step()
`;

function timelines(source: string) {
  const trace = traceSource(source);
  return (['dataflow', 'autograd'] as const).map((view) => {
    const graph = buildGraph(trace, {view});
    return {trace, graph, timeline: buildTimeline(trace, graph)};
  });
}

describe('an optimizer call is one step of the timeline', () => {
  it('optimizer.step() says each parameter changes by −lr · grad, with the numbers (en, zh)', () => {
    for (const {timeline} of timelines(sgd)) {
      const steps = timeline.steps.filter((s) => s.kind === 'optimizer');
      // The first zero_grad() finds no .grad: nothing happens, so no step.
      expect(steps.map((s) => s.label)).toEqual(['SGD.step()', 'SGD.zero_grad()', 'SGD.step()']);
      const first = steps[0];
      expect(first?.narration.en).toContain('opt.step(): SGD moves each parameter');
      expect(first?.narration.en).toContain('w = [0.5, -1] − 0.1 · [-3, -6] = [0.8, -0.4]');
      expect(first?.narration.zh).toContain('w = [0.5, -1] − 0.1 · [-3, -6] = [0.8, -0.4]');
      expect(first?.span?.line).toBe(9);
      // It comes after the backward pass it uses, in the order the run went.
      const seqs = timeline.steps.map((s) => s.seq ?? 0);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const accumulate = timeline.steps.findIndex((s) => s.kind === 'accumulate');
      expect(first?.index).toBe(accumulate + 1);
    }
  });

  it('zero_grad() clears .grad in a step of its own', () => {
    for (const {timeline} of timelines(sgd)) {
      const zero = timeline.steps.find((s) => s.label === 'SGD.zero_grad()');
      expect(zero?.narration.en).toBe(
        'opt.zero_grad(): sets w.grad to 0 in place, so the next backward() writes fresh gradients instead of adding to these.',
      );
      expect(zero?.narration.zh).toContain('w.grad');
      // The leaf's box shows its .grad at 0 after the step (python3: tensor([0., 0.])).
      const cleared = zero?.changes?.find((c) => c.grad && c.gradStored);
      expect(cleared?.grad?.text).toBe('[0., 0.]');
    }
  });

  it('Adam says what it does with the numbers: its step count, betas, and each parameter before and after', () => {
    for (const {timeline, trace} of timelines(adam)) {
      const steps = timeline.steps.filter((s) => s.label === 'Adam.step()');
      expect(steps).toHaveLength(3);
      const updates = trace.ops.filter((op) => op.op === 'adam');
      expect(updates).toHaveLength(6);
      steps.forEach((s, k) => {
        expect(s.narration.en).toContain(
          `Adam (step ${k + 1}) moves each parameter by −lr · m̂ / (√v̂ + ε) with lr = 0.01`,
        );
        expect(s.narration.en).toContain('β1 = 0.9');
        expect(s.narration.en).toContain('β2 = 0.999');
        expect(s.narration.zh).toContain(`第 ${k + 1} 步`);
        for (const op of updates.slice(2 * k, 2 * k + 2)) {
          const t = trace.tensors.find((r) => r.id === op.outputs[0]);
          if (!t) throw new Error('no parameter record');
          const before = quantity(t.versions[versionAt(t, op.seq)]?.data);
          const after = quantity(t.versions[versionAt(t, op.seq + 1)]?.data);
          expect(s.narration.en).toContain(`${t.names[0]}: ${before} → ${after}`);
        }
      });
    }
  });
});
