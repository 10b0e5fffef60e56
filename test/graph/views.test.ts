import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import type {Graph, GraphNode} from '../../src/graph/model.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {validateTrace} from '../../src/trace/validate.js';
import {golden} from '../trace/golden.js';
import {loopTrace, nogradTrace, seedTrace, isDag} from './fixtures.js';

function byLabel(graph: Graph, label: string): GraphNode {
  const n = graph.nodes.find((x) => x.label === label);
  if (!n) throw new Error(`no node ${label}`);
  return n;
}

function wellFormed(graph: Graph): void {
  const ids = new Set(graph.nodes.map((n) => n.id));
  expect(ids.size).toBe(graph.nodes.length);
  expect(new Set(graph.links.map((l) => l.id)).size).toBe(graph.links.length);
  for (const l of graph.links) {
    expect(ids.has(l.source)).toBe(true);
    expect(ids.has(l.target)).toBe(true);
  }
  for (const n of graph.nodes) {
    expect(n.width).toBeGreaterThan(0);
    expect(n.height).toBeGreaterThan(0);
  }
  expect(isDag(graph)).toBe(true);
}

describe('buildGraph: dataflow view of the seed tutorial', () => {
  const graph = buildGraph(seedTrace());

  it('is a well-formed DAG with one box per tensor and one round node per op', () => {
    wellFormed(graph);
    expect(graph.view).toBe('dataflow');
    expect(graph.iteration).toBeUndefined();
    expect(graph.nodes.filter((n) => n.kind === 'op').map((n) => n.label)).toEqual([
      '+ 2',
      '×',
      '× 3',
      'mean',
    ]);
    expect(graph.nodes.filter((n) => n.kind === 'tensor').map((n) => n.label)).toEqual([
      'x',
      'y',
      '',
      'z',
      'out',
    ]);
  });

  it('folds Python constants into op labels and links y into `×` twice', () => {
    const times = byLabel(graph, '×');
    const y = byLabel(graph, 'y');
    const into = graph.links.filter((l) => l.target === times.id);
    expect(into.map((l) => [l.source, l.slot])).toEqual([
      [y.id, 0],
      [y.id, 1],
    ]);
    expect(
      graph.links.filter((l) => l.target === byLabel(graph, '+ 2').id).map((l) => l.source),
    ).toEqual([byLabel(graph, 'x').id]);
  });

  it('gives leaves, intermediates and the output their roles, and a seed after the output', () => {
    expect(byLabel(graph, 'x').role).toBe('leaf');
    expect(byLabel(graph, 'y').role).toBe('intermediate');
    expect(byLabel(graph, 'out').role).toBe('output');
    const seed = graph.nodes.find((n) => n.kind === 'seed');
    expect(
      graph.links.some((l) => l.source === byLabel(graph, 'out').id && l.target === seed?.id),
    ).toBe(true);
  });

  it('sizes each node from its text so that longer labels get wider boxes', () => {
    expect(byLabel(graph, 'mean').width).toBeGreaterThan(byLabel(graph, '×').width);
    // x's box also holds its 2×2 values and its grad: taller than out's scalar box.
    expect(byLabel(graph, 'x').height).toBeGreaterThan(byLabel(graph, 'out').height);
  });
});

describe('buildGraph: autograd view of the seed tutorial', () => {
  const graph = buildGraph(seedTrace(), {view: 'autograd'});
  const g = golden('seed');

  it('has the grad_fn nodes PyTorch ran, with their exact names', () => {
    wellFormed(graph);
    const fnNames = graph.nodes
      .filter((n) => n.kind === 'gradfn' || n.kind === 'accumulate')
      .map((n) => n.label);
    expect([...fnNames].sort()).toEqual([...(g.passes[0]?.order ?? [])].sort());
    expect(graph.nodes.filter((n) => n.kind === 'accumulate').map((n) => n.label)).toEqual([
      'AccumulateGrad',
    ]);
  });

  it('draws next_functions as links into the node they feed, leaving None out', () => {
    const mean = byLabel(graph, 'MeanBackward0');
    const muls = graph.nodes.filter((n) => n.label === 'MulBackward0');
    const add = byLabel(graph, 'AddBackward0');
    const acc = byLabel(graph, 'AccumulateGrad');
    const pairs = graph.links.map((l) => `${l.source}>${l.target}`);
    // (y * y) * 3 has next_functions ((MulBackward0, 0), (None, 0)): one link only.
    const times3 = muls.find((m) => pairs.includes(`${m.id}>${mean.id}`));
    const square = muls.find((m) => m !== times3);
    expect(graph.links.filter((l) => l.target === times3?.id)).toHaveLength(1);
    expect(
      graph.links.filter((l) => l.source === add.id && l.target === square?.id).map((l) => l.slot),
    ).toEqual([0, 1]);
    expect(pairs).toContain(`${acc.id}>${add.id}`);
  });

  it('hangs the leaf x off its AccumulateGrad and the output after its grad_fn, as torchviz does', () => {
    const x = byLabel(graph, 'x');
    expect(x.sublabel).toBe('(2, 2)');
    expect(
      graph.links.some(
        (l) => l.source === x.id && l.target === byLabel(graph, 'AccumulateGrad').id,
      ),
    ).toBe(true);
    const out = byLabel(graph, 'out');
    expect(out.sublabel).toBe('()');
    expect(
      graph.links.some(
        (l) => l.source === byLabel(graph, 'MeanBackward0').id && l.target === out.id,
      ),
    ).toBe(true);
  });
});

