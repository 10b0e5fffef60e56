import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {dataPart} from '../../src/graph/display.js';
import {fmt} from '../../src/graph/quantity.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/pipeline.js';
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
    const acc = texts.at(-1) ?? '';
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
