import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/schema.js';

/**
 * A graph recorded after it was built (the exporter's `from_output`, torchviz's `make_dot`): the
 * trace has the tensors and grad_fns but no ops and no backward pass.
 */
function builtAfterwards(source: string): Trace {
  const full = traceSource(source, {window: 'all'});
  return {...full, ops: [], backwardPasses: [], prints: [], output: ''};
}

describe('buildGraph / buildTimeline of a graph recorded after it was built', () => {
  const source = 'import torch\nw = torch.ones(2, requires_grad=True)\ny = (w * 3).sum()\n';

  it('draws every grad_fn from the roots no other grad_fn feeds, with the leaves', () => {
    const trace = builtAfterwards(source);
    const graph = buildGraph(trace, {view: 'autograd'});
    const names = trace.gradFns.map((f) => f.name).sort();
    const drawn = graph.nodes
      .filter((n) => n.kind === 'gradfn' || n.kind === 'accumulate')
      .map((n) => n.label)
      .sort();
    expect(drawn).toEqual(names);
    expect(names).toEqual(['AccumulateGrad', 'MulBackward0', 'SumBackward0']);
  });

  it('has one step that shows the whole graph and says it was recorded after it ran', () => {
    const trace = builtAfterwards(source);
    const graph = buildGraph(trace, {view: 'autograd'});
    const timeline = buildTimeline(trace, graph);
    expect(timeline.steps).toHaveLength(1);
    const state = stateAt(timeline, 0);
    expect(graph.nodes.every((n) => state.nodes[n.id]?.visible === true)).toBe(true);
    expect(state.narration.en).toContain('3 autograd nodes');
    expect(state.narration.zh).toContain('3 个 autograd 节点');
  });

  it('leaves a recorded run alone: no extra step when ops ran', () => {
    const trace = traceSource(source, {window: 'all'});
    const graph = buildGraph(trace, {view: 'autograd'});
    const timeline = buildTimeline(trace, graph);
    expect(timeline.steps.every((s) => s.label !== 'graph')).toBe(true);
  });
});
