/**
 * Traces for the graph tests, made by running autograd under traceCallback: the golden cases of
 * test/golden/trace written against the TypeScript API (their numbers are checked against the
 * PyTorch goldens, never typed in).
 */
import {noGrad} from '../../autograd/gradmode.js';
import {torch} from '../../autograd/torch.js';
import type {Tensor} from '../../autograd/tensor.js';
import {traceCallback} from '../../src/trace/callback.js';
import type {Graph} from '../../src/graph/model.js';
import type {Trace} from '../../src/trace/schema.js';

export {seedTrace} from '../trace/fixtures.js';

/** The golden case `loop`: three steps of gradient descent on `((w * xs - ys) ** 2).mean()`. */
export function loopTrace(): Trace {
  return traceCallback((name) => {
    const w = name('w', torch.tensor([0.5], {requiresGrad: true}));
    const xs = name('xs', torch.tensor([1, 2, 3]));
    const ys = name('ys', torch.tensor([2, 4, 6]));
    for (let i = 0; i < 3; i++) {
      const loss = name('loss', w.mul(xs).sub(ys).pow(2).mean());
      loss.backward();
      noGrad(() => w.sub_((w.grad as Tensor).mul(0.1)));
      (w.grad as Tensor).zero_();
    }
  });
}

/** The golden case `nograd`: a tensor made under no_grad and one made by detach() feed the graph. */
export function nogradTrace(): Trace {
  return traceCallback((name) => {
    const x = name('x', torch.ones([2], {requiresGrad: true}));
    const q = name(
      'q',
      noGrad(() => x.mul(2)),
    );
    const d = name('d', x.detach());
    const r = name('r', x.mul(q).add(d).sum());
    r.backward();
  });
}

/** `neurons` neurons of `inputs` inputs, micrograd style: each a sum of products, then tanh. */
export function neuronsTrace(neurons: number, inputs: number): Trace {
  return traceCallback((name) => {
    const xs = Array.from({length: inputs}, (_, i) => name(`x${i}`, torch.tensor(i / inputs)));
    let total: Tensor | null = null;
    for (let n = 0; n < neurons; n++) {
      let act = name('b', torch.tensor(0.1 * n, {requiresGrad: true}));
      for (let i = 0; i < inputs; i++) {
        const w = name('w', torch.tensor(0.01 * (n + i), {requiresGrad: true}));
        act = act.add(w.mul(xs[i] as Tensor));
      }
      name('act', act);
      const out = name('out', act.tanh());
      total = total === null ? out : total.add(out);
    }
    name('loss', total as Tensor).backward();
  });
}

/** True when the graph's links form no cycle (every view must be a DAG). */
export function isDag(graph: Graph): boolean {
  const out = new Map<string, string[]>();
  for (const l of graph.links) out.set(l.source, [...(out.get(l.source) ?? []), l.target]);
  const state = new Map<string, number>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 1) return false;
    if (state.get(id) === 2) return true;
    state.set(id, 1);
    for (const t of out.get(id) ?? []) if (!visit(t)) return false;
    state.set(id, 2);
    return true;
  };
  return graph.nodes.every((n) => visit(n.id));
}
