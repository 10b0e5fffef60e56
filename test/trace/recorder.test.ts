import {describe, expect, it} from 'vitest';
import {torch} from '../../autograd/torch.js';
import {noGrad} from '../../autograd/gradmode.js';
import {traceCallback} from '../../src/trace/callback.js';
import {TraceRecorder} from '../../src/trace/recorder.js';
import {decodeNumber} from '../../src/trace/numbers.js';
import type {TensorData, Trace} from '../../src/trace/schema.js';
import {golden} from './golden.js';
import {seedTrace} from './fixtures.js';

function numbers(d: TensorData | null | undefined): number[] | null {
  return d?.values ? d.values.map(decodeNumber) : null;
}

function tensorNamed(trace: Trace, name: string) {
  const t = trace.tensors.find((r) => r.names.includes(name));
  if (!t) throw new Error(`no tensor named ${name}`);
  return t;
}

describe('TraceRecorder on the seed tutorial (TypeScript callback)', () => {
  const trace = seedTrace();
  const g = golden('seed');

  it('records each named tensor with its shape, requires_grad, leafness and values as PyTorch has them', () => {
    for (const name of ['x', 'y', 'z', 'out']) {
      const t = tensorNamed(trace, name);
      const want = g.tensors[name];
      expect(want).toBeDefined();
      expect(t.shape).toEqual(want?.shape);
      expect(t.requiresGrad).toBe(want?.requires_grad);
      expect(t.isLeaf).toBe(want?.is_leaf);
      expect(numbers(t.versions[0]?.data)).toEqual(want?.values);
      const fn = t.gradFnId === null ? null : trace.gradFns.find((f) => f.id === t.gradFnId)?.name;
      expect(fn ?? null).toBe(want?.grad_fn);
    }
  });

  it('records the ops in program order with their Python constants as args', () => {
    expect(trace.ops.map((o) => o.op)).toEqual(['ones', 'add', 'mul', 'mul', 'mean']);
    expect(trace.ops[1]?.args.other).toBe(2);
    expect(trace.ops[3]?.args.other).toBe(3);
    const y = tensorNamed(trace, 'y').id;
    expect(trace.ops[2]?.inputs).toEqual([y, y]);
    expect(trace.ops.every((o) => o.gradEnabled)).toBe(true);
  });

  it('links grad_fns as PyTorch does: y * y sends both edges to AddBackward0, which ends at AccumulateGrad of x', () => {
    const fns = new Map(trace.gradFns.map((f) => [f.id, f]));
    const yy = fns.get(trace.ops[2]?.gradFnId ?? -1);
    const add = fns.get(tensorNamed(trace, 'y').gradFnId ?? -1);
    expect(yy?.next.map((e) => e && fns.get(e.gradFnId)?.name)).toEqual([
      'AddBackward0',
      'AddBackward0',
    ]);
    // `(y * y) * 3`: the wrapped number occupies an edge that leads nowhere, as `(None, 0)`.
    const times3 = fns.get(trace.ops[3]?.gradFnId ?? -1);
    expect(times3?.next.length).toBe(2);
    expect(times3?.next[1]).toBeNull();
    const acc = fns.get(add?.next[0]?.gradFnId ?? -1);
    expect(acc?.name).toBe('AccumulateGrad');
    expect(acc?.tensorId).toBe(tensorNamed(trace, 'x').id);
  });

  it('records the engine steps in the order PyTorch ran them, with the gradients each received and sent', () => {
    const pass = trace.backwardPasses[0];
    const want = g.passes[0];
    expect(pass?.steps.map((s) => s.name)).toEqual(want?.order);
    pass?.steps.forEach((s, i) => {
      const w = want?.steps[i];
      expect(s.gradsIn.map(numbers)).toEqual(w?.grads_in);
      // AccumulateGrad's hook in PyTorch reports no outputs: it sends nothing further.
      if (s.name !== 'AccumulateGrad') expect(s.gradsOut.map(numbers)).toEqual(w?.grads_out);
    });
    expect(numbers(pass?.seeds[0])).toEqual(want?.seed);
    expect(pass?.roots).toEqual([tensorNamed(trace, 'out').id]);
    expect(pass?.error).toBeNull();
  });

  it('records the accumulation into x.grad', () => {
    const accs = trace.backwardPasses[0]?.accumulations ?? [];
    expect(accs).toHaveLength(1);
    expect(accs[0]?.tensorId).toBe(tensorNamed(trace, 'x').id);
    expect(accs[0]?.before).toBeNull();
    expect(numbers(accs[0]?.after)).toEqual(g.tensors.x?.grad);
  });

  it('orders every record by one seq counter', () => {
    const pass = trace.backwardPasses[0];
    const seqs = [
      ...trace.ops.map((o) => o.seq),
      pass?.seq ?? -1,
      ...(pass?.steps.map((s) => s.seq) ?? []),
    ];
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(pass?.endSeq).toBeGreaterThan(Math.max(...seqs));
  });
});