describe('buildGraph on a forged trace', () => {
  it('still draws a DAG when an op claims to output its own input', () => {
    const json = JSON.parse(JSON.stringify(seedTrace())) as {
      ops: {inputs: number[]; outputs: number[]}[];
    };
    const mul = json.ops[2];
    if (mul) mul.outputs = [...mul.inputs.slice(0, 1)];
    const trace = validateTrace(json);
    for (const view of ['dataflow', 'autograd'] as const) {
      const graph = buildGraph(trace, {view});
      wellFormed(graph);
      const tl = buildTimeline(trace, graph);
      expect(stateAt(tl, tl.steps.length - 1).step).toBe(tl.steps.length - 1);
    }
  });
});

describe('buildGraph: no_grad and detach', () => {
  it('puts tensors made under no_grad or by detach() outside the graph', () => {
    const trace = nogradTrace();
    const graph = buildGraph(trace);
    wellFormed(graph);
    expect(byLabel(graph, 'q').role).toBe('detached');
    expect(byLabel(graph, 'd').role).toBe('detached');
    expect(byLabel(graph, 'x').role).toBe('leaf');
    expect(graph.nodes.find((n) => n.kind === 'op' && n.label === '× 2')?.role).toBe('detached');
    const auto = buildGraph(trace, {view: 'autograd'});
    expect(auto.nodes.some((n) => n.label === 'q' || n.label === 'd')).toBe(false);
    expect(
      [
        ...auto.nodes.filter((n) => n.kind !== 'tensor' && n.kind !== 'seed').map((n) => n.label),
      ].sort(),
    ).toEqual([...(golden('nograd').passes[0]?.order ?? [])].sort());
  });
});

describe('buildGraph: a training loop', () => {
  const trace = loopTrace();

  it('makes one graph per backward pass and says which one it shows', () => {
    for (let i = 0; i < 3; i++) {
      const graph = buildGraph(trace, {iteration: i});
      wellFormed(graph);
      expect(graph.iteration).toEqual({index: i, count: 3});
      expect(graph.nodes.filter((n) => n.label === 'loss')).toHaveLength(1);
    }
    expect(buildGraph(trace, {iteration: 99}).iteration?.index).toBe(2);
  });

  it('shows the in-place update of w as a new version of w in the next iteration', () => {
    // Iteration 1 starts after pass 0: `w -= 0.1 * w.grad` turns w into its version 1.
    const graph = buildGraph(trace, {iteration: 1});
    const ws = graph.nodes.filter((n) => n.kind === 'tensor' && n.label.startsWith('w'));
    expect(ws.map((n) => n.label)).toEqual(['w', 'w (v1)']);
    const update = graph.nodes.find((n) => n.kind === 'op' && n.label === '−=');
    expect(update?.role).toBe('detached');
    const labels = buildGraph(trace, {iteration: 2}).nodes.filter(
      (n) => n.kind === 'tensor' && n.label.startsWith('w'),
    );
    // The last iteration also holds what ran after its pass: the final update, to version 3.
    expect(labels.map((n) => n.label)).toEqual(['w (v1)', 'w (v2)', 'w (v3)']);
  });

  it('draws each iteration’s autograd graph with the grad_fns PyTorch ran in that pass', () => {
    for (let i = 0; i < 3; i++) {
      const graph = buildGraph(trace, {view: 'autograd', iteration: i});
      const names = graph.nodes
        .filter((n) => n.kind === 'gradfn' || n.kind === 'accumulate')
        .map((n) => n.label);
      expect([...names].sort()).toEqual([...(golden('loop').passes[i]?.order ?? [])].sort());
    }
  });
});
