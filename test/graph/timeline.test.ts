import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {dataPart} from '../../src/graph/display.js';
import type {Graph, Timeline} from '../../src/graph/model.js';
import {opLabel} from '../../src/graph/labels.js';
import {fmt} from '../../src/graph/quantity.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {golden} from '../trace/golden.js';

const g = golden('seed');
const trace = traceSource(g.source);
const dataflow = buildGraph(trace);
const autograd = buildGraph(trace, {view: 'autograd'});
const flow = buildTimeline(trace, dataflow);
const auto = buildTimeline(trace, autograd);
const pass = g.passes[0];
if (!pass) throw new Error('the seed golden has a pass');

/** The first grad value a golden step received / sent, as narration writes numbers. */
const gotIn = (i: number) => fmt(pass.steps[i]?.grads_in[0]?.[0] ?? NaN);
const sentOut = (i: number, j = 0) => fmt(pass.steps[i]?.grads_out[j]?.[0] ?? NaN);

function nodeId(graph: Graph, label: string): string {
  const n = graph.nodes.find((x) => x.label === label);
  if (!n) throw new Error(`no node ${label}`);
  return n.id;
}

function backwardSteps(timeline: Timeline) {
  return timeline.steps.filter((s) => s.phase === 'backward');
}

describe('buildTimeline on the seed tutorial', () => {
  it('has one forward step per op in program order, then the seed, then one step per engine step', () => {
    const forward = flow.steps.filter((s) => s.phase === 'forward');
    expect(forward).toHaveLength(trace.ops.length);
    expect(forward.map((s) => s.span?.line)).toEqual(trace.ops.map((o) => o.span?.line));
    expect(backwardSteps(flow)).toHaveLength(1 + pass.order.length);
    expect(flow.steps.map((s) => s.index)).toEqual(flow.steps.map((_, i) => i));
  });

  it('runs the backward steps in the order the engine ran them', () => {
    const names = backwardSteps(auto)
      .slice(1)
      .map((s) => autograd.nodes.find((n) => n.id === s.nodeIds[0])?.label);
    expect(names).toEqual(pass.order);
  });

  it('says what kind of step each is and names it as the code or PyTorch does', () => {
    expect(flow.steps.map((s) => s.kind)).toEqual([
      ...trace.ops.map(() => 'op'),
      'seed',
      ...pass.order.map((n) => (n === 'AccumulateGrad' ? 'accumulate' : 'engine')),
    ]);
    expect(flow.steps.map((s) => s.label)).toEqual([
      ...trace.ops.map((o) => opLabel(o)),
      'backward()',
      ...pass.order,
    ]);
  });

  it('gives both views the same steps, spans and narration', () => {
    expect(auto.steps.map((s) => [s.phase, s.kind, s.label, s.span, s.narration])).toEqual(
      flow.steps.map((s) => [s.phase, s.kind, s.label, s.span, s.narration]),
    );
  });

  it('narrates the chain rule with the step’s numbers, in English', () => {
    const [seed, mean, times3, square, add, acc] = backwardSteps(flow).map((s) => s.narration.en);
    expect(seed).toContain('out.backward()');
    expect(seed).toContain(`∂out/∂out = ${fmt(pass.seed[0] ?? NaN)}`);
    expect(mean).toMatch(/^MeanBackward0/);
    expect(mean).toContain(`∂out/∂z = 1/${g.tensors.z?.values.length}`);
    expect(mean).toContain(`each element of z gets ${gotIn(0)} · 1/4 = ${sentOut(0)}`);
    expect(times3).toContain(`(y * y) gets ${gotIn(1)} · 3 = ${sentOut(1)}`);
    // y * y: both inputs are y, so y receives the sum of two products.
    const y = fmt(g.tensors.y?.values[0] ?? NaN);
    expect(square).toContain(`y receives ${gotIn(2)} · ${y} + ${gotIn(2)} · ${y} = ${gotIn(3)}`);
    expect(square).toContain('y is not a leaf');
    expect(add).toContain(`x gets ${gotIn(3)} · 1 = ${sentOut(3)}`);
    expect(acc).toContain(`x.grad = ${fmt(g.tensors.x?.grad?.[0] ?? NaN)}`);
  });

  it('narrates the same in Chinese', () => {
    const zh = backwardSteps(flow).map((s) => s.narration.zh);
    expect(zh[0]).toContain('反向传播从 out 开始');
    expect(zh[1]).toContain(`z 的每个元素得到 ${gotIn(0)} · 1/4 = ${sentOut(0)}`);
    expect(zh[3]).toContain(`y 的每个元素得到 ${gotIn(2)} · 3 + ${gotIn(2)} · 3 = ${gotIn(3)}`);
    expect(zh[3]).toContain('梯度相加');
    expect(zh[3]).toContain('y 不是叶子节点');
    expect(zh[5]).toContain(`梯度写入 x.grad = ${fmt(g.tensors.x?.grad?.[0] ?? NaN)}`);
    expect(flow.steps[0]?.narration.zh).toContain('创建 x');
  });

  it('lights the op and the two links of y * y as y’s gradient comes back', () => {
    const square = backwardSteps(flow)[3];
    const times = nodeId(dataflow, '×');
    const links = dataflow.links.filter((l) => l.target === times).map((l) => l.id);
    expect(square?.nodeIds).toContain(times);
    expect(square?.linkIds).toEqual(expect.arrayContaining(links));
    const state = stateAt(flow, square?.index ?? -1);
    for (const l of links) {
      expect(state.links[l]?.flow).toBe('backward');
      expect(state.links[l]?.grad?.text).toMatch(new RegExp(sentOut(2, 0).replace('.', '\\.')));
    }
    expect(state.nodes[nodeId(dataflow, 'y')]?.gradStored).toBe(false);
  });
});

