/**
 * The observer record (autograd/observer.ts): what is reported, in which order, and that
 * nothing is reported without an observer or from inside backward formulas.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {F, Tensor, getObserver, setObserver, torch} from '../../autograd/index.js';
import type {AutogradObserver} from '../../autograd/index.js';

type Event = [string, string];

/** Records events as [kind, detail] pairs. */
function recorder(): {events: Event[]; observer: AutogradObserver} {
  const events: Event[] = [];
  return {
    events,
    observer: {
      tensorCreated: (t) => events.push(['tensor', `#${t.id} ${t.shape.join('x')}`]),
      op: (e) =>
        events.push([
          'op',
          `${e.op}(${e.inputs.map((t) => `#${t.id}`).join(',')}) ${JSON.stringify(e.args)} -> ${e.outputs
            .map((t) => `#${t.id}`)
            .join(',')}${e.inPlace ? ' inplace' : ''}${e.gradEnabled ? '' : ' nograd'}`,
        ]),
      backwardStarted: (e) =>
        events.push([
          'backward',
          `${e.roots.map((t) => `#${t.id}`).join(',')} seeds=${e.seeds.map((s) => s.toString()).join(',')}`,
        ]),
      engineStep: (e) =>
        events.push([
          'step',
          `${e.node.name()} in=${e.gradsIn.map((g) => g?.shape.join('x') ?? '-').join(',')} out=${e.gradsOut
            .map((g) => g?.shape.join('x') ?? '-')
            .join(',')}`,
        ]),
      gradAccumulated: (e) =>
        events.push([
          'accumulate',
          `#${e.tensor.id} before=${e.before === null ? 'None' : 'tensor'} retained=${e.retained}`,
        ]),
      backwardFinished: (err) =>
        events.push([
          'finished',
          err === null ? 'ok' : err instanceof Error ? err.message : 'error',
        ]),
    },
  };
}

afterEach(() => {
  setObserver(null);
});

describe('setObserver', () => {
  it('returns the previous observer and getObserver reads it', () => {
    const a = recorder().observer;
    const b = recorder().observer;
    expect(setObserver(a)).toBeNull();
    expect(setObserver(b)).toBe(a);
    expect(getObserver()).toBe(b);
    expect(setObserver(null)).toBe(b);
  });
});

