import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {dataPart} from '../../src/graph/display.js';
import {fmt} from '../../src/graph/quantity.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {golden} from '../trace/golden.js';

function picture(name: string) {
  const g = golden(name);
  const trace = traceSource(g.source);
  const graph = buildGraph(trace);
  return {g, trace, graph, timeline: buildTimeline(trace, graph)};
}

describe('op labels', () => {
  it('fold Python numbers into the operation, in the order the code wrote them', () => {
    const {graph} = picture('ops');
    const ops = graph.nodes.filter((n) => n.kind === 'op').map((n) => n.label);
    expect(ops.slice(0, 7)).toEqual(['− 2', '2 −', '÷ 4', '** 2', '2 **', 'exp', 'sigmoid']);
    expect(ops.slice(7, 13)).toEqual(['+', '+', '+', '+', '+', '+']);
    expect(ops.at(-1)).toBe('sum');
  });

  it('label matmul as @ and an in-place add as +=', () => {
    expect(
      picture('neuron')
        .graph.nodes.filter((n) => n.kind === 'op')
        .map((n) => n.label),
    ).toEqual(['@', '+', 'tanh', 'sum']);
    expect(
      picture('inplace').graph.nodes.find((n) => n.kind === 'op' && n.label === '+= 1'),
    ).toBeDefined();
  });
});

describe('narration', () => {
  it('names each grad_fn as PyTorch does, in the engine’s order, in both languages', () => {
    const {g, timeline, graph} = picture('ops');
    const engine = timeline.steps.filter((s) => s.phase === 'backward').slice(1);
    expect(engine).toHaveLength(g.passes[0]?.order.length ?? -1);
    engine.forEach((s, i) => {
      const name = g.passes[0]?.order[i] ?? '';
      if (name === 'AccumulateGrad') {
        expect(s.narration.en).toMatch(/^AccumulateGrad: a is a leaf/);
        expect(s.narration.zh).toMatch(/^AccumulateGrad：a 是叶子节点/);
      } else {
        expect(s.narration.en.startsWith(name)).toBe(true);
        expect(s.narration.zh.startsWith(name)).toBe(true);
      }
      expect(s.nodeIds.every((id) => graph.nodes.some((n) => n.id === id))).toBe(true);
    });
  });

  it('shows each gradient a used-many-times leaf receives, then their sum as the engine computed it', () => {
    const {g, timeline} = picture('ops');
    const last = timeline.steps.at(-1);
    const grad = g.tensors.a?.grad ?? [];
    expect(last?.narration.en).toContain(`a.grad = [${grad.map(fmt).join(', ')}]`);
    const sum = timeline.steps.find((s) => s.narration.en.includes('a receives'));
    expect(sum?.narration.en).toContain('a was used 7 times, so the gradients add up');
    expect(sum?.narration.en).toContain(`= [${grad.map(fmt).join(', ')}]`);
    const partial = timeline.steps.filter((s) =>
      s.narration.en.includes('so far (a was used 7 times'),
    );
    expect(partial).toHaveLength(6);
    expect(partial[0]?.narration.zh).toContain('还会收到更多');
  });

  it('gives the chain rule of tanh, exp, σ, powers and division', () => {
    const ops = picture('ops')
      .timeline.steps.map((s) => s.narration.en)
      .join('\n');
    expect(ops).toContain('∂h/∂a = σ(a)·(1 − σ(a))');
    expect(ops).toContain('∂g/∂a = exp(a)');
    expect(ops).toContain('∂e/∂a = 2·a');
    expect(ops).toContain('∂d/∂a = 1/4');
    expect(ops).toContain('∂c/∂a = -1');
    expect(ops).toContain('∂f/∂a = ln(2)·2^a');
    const neuron = picture('neuron')
      .timeline.steps.map((s) => s.narration.en)
      .join('\n');
    expect(neuron).toContain('1 − tanh²(x @ W + b)');
    expect(neuron).toContain('W gets xᵀ @ grad');
  });

  it('shows the gradient given to backward(gradient) where it enters', () => {
    const {g, timeline, graph} = picture('vjp');
    const seedStep = timeline.steps.find((s) => s.phase === 'backward');
    const seed = g.passes[0]?.seed.map((v) => fmt(Math.fround(v))) ?? [];
    expect(seedStep?.narration.en).toContain(`with the given gradient [${seed.join(', ')}]`);
    expect(seedStep?.narration.zh).toContain(`使用传入的梯度 [${seed.join(', ')}]`);
    const seedNode = graph.nodes.find((n) => n.kind === 'seed');
    const state = stateAt(timeline, seedStep?.index ?? -1);
    expect(state.nodes[seedNode?.id ?? '']?.value?.text).toBe(
      dataPart(g.passes[0]?.seed_repr ?? ''),
    );
    expect(state.nodes[seedNode?.id ?? '']?.visible).toBe(true);
    expect(state.links[graph.links.find((l) => l.target === seedNode?.id)?.id ?? '']?.flow).toBe(
      'backward',
    );
  });

  it('summarises a large tensor instead of listing its elements', () => {
    const {timeline, g} = picture('big');
    const texts = timeline.steps.map((s) => s.narration.en);
    for (const t of texts) expect(t.length).toBeLessThan(400);
    const acc = texts.find((t) => t.startsWith('AccumulateGrad')) ?? '';
    const grad = g.tensors.w?.grad ?? [];
    expect(acc).toContain(
      `w.grad = (40×40, ${fmt(Math.min(...grad))} … ${fmt(Math.max(...grad))})`,
    );
  });

  it('lights the link an in-place op’s gradient flows along', () => {
    const {timeline, graph} = picture('inplace');
    const add = graph.nodes.find((n) => n.kind === 'op' && n.label === '+= 1');
    const step = timeline.steps.find((s) => s.phase === 'backward' && s.nodeIds[0] === add?.id);
    const into = graph.links.find((l) => l.target === add?.id);
    expect(step?.linkIds).toContain(into?.id);
    expect(graph.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['y', 'y (v1)']));
  });
});

