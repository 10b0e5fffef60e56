import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {fmt} from '../../src/graph/quantity.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {golden} from '../trace/golden.js';
import {isDag} from './fixtures.js';

function whole(name: string, options: Parameters<typeof buildGraph>[1] = {}) {
  const g = golden(name);
  const trace = traceSource(g.source);
  const graph = buildGraph(trace, options);
  return {g, trace, graph, timeline: buildTimeline(trace, graph)};
}

describe('the whole run in one timeline', () => {
  it('holds every backward pass in the engine’s order, each after the code that ran before it', () => {
    for (const view of ['dataflow', 'autograd'] as const) {
      const {g, graph, timeline} = whole('accumulate', {view});
      expect(graph.whole).toBe(true);
      const seeds = timeline.steps.filter((s) => s.kind === 'seed');
      expect(seeds).toHaveLength(g.passes.length);
      g.passes.forEach((p, k) => {
        const engine = timeline.steps.filter(
          (s) => s.pass === k && (s.kind === 'engine' || s.kind === 'accumulate'),
        );
        expect(engine.map((s) => s.label)).toEqual(p.order);
      });
      const seqs = timeline.steps.map((s) => s.seq ?? 0);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // w.grad.zero_() runs between the second and third passes.
      const zero = timeline.steps.findIndex((s) => s.narration.en.startsWith('w.grad.zero_()'));
      expect(zero).toBeGreaterThan(seeds[1]?.index ?? Infinity);
      expect(zero).toBeLessThan(seeds[2]?.index ?? -1);
    }
  });

  it('marks where each iteration and each pass starts', () => {
    const {g, timeline} = whole('accumulate');
    const passes = timeline.marks?.filter((m) => m.kind === 'pass') ?? [];
    expect(passes.map((m) => m.label)).toEqual([
      'loss1.backward()',
      'loss2.backward()',
      'loss3.backward()',
    ]);
    for (const m of passes) expect(timeline.steps[m.step]?.kind).toBe('seed');
    const iterations = timeline.marks?.filter((m) => m.kind === 'iteration') ?? [];
    expect(iterations.map((m) => m.index)).toEqual(g.passes.map((_, i) => i));
    expect(iterations[0]?.step).toBe(0);
  });

  it('shows .grad accumulating across passes with PyTorch’s numbers', () => {
    const {g, graph, timeline} = whole('accumulate');
    const w = graph.nodes.find((n) => n.kind === 'tensor' && n.label === 'w');
    const writes = timeline.steps.filter((s) => s.kind === 'accumulate');
    g.passes.forEach((p, k) => {
      const state = stateAt(timeline, writes[k]?.index ?? -1);
      expect(Number(state.nodes[w?.id ?? '']?.grad?.text)).toBe(p.grads[0]?.after[0]);
    });
    // After zero_() and before the third pass writes, w.grad shows what zero_() left: 0.
    const zero = timeline.steps.find((s) => s.narration.en.startsWith('w.grad.zero_()'));
    expect(Number(stateAt(timeline, zero?.index ?? -1).nodes[w?.id ?? '']?.grad?.text)).toBe(
      g.passes[2]?.grads[0]?.before?.[0],
    );
  });

  it('draws a second backward of the same root with its own seed (autograd view)', () => {
    const {g, graph, timeline} = whole('twice', {view: 'autograd'});
    expect(graph.nodes.filter((n) => n.kind === 'seed')).toHaveLength(g.passes.length);
    const last = timeline.steps.filter((s) => s.kind === 'accumulate').at(-1);
    const p = g.passes[1]?.grads[0];
    expect(last?.narration.en).toContain(`= [${(p?.after ?? []).map(fmt).join(', ')}]`);
  });

  it('groups a loop’s iterations: collapsed ones are one step each, the last stays open', () => {
    const {g, trace, graph, timeline} = whole('loop', {groupThreshold: 0});
    const spans = graph.groups?.filter((x) => x.kind === 'iteration') ?? [];
    // The runner's loop iterations (`i = 0`, …), else the run's iterations between passes.
    const own = (trace.groups ?? []).filter((x) => x.kind === 'iteration').map((x) => x.name);
    expect(spans.map((x) => x.label)).toEqual(
      own.length > 0 ? own : ['iteration 1', 'iteration 2', 'iteration 3'],
    );
    expect(spans).toHaveLength(g.passes.length);
    expect(graph.collapsed).toEqual(expect.arrayContaining(['gs0', 'gs1']));
    expect(graph.collapsed).not.toContain('gs2');
    expect(isDag(graph)).toBe(true);
    const merged = timeline.steps.filter((s) => s.kind === 'group');
    expect(merged).toHaveLength(2);
    // Each collapsed iteration says the loss its pass started from: what PyTorch printed.
    merged.forEach((s, i) => {
      const printed = Math.fround(Number(g.output.split('\n')[i]));
      expect(s.narration.en).toContain(`loss = ${fmt(printed)}`);
      expect(s.narration.zh).toContain(`loss = ${fmt(printed)}`);
      expect(s.nodeIds).toContain(`gs${i}`);
    });
    // The open iteration keeps every step: its engine steps in PyTorch's order.
    const open = timeline.steps.filter(
      (s) => s.pass === 2 && (s.kind === 'engine' || s.kind === 'accumulate'),
    );
    expect(open.map((s) => s.label)).toEqual(g.passes[2]?.order);
    const expanded = whole('loop', {groupThreshold: 0, collapse: []});
    expect(expanded.timeline.steps.some((s) => s.kind === 'group')).toBe(false);
    expect(expanded.timeline.steps.length).toBeGreaterThan(timeline.steps.length);
    // Seeking is exact on the merged timeline: every state is the same reached any way.
    const k = timeline.steps.length - 1;
    expect(stateAt(timeline, k)).toEqual(stateAt(timeline, k));
  });
});