describe('stateAt on the seed tutorial', () => {
  it('at the first step shows only x, with its values, and points at line 2', () => {
    const s = stateAt(flow, 0);
    const x = nodeId(dataflow, 'x');
    expect(s.nodes[x]).toMatchObject({visible: true, active: true});
    expect(s.nodes[x]?.value?.text).toBe(dataPart(g.tensors.x?.repr ?? ''));
    expect(
      Object.entries(s.nodes)
        .filter(([, n]) => n.visible)
        .map(([id]) => id),
    ).toEqual([x]);
    expect(s.span?.line).toBe(2);
    expect(s.narration.en).toContain('makes x');
  });

  it('at the last forward step shows every value and no grad yet, and what was printed', () => {
    const k = flow.steps.filter((st) => st.phase === 'forward').length - 1;
    const s = stateAt(flow, k);
    const z = nodeId(dataflow, 'z');
    expect(s.nodes[z]?.value?.text).toBe(dataPart(g.tensors.z?.repr ?? ''));
    expect(Object.values(s.nodes).some((n) => n.grad)).toBe(false);
    expect(
      dataflow.nodes.filter((n) => n.kind !== 'seed').every((n) => s.nodes[n.id]?.visible),
    ).toBe(true);
    expect(s.output).toBe(trace.prints[0]?.text);
  });

  it('at the last step shows x.grad as PyTorch prints it, stored, and the whole output', () => {
    const last = flow.steps.length - 1;
    const s = stateAt(flow, last);
    const x = nodeId(dataflow, 'x');
    const printed = g.output.slice(g.output.lastIndexOf('tensor(')).trimEnd();
    expect(s.nodes[x]?.grad?.text).toBe(dataPart(printed));
    expect(s.nodes[x]?.gradStored).toBe(true);
    expect(s.output).toBe(g.output);
    const sa = stateAt(auto, last);
    expect(sa.nodes[nodeId(autograd, 'x')]?.grad?.text).toBe(dataPart(printed));
    expect(sa.nodes[nodeId(autograd, 'AccumulateGrad')]?.active).toBe(true);
  });

  it('is pure: the same step gives the same state whatever came before, and k is clamped', () => {
    const a = stateAt(flow, 7);
    stateAt(flow, 2);
    stateAt(flow, 10);
    expect(stateAt(flow, 7)).toEqual(a);
    expect(stateAt(flow, -5)).toEqual(stateAt(flow, 0));
    expect(stateAt(flow, 1e9)).toEqual(stateAt(flow, flow.steps.length - 1));
    expect(stateAt(flow, Number.NaN)).toEqual(stateAt(flow, 0));
    expect(stateAt(flow, 2.7)).toEqual(stateAt(flow, 2));
  });

  it('has a state for every node and link of the graph at every step', () => {
    for (let k = 0; k < flow.steps.length; k++) {
      const s = stateAt(flow, k);
      expect(Object.keys(s.nodes).sort()).toEqual(dataflow.nodes.map((n) => n.id).sort());
      expect(Object.keys(s.links).sort()).toEqual(dataflow.links.map((l) => l.id).sort());
    }
  });

  it('gives an empty picture for an empty timeline', () => {
    const empty = buildTimeline(
      traceSource('import torch\n'),
      buildGraph(traceSource('import torch\n')),
    );
    expect(empty.steps).toEqual([]);
    expect(stateAt(empty, 0)).toMatchObject({step: -1, span: null, output: ''});
  });
});