/** Every step of every iteration of a golden case, in order. */
function allSteps(name: string) {
  const g = golden(name);
  const trace = traceSource(g.source);
  const steps = [];
  for (let i = 0; i < Math.max(1, trace.backwardPasses.length); i++) {
    const graph = buildGraph(trace, {iteration: i});
    steps.push(...buildTimeline(trace, graph).steps);
  }
  return {g, steps};
}

describe('narration says what a teacher would', () => {
  it('adds a pass’s gradient to the value .grad held before, across passes and after zero_()', () => {
    const {g, steps} = allSteps('accumulate');
    const acc = steps.filter((s) => s.narration.en.startsWith('AccumulateGrad'));
    const grads = g.passes.map((p) => p.grads.find((x) => x.leaf === 'w'));
    expect(acc).toHaveLength(3);
    expect(grads[0]?.before).toBeNull();
    expect(acc[0]?.narration.en).toContain(`w.grad = ${fmt(grads[0]?.after[0] ?? NaN)}.`);
    for (const k of [1, 2]) {
      const p = g.passes[k];
      const before = fmt(p?.grads[0]?.before?.[0] ?? NaN);
      const incoming = fmt(p?.steps.at(-1)?.grads_in[0]?.[0] ?? NaN);
      const after = fmt(p?.grads[0]?.after[0] ?? NaN);
      expect(acc[k]?.narration.en).toContain(`w.grad = ${before} + ${incoming} = ${after}.`);
      expect(acc[k]?.narration.zh).toContain(`w.grad = ${before} + ${incoming} = ${after}。`);
    }
    // 3 + 4 = 7, then 0 + 4 = 4 after w.grad.zero_(), as PyTorch printed.
    expect(g.output).toBe(`tensor(${fmt(grads[1]?.after[0] ?? NaN)}.)\ntensor(4.)\n`);
    const zero = steps.find((s) => s.narration.en.startsWith('w.grad.zero_()'));
    expect(zero?.narration.en).toBe('w.grad.zero_(): changes w.grad in place; it is now 0.');
    expect(zero?.narration.zh).toBe('w.grad.zero_()：原地修改 w.grad，现在是 0。');
  });

  it('keeps the accumulation of several passes right on the seed tutorial’s twice case', () => {
    const {g, steps} = allSteps('twice');
    const last = steps.filter((s) => s.narration.en.startsWith('AccumulateGrad')).at(-1);
    const p = g.passes[1]?.grads[0];
    const list = (xs: readonly number[] | null | undefined) =>
      `[${(xs ?? []).map(fmt).join(', ')}]`;
    const incoming = g.passes[1]?.steps.at(-1)?.grads_in[0];
    expect(last?.narration.en).toContain(
      `x.grad = ${list(p?.before)} + ${list(incoming)} = ${list(p?.after)}.`,
    );
  });

  it('says the number of each symbol a formula uses, and names an unnamed result once', () => {
    const {g, steps} = allSteps('seed');
    const y = fmt(g.tensors.y?.values[0] ?? NaN);
    const mul = steps.find((s) => s.narration.en.startsWith('MulBackward0 (y * y)'));
    const gIn = fmt(g.passes[0]?.steps[2]?.grads_in[0]?.[0] ?? NaN);
    expect(mul?.narration.en).toContain(`∂(y * y)/∂y = y = ${y}, so each element of y receives`);
    expect(mul?.narration.en).toContain(`${gIn} · ${y} + ${gIn} · ${y}`);
    expect(mul?.narration.zh.startsWith('MulBackward0（y * y）收到')).toBe(true);
    expect(mul?.narration.zh).toContain(`∂(y * y)/∂y = y = ${y}，`);
    expect(steps.some((s) => s.narration.en.includes('(('))).toBe(false);
  });

  it('says a given gradient enters the root: not ∂c/∂c', () => {
    const {g, steps} = allSteps('custom_seed');
    const seed = fmt(g.passes[0]?.seed[0] ?? NaN);
    const mul = steps.find((s) => s.narration.en.startsWith('MulBackward0'));
    const [ga, gb] = g.passes[0]?.steps[0]?.grads_out ?? [];
    expect(mul?.narration.en).toBe(
      `MulBackward0 (c = a * b) receives the gradient given to backward(), ${seed}. ` +
        `Chain rule: ∂c/∂a = b = ${fmt(g.tensors.b?.values[0] ?? NaN)}, ∂c/∂b = a = ${fmt(g.tensors.a?.values[0] ?? NaN)}, ` +
        `so a gets ${seed} · ${fmt(g.tensors.b?.values[0] ?? NaN)} = ${fmt(ga?.[0] ?? NaN)}; ` +
        `b gets ${seed} · ${fmt(g.tensors.a?.values[0] ?? NaN)} = ${fmt(gb?.[0] ?? NaN)}.`,
    );
    expect(mul?.narration.zh).toContain(`收到传给 backward() 的梯度 ${seed}。`);
    expect(steps.some((s) => s.narration.en.includes('∂c/∂c'))).toBe(false);
  });

  it('tells apart the tensors a loop bound to one name', () => {
    const {g, steps} = allSteps('reassign');
    const engine = steps.filter((s) => s.narration.en.startsWith('MulBackward0'));
    const sent = g.passes[0]?.steps.map((s) => fmt(s.grads_in[0]?.[0] ?? NaN)) ?? [];
    expect(engine.map((s) => s.narration.en.split('.')[0])).toEqual([
      `MulBackward0 (out₃ = out * 2) receives ∂out₃/∂out₃ = ${sent[0]}`,
      `MulBackward0 (out₂ = out * 2) receives ∂out₃/∂out₂ = ${sent[1]}`,
      `MulBackward0 (out₁ = out * 2) receives ∂out₃/∂out₁ = ${sent[2]}`,
    ]);
    expect(engine[2]?.narration.zh).toContain(
      `x 得到 ${sent[2]} · 2 = ${fmt(g.tensors.x?.grad?.[0] ?? NaN)}`,
    );
    expect(steps.some((s) => /∂out\/∂out\b/.test(s.narration.en))).toBe(false);
  });
});