describe('TraceRecorder: grad mode, detach, in-place changes, big tensors, errors', () => {
  it('marks tensors made under no_grad and by detach()', () => {
    const trace = traceCallback((name) => {
      const x = name('x', torch.ones([2], {requiresGrad: true}));
      name(
        'q',
        noGrad(() => x.mul(2)),
      );
      name('d', x.detach());
    });
    const q = trace.tensors.find((t) => t.names.includes('q'));
    const d = trace.tensors.find((t) => t.names.includes('d'));
    expect(q?.gradMode).toBe(false);
    expect(q?.requiresGrad).toBe(false);
    expect(d?.detached).toBe(true);
    expect(trace.ops.find((o) => o.outputs.includes(q?.id ?? -1))?.gradEnabled).toBe(false);
  });

  it('copies the values again after each in-place change', () => {
    const trace = traceCallback((name) => {
      const w = name('w', torch.ones([2]));
      w.add_(1);
      w.mul_(3);
    });
    const w = trace.tensors.find((t) => t.names.includes('w'));
    expect(w?.versions.map((v) => numbers(v.data))).toEqual([
      [1, 1],
      [2, 2],
      [6, 6],
    ]);
    expect(w?.versions.map((v) => v.opIndex)).toEqual([0, 1, 2]);
    expect(trace.ops.slice(1).every((o) => o.inPlace)).toBe(true);
  });

  it('keeps PyTorch’s summary instead of the values past the value limit', () => {
    const trace = traceCallback(() => void torch.zeros([40, 40]), {valueLimit: 100});
    const data = trace.tensors[0]?.versions[0]?.data;
    expect(data?.values).toBeNull();
    expect(data?.text).toBe(String(torch.zeros([40, 40])));
  });

  it('ends the trace with the error a callback throws, keeping what ran before it', () => {
    const trace = traceCallback(() => {
      const a = torch.ones([2, 3]);
      a.matmul(torch.ones([2, 3]));
    });
    expect(trace.error?.type).toBe('RuntimeError');
    expect(trace.error?.message).toMatch(/shapes cannot be multiplied/);
    expect(trace.ops.map((o) => o.op)).toEqual(['ones', 'ones']);
  });

  it('records a failed backward: the pass keeps the engine’s error', () => {
    const trace = traceCallback(() => {
      const x = torch.ones([2], {requiresGrad: true});
      const y = x.mul(x).sum();
      y.backward();
      y.backward();
    });
    expect(trace.backwardPasses).toHaveLength(2);
    expect(trace.backwardPasses[1]?.error).toMatch(/backward through the graph a second time/);
    expect(trace.error?.type).toBe('RuntimeError');
  });

  it('detaches itself after the callback', async () => {
    const {getObserver} = await import('../../autograd/report.js');
    traceCallback(() => void torch.ones([1]));
    expect(getObserver()).toBeNull();
  });
});

describe('TraceRecorder groups', () => {
  it('nests groups by when they open and closes inner groups with their parent', () => {
    const recorder = new TraceRecorder();
    const outer = recorder.groupStarted({kind: 'call', name: 'f', span: null});
    recorder.groupStarted({kind: 'iteration', name: 'i = 0', span: null, index: 0});
    recorder.groupEnded(outer);
    const after = recorder.groupStarted({kind: 'optimizer', name: 'opt.step()', span: null});
    const groups = recorder.finish().groups ?? [];
    expect(groups.map((g) => [g.id, g.kind, g.parent])).toEqual([
      [0, 'call', null],
      [1, 'iteration', 0],
      [2, 'optimizer', null],
    ]);
    expect(groups[1]?.endSeq).toBe(groups[0]?.endSeq);
    expect(groups[0]?.startSeq).toBeLessThan(groups[1]?.startSeq ?? -1);
    expect(groups[2]?.id).toBe(after);
    expect(groups[2]?.endSeq).toBeGreaterThan(groups[2]?.startSeq ?? Infinity);
  });
});

describe('TraceRecorder groups with nothing inside', () => {
  it('drops a group in which nothing was recorded, keeps one with a record, and keeps seqs dense', () => {
    const recorder = new TraceRecorder();
    for (let i = 0; i < 1000; i++) {
      recorder.groupEnded(recorder.groupStarted({kind: 'iteration', name: `i = ${i}`, span: null}));
    }
    const kept = recorder.groupStarted({kind: 'call', name: 'f', span: null});
    recorder.printed('hi\n', {line: 1, column: 1, endLine: 1, endColumn: 3});
    recorder.groupEnded(kept);
    const trace = recorder.finish();
    expect(trace.groups?.map((g) => [g.id, g.name])).toEqual([[0, 'f']]);
    expect(trace.groups?.[0]?.startSeq).toBe(0);
    expect(trace.prints[0]?.seq).toBe(1);
  });
});
