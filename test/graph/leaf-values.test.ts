import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {displayTensor} from '../../src/graph/display.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {golden} from '../trace/golden.js';

describe('leaf boxes during the forward pass', () => {
  it("show the values the op read, not the zeros a module's parameter held before its init", () => {
    const g = golden('linear');
    const W = g.tensors.W;
    if (!W) throw new Error('the golden names W');
    // PyTorch's weight after nn.Linear's init, as a box shows it.
    const expected = displayTensor({shape: W.shape, dtype: 'float32', values: W.values}).text;
    const trace = traceSource(g.source);
    const id = trace.tensors.find((t) => t.names.includes('W'))?.id;
    const reader = trace.ops.find((op) => op.inputs.includes(id ?? -1));
    for (const view of ['autograd', 'dataflow'] as const) {
      const graph = buildGraph(trace, {view});
      const timeline = buildTimeline(trace, graph);
      const boxes = graph.nodes.filter((n) => n.tensorId === id && n.kind === 'tensor');
      // From the first op that reads W to the end of the forward pass.
      const first = timeline.steps.findIndex((s) => s.seq === reader?.seq);
      const seed = timeline.steps.findIndex((s) => s.kind === 'seed');
      expect(first).toBeGreaterThanOrEqual(0);
      let seen = 0;
      for (let k = first; k < seed; k++) {
        for (const box of boxes) {
          const shown = stateAt(timeline, k).nodes[box.id];
          if (!shown?.visible || !shown.value || box.version !== boxes.at(-1)?.version) continue;
          expect(shown.value.text).toBe(expected);
          seen++;
        }
      }
      expect(seen).toBeGreaterThan(0);
    }
  });
});