describe('timelines of other golden cases', () => {
  it('loop: each iteration’s backward steps follow PyTorch’s engine order', () => {
    const loop = golden('loop');
    const t = traceSource(loop.source);
    loop.passes.forEach((p, i) => {
      const graph = buildGraph(t, {view: 'autograd', iteration: i});
      const tl = buildTimeline(t, graph);
      const names = backwardSteps(tl)
        .slice(1)
        .map((s) => graph.nodes.find((n) => n.id === s.nodeIds[0])?.label);
      expect(names).toEqual(p.order);
      // The loss of this iteration is the float32 PyTorch printed with loss.item().
      const printed = Number(loop.output.split('\n')[i]);
      const lossNode = buildGraph(t, {iteration: i}).nodes.find((n) => n.label === 'loss');
      const loss = t.tensors.find((x) => x.id === lossNode?.tensorId);
      expect(loss?.versions[0]?.data.values).toEqual([Math.fround(printed)]);
    });
  });

  it('loop: w.grad is held from the last pass, then shows the zero_() once it runs', () => {
    const t = traceSource(golden('loop').source);
    const graph = buildGraph(t, {iteration: 1});
    const tl = buildTimeline(t, graph);
    const w0 = graph.nodes.find((n) => n.label === 'w');
    const w1 = graph.nodes.find((n) => n.label === 'w (v1)');
    const zero = tl.steps.find((s) => s.narration.en.includes('zero_()'));
    expect(zero).toBeDefined();
    const accs = t.backwardPasses[0]?.accumulations ?? [];
    const held = stateAt(tl, 0).nodes[w0?.id ?? ''];
    expect(held?.gradStored).toBe(true);
    expect(held?.grad?.text).toBe(`[${fmt(Number(accs[0]?.after.values?.[0]))}.]`);
    expect(stateAt(tl, zero?.index ?? 0).nodes[w1?.id ?? '']?.grad?.text).toBe('[0.]');
  });

  it('retain: b.grad is written when b’s grad_fn runs, and narrated', () => {
    const r = golden('retain');
    const t = traceSource(r.source);
    const graph = buildGraph(t);
    const tl = buildTimeline(t, graph);
    const step = tl.steps.find((s) => s.narration.en.includes('b.retain_grad() was called'));
    const b = graph.nodes.find((n) => n.label === 'b');
    const state = stateAt(tl, step?.index ?? -1);
    expect(state.nodes[b?.id ?? '']?.gradStored).toBe(true);
    expect(step?.narration.zh).toContain('b.retain_grad()');
    expect(r.output.startsWith(`tensor(${state.nodes[b?.id ?? '']?.grad?.text ?? ''})`)).toBe(true);
  });

  it('twice: the second pass adds to x.grad and says so', () => {
    const tw = golden('twice');
    const t = traceSource(tw.source);
    const graph = buildGraph(t, {iteration: 1});
    const tl = buildTimeline(t, graph);
    const last = tl.steps.at(-1);
    expect(last?.narration.en).toMatch(/x\.grad = \[.*\] \+ \[.*\] = \[.*\]/);
    expect(last?.narration.en).toContain(`[${(tw.tensors.x?.grad ?? []).map(fmt).join(', ')}]`);
  });

  it('tutorial: steps up to the error, with the whole output printed so far', () => {
    const tu = golden('tutorial');
    const t = traceSource(tu.source);
    const graph = buildGraph(t);
    const tl = buildTimeline(t, graph);
    expect(t.error?.type).toBe(tu.error?.type);
    expect(stateAt(tl, tl.steps.length - 1).output).toBe(tu.output);
  });
});

describe('buildTimeline: a factory in the autograd view', () => {
  it('lights the leaf it makes and shows its value at that step (regression: x stayed hidden)', () => {
    const x = nodeId(autograd, 'x');
    const first = stateAt(auto, 0);
    expect(auto.steps[0]?.nodeIds).toContain(x);
    expect(first.nodes[x]?.visible).toBe(true);
    expect(first.nodes[x]?.active).toBe(true);
    expect(first.nodes[x]?.value?.text).toBe(
      stateAt(flow, 0).nodes[nodeId(dataflow, 'x')]?.value?.text,
    );
    expect(first.nodes[x]?.value?.text).toMatch(/1\./);
  });
});