describe('the record of the seed tutorial', () => {
  it('reports factories, ops, the backward pass and its steps in order', () => {
    const {events, observer} = recorder();
    setObserver(observer);
    const x = torch.ones(2, 2, {requiresGrad: true});
    const y = x.add(2);
    const z = y.mul(y).mul(3);
    const out = z.mean();
    out.backward();
    const kinds = events.map(([k]) => k);
    // Each op's output is made (tensorCreated) before the op is reported.
    expect(kinds.slice(0, 4)).toEqual(['tensor', 'op', 'tensor', 'op']);
    const ops = events.filter(([k]) => k === 'op').map(([, d]) => d.split('(')[0]);
    expect(ops).toEqual(['ones', 'add', 'mul', 'mul', 'mean']);
    expect(events.find(([, d]) => d.startsWith('add('))?.[1]).toBe(
      `add(#${x.id}) {"other":2,"alpha":1} -> #${y.id}`,
    );
    const steps = events.filter(([k]) => k === 'step').map(([, d]) => d);
    expect(steps).toEqual([
      'MeanBackward0 in= out=2x2',
      'MulBackward0 in=2x2 out=2x2,-',
      'MulBackward0 in=2x2 out=2x2,2x2',
      'AddBackward0 in=2x2 out=2x2,-',
      'torch::autograd::AccumulateGrad in=2x2 out=',
    ]);
    const tail = events.slice(events.findIndex(([k]) => k === 'backward')).map(([k]) => k);
    expect(tail[0]).toBe('backward');
    expect(tail.filter((k) => k === 'accumulate')).toHaveLength(1);
    expect(tail[tail.length - 1]).toBe('finished');
    expect(events.find(([k]) => k === 'backward')?.[1]).toBe(`#${out.id} seeds=tensor(1.)`);
    expect(x.grad?.toString()).toBe('tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  });

  it('tells each step the gradients it received and sent, aligned with next_functions', () => {
    const steps: {name: string; inValues: string[]; outValues: string[]; next: number}[] = [];
    setObserver({
      engineStep: (e) =>
        steps.push({
          name: e.node.name(),
          inValues: e.gradsIn.map((g) => g?.toString() ?? 'None'),
          outValues: e.gradsOut.map((g) => g?.toString() ?? 'None'),
          next: e.node.nextFunctions.length,
        }),
    });
    const a = torch.tensor([1, 2], {requiresGrad: true});
    const b = torch.tensor([3, 4], {requiresGrad: true});
    a.mul(b).sum().backward();
    expect(steps.map((s) => s.name)).toEqual([
      'SumBackward0',
      'MulBackward0',
      'torch::autograd::AccumulateGrad',
      'torch::autograd::AccumulateGrad',
    ]);
    const mul = steps[1];
    expect(mul?.outValues).toEqual(['tensor([3., 4.])', 'tensor([1., 2.])']);
    expect(mul?.outValues.length).toBe(mul?.next);
    expect(steps[0]?.inValues).toEqual(['tensor(1.)']);
  });
});

describe('what is and is not reported', () => {
  it('reports both internal ops of cross_entropy (log_softmax, nll_loss)', () => {
    const {events, observer} = recorder();
    const logits = torch.tensor([[1, 2, 0.5]], {requiresGrad: true});
    const target = torch.tensor([1n]);
    setObserver(observer);
    const loss = F.crossEntropy(logits, target);
    expect(events.filter(([k]) => k === 'op').map(([, d]) => d.split('(')[0])).toEqual([
      'log_softmax',
      'nll_loss',
    ]);
    expect(loss.gradFn?.name()).toBe('NllLossBackward0');
  });

  it('does not report the ops backward formulas run', () => {
    const x = torch.tensor([1, 2], {requiresGrad: true});
    const y = x.exp().mul(x).sum();
    const {events, observer} = recorder();
    setObserver(observer);
    y.backward();
    expect(events.filter(([k]) => k === 'op')).toEqual([]);
  });

  it('marks ops run under no_grad and in-place ops', () => {
    const {events, observer} = recorder();
    setObserver(observer);
    const x = torch.zeros(2);
    torch.noGrad(() => {
      x.add_(1);
    });
    const last = events.filter(([k]) => k === 'op').pop()?.[1] ?? '';
    expect(last.endsWith('inplace nograd')).toBe(true);
    expect(last.startsWith(`add_(#${x.id})`)).toBe(true);
  });

  it('reports a failed backward with its error, then rethrows it', () => {
    const {events, observer} = recorder();
    const x = torch.tensor([1, 2], {requiresGrad: true});
    const s = x.mul(x).sum();
    s.backward();
    setObserver(observer);
    expect(() => {
      s.backward();
    }).toThrow(/backward through the graph a second time/);
    // The seed is made, SumBackward0 (which saved nothing) runs, MulBackward0 finds its saved
    // tensors freed: no step for it, and the error reaches backwardFinished.
    expect(events.filter(([k]) => k === 'step').map(([, d]) => d.split(' ')[0])).toEqual([
      'SumBackward0',
    ]);
    expect(events[0]?.[0]).toBe('tensor');
    expect(events[1]?.[0]).toBe('backward');
    expect(events[events.length - 1]?.[1]).toMatch(/second time/);
  });

  it('reports retained non-leaf gradients as retained accumulations', () => {
    const x = torch.tensor([1, 2], {requiresGrad: true});
    const y = x.mul(3);
    y.retainGrad();
    const {events, observer} = recorder();
    setObserver(observer);
    y.sum().backward();
    const acc = events.filter(([k]) => k === 'accumulate').map(([, d]) => d);
    expect(acc).toEqual([
      `#${y.id} before=None retained=true`,
      `#${x.id} before=None retained=false`,
    ]);
    expect(y.grad?.toString()).toBe('tensor([1., 1.])');
  });

  it('costs nothing without an observer: no callbacks, same results', () => {
    setObserver(null);
    const x = torch.ones(3, {requiresGrad: true});
    x.mul(2).sum().backward();
    expect(x.grad).toBeInstanceOf(Tensor);
  });
});