describe('a chain-rule sentence for every grad_fn', () => {
  it('says how a node that only moves elements sends its gradient back, and elementwise math', () => {
    const {g, steps} = allSteps('moves');
    const engine = steps.filter((s) => s.kind === 'engine');
    expect(engine.map((s) => s.label)).toEqual(
      g.passes[0]?.order.filter((n) => n !== 'AccumulateGrad'),
    );
    for (const s of engine) {
      expect(s.narration.en).toContain('Chain rule:');
      expect(s.narration.zh).toContain('链式法则：');
    }
    const text = engine.map((s) => s.narration.en).join('\n');
    expect(text).toContain('∂t/∂v = 1, so v gets gradᵀ = ');
    expect(text).toContain('∂v/∂x = 1, so x receives');
    expect(text).toContain('grad.sum_to_size(3) = 2');
    expect(text).toContain('∂s/∂t = 1/(2·sqrt(t))');
    expect(text).toContain('∂(torch.cos(x))/∂x = −sin(x), so x gets 1 · (−sin(x))');
    expect(text).toContain('∂(x.reciprocal())/∂x = −1/x²');
    const acc = steps.find((s) => s.kind === 'accumulate');
    const grad = g.tensors.x?.grad ?? [];
    const rows = [grad.slice(0, 3), grad.slice(3)].map((r) => `[${r.map(fmt).join(', ')}]`);
    expect(acc?.narration.en).toContain(`x.grad = [${rows.join(', ')}]`);
  });

  it('words a node with no formula as the chain rule too, never "It sends"', () => {
    const {steps} = allSteps('ops');
    for (const s of steps) expect(s.narration.en).not.toContain('It sends');
  });
});

describe('transposes the library makes', () => {
  it("are called by what they are (fc.weightᵀ), never by the layer call's expression, and (Wᵀ)ᵀ is W", () => {
    const trace = traceSource(
      'import torch\nfrom torch import nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(3, 2)\n    def forward(self, x):\n        return self.fc(x)\nx = torch.ones(4, 3)\nout = Net()(x).sum()\nout.backward()\n',
    );
    const graph = buildGraph(trace);
    const steps = buildTimeline(trace, graph).steps;
    const t = steps.find((s) => s.label === 't');
    expect(t?.narration.en).toMatch(/^fc\.weightᵀ = /);
    const addmm = steps.find((s) => s.label === 'AddmmBackward0');
    expect(addmm?.narration.en).toContain('∂(self.fc(x))/∂fc.weightᵀ = xᵀ');
    expect(addmm?.narration.en).not.toContain('ᵀᵀ');
    expect(steps.find((s) => s.label === 'TBackward0')?.narration.en).toContain(
      'TBackward0 (fc.weightᵀ)',
    );
  });
});
