/**
 * What a reader can see of one iteration of a trace, for tests that compare a recorded iteration
 * with one recorded again (window.test.ts, session-window.test.ts): every value and gradient.
 */
import {buildGraph, buildTimeline, iterationOf} from '../../src/graph/index.js';
import type {OpRecord, TensorData, Trace} from '../../src/trace/schema.js';

/** What a reader can see of iteration `k`: every value and gradient, without run-specific ids. */
export function seen(trace: Trace, k: number) {
  const it = iterationOf(trace, k);
  const tensors = new Map(trace.tensors.map((t) => [t.id, t]));
  const valueAt = (id: number, seq: number): TensorData | undefined =>
    tensors
      .get(id)
      ?.versions.filter((v) => v.seq <= seq)
      .at(-1)?.data;
  const ops = it.opIndices.map((i) => {
    const op = trace.ops[i] as OpRecord;
    return {
      op: op.op,
      args: op.args,
      span: op.span,
      gradFn: op.gradFnName,
      inputs: op.inputs.map((id) => valueAt(id, op.seq - 1)),
      outputs: op.outputs.map((id) => valueAt(id, op.seq)),
    };
  });
  const p = it.pass;
  const pass = p && {
    seeds: p.seeds,
    steps: p.steps.map((s) => ({name: s.name, gradsIn: s.gradsIn, gradsOut: s.gradsOut})),
    accumulations: p.accumulations.map((a) => ({
      incoming: a.incoming,
      before: a.before,
      after: a.after,
    })),
  };
  const graph = buildGraph(trace, {iteration: k});
  const timeline = buildTimeline(trace, graph);
  return {
    ops,
    pass,
    // Tensor ids differ between two runs in one process; narration names unnamed tensors by id.
    narration: timeline.steps.map((s) => JSON.stringify(s.narration).replace(/#\d+/g, '#')),
    values: timeline.steps.map((s) => (s.changes ?? []).map((c) => [c.value, c.grad])),
  };
}
