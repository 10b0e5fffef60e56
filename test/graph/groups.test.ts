import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {neuronsTrace, seedTrace, isDag} from './fixtures.js';

describe('groups of repeated structure in big graphs', () => {
  const trace = neuronsTrace(40, 6);
  const full = buildGraph(trace, {collapse: []});
  const grouped = buildGraph(trace);

  it('leaves small graphs alone', () => {
    const g = buildGraph(seedTrace());
    expect(g.groups).toBeUndefined();
    expect(g.nodes.some((n) => n.kind === 'group')).toBe(false);
  });

  it('finds one group per neuron’s weighted sum, each ending at its named result', () => {
    expect(full.nodes.length).toBeGreaterThan(400);
    expect(full.groups).toHaveLength(40);
    expect(full.groups?.every((g) => g.label.startsWith('act = '))).toBe(true);
    const ids = new Set(full.nodes.map((n) => n.id));
    for (const g of full.groups ?? []) for (const m of g.nodeIds) expect(ids.has(m)).toBe(true);
    const members = full.nodes.filter((n) => n.groupId !== undefined);
    expect(members.length).toBe((full.groups ?? []).reduce((a, g) => a + g.nodeIds.length, 0));
    expect(members.some((n) => n.label === 'act' || n.label === 'w')).toBe(false);
  });

  it('collapses every group by default past 400 nodes, keeping a DAG with valid links', () => {
    expect(grouped.collapsed).toHaveLength(40);
    expect(grouped.nodes.length).toBeLessThan(full.nodes.length / 2);
    const ids = new Set(grouped.nodes.map((n) => n.id));
    for (const l of grouped.links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
    expect(isDag(grouped)).toBe(true);
    const group = grouped.nodes.find((n) => n.kind === 'group');
    expect(group?.members?.every((m) => !ids.has(m))).toBe(true);
    expect(grouped.links.some((l) => (l.members?.length ?? 0) > 0)).toBe(true);
  });

  it('collapses only the groups asked for', () => {
    const first = full.groups?.[0]?.id ?? '';
    const one = buildGraph(trace, {collapse: [first]});
    expect(one.collapsed).toEqual([first]);
    expect(one.nodes.filter((n) => n.kind === 'group').map((n) => n.id)).toEqual([first]);
  });

  it('maps every step onto the collapsed graph', () => {
    const tl = buildTimeline(trace, grouped);
    const nodes = new Set(grouped.nodes.map((n) => n.id));
    const links = new Set(grouped.links.map((l) => l.id));
    for (const s of tl.steps) {
      for (const id of s.nodeIds) expect(nodes.has(id)).toBe(true);
      for (const id of s.linkIds) expect(links.has(id)).toBe(true);
    }
    const fullTl = buildTimeline(trace, full);
    expect(tl.steps.map((s) => s.narration)).toEqual(fullTl.steps.map((s) => s.narration));
    const last = stateAt(tl, tl.steps.length - 1);
    expect(Object.values(last.nodes).every((n) => n.visible)).toBe(true);
  });

  it('seeks exactly however it was reached (cached replays change no result)', () => {
    const tl = buildTimeline(trace, full);
    const n = tl.steps.length;
    expect(n).toBeGreaterThan(300);
    const ks = [n - 1, 5, 200, 64, 63, 0, 130, n - 2, 127, 128];
    for (const k of ks) expect(stateAt(tl, k)).toEqual(stateAt({...tl}, k));
    // Deep equality of two whole states of a 300-step graph, ten times: seconds on a busy machine.
  }, 30_000);

  it('groups the autograd view the same way', () => {
    const auto = buildGraph(trace, {view: 'autograd'});
    expect(auto.nodes.length).toBeLessThan(
      buildGraph(trace, {view: 'autograd', collapse: []}).nodes.length,
    );
    expect(isDag(auto)).toBe(true);
  });
});

describe('a long loop of one op per iteration', () => {
  const source = [
    'import torch',
    'x = torch.tensor(2.0, requires_grad=True)',
    'y = x',
    'for i in range(100):',
    '    y = y * 1.01',
    'y.backward()',
    'print(x.grad)',
    '',
  ].join('\n');
  const trace = traceSource(source);

  for (const view of ['dataflow', 'autograd'] as const) {
    it(`(${view}) is cut into blocks of iterations, collapsed but the last, and scrubs in a few steps`, () => {
      const graph = buildGraph(trace, {view});
      expect(isDag(graph)).toBe(true);
      const blocks = (graph.groups ?? []).filter((g) => g.kind === 'iteration');
      expect(blocks.map((g) => g.label)).toEqual(
        Array.from({length: 10}, (_, k) => `i = ${10 * k} … ${10 * k + 9}`),
      );
      expect(graph.collapsed).toEqual(blocks.slice(0, 9).map((g) => g.id));
      const steps = buildTimeline(trace, graph).steps;
      const open = buildTimeline(trace, buildGraph(trace, {view, collapse: []})).steps;
      // torch.tensor, 100 ops, the seed, 100 engine steps, x.grad; folded: nine blocks each way.
      expect(open.length).toBe(1 + 100 + 1 + 100 + 1);
      expect(steps.length).toBe(open.length - 2 * 9 * 9);
      const back = steps.filter((s) => s.phase === 'backward' && s.kind === 'group');
      expect(back.map((s) => s.label)).toEqual(
        blocks
          .slice(0, 9)
          .map((g) => g.label)
          .reverse(),
      );
      expect(back[0]?.narration.en).toBe(
        'i = 80 … 89 (collapsed): the backward pass goes through it in 10 engine steps. Expand the group to step through it.',
      );
      // The last step is still the gradient landing in x.grad, as the expanded timeline ends.
      expect(steps.at(-1)?.narration).toEqual(open.at(-1)?.narration);
    });
  }
});
