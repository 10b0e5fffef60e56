/**
 * The picture of autograd's extension points (#20): a hook is marked where it acts and its step
 * shows the gradient before and after it; a custom Function is one node whose saved tensors and
 * user-written backward the picture tells. The script is the golden case
 * `picture_hooks_function`, whose hooks print what they see, so the values come from PyTorch.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detailRows} from '../../components/details.js';
import {buildGraph} from '../../src/graph/build.js';
import {displayTensor} from '../../src/graph/display.js';
import {quantity} from '../../src/graph/quantity.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import type {ViewKind} from '../../src/graph/model.js';
import {layoutGraph} from '../../src/graph/layout/index.js';
import {renderSVG} from '../../src/render/index.js';
import {traceSource} from '../../src/run/index.js';
import {parseTrace} from '../../src/trace/index.js';
import {goldenDir, goldens, normalize} from '../script/golden-cases.js';

const name = 'picture_hooks_function';
const source = readFileSync(new URL(`cases/${name}.py`, goldenDir), 'utf8');
const stdout = goldens[name]?.stdout ?? '';
const trace = traceSource(source);

/** What PyTorch printed inside `tensor(…)` after `prefix` on its line. */
function printed(prefix: string, nth = 0): string {
  const line = stdout.split('\n').find((l) => l.startsWith(prefix)) ?? '';
  const values = [...line.slice(prefix.length).matchAll(/tensor\((\[.*?\]|[^,)]+)\)/g)];
  return values[nth]?.[1] ?? `(nothing printed after ${prefix})`;
}

function picture(view: ViewKind) {
  const graph = buildGraph(trace, {view});
  return {graph, timeline: buildTimeline(trace, graph)};
}

function stepOf(view: ViewKind, label: string, nth = 0) {
  const {graph, timeline} = picture(view);
  const step = timeline.steps.filter((s) => s.label === label)[nth];
  if (!step) throw new Error(`no step ${label}`);
  return {graph, timeline, step};
}

describe('the trace of hooks and custom Functions', () => {
  it('records each hook with the gradient before and after it, and survives JSON', () => {
    expect(trace.error).toBeNull();
    expect(normalize(trace.output)).toBe(normalize(stdout));
    const again = parseTrace(JSON.stringify(trace));
    const hooks = again.backwardPasses.flatMap((p) => p.steps.flatMap((s) => s.hooks ?? []));
    const double = hooks.find((h) => h.name === 'double');
    expect(double).toMatchObject({kind: 'tensor', slot: 0, replaced: true});
    expect(double?.before?.values).toEqual([1, 1]);
    expect(hooks.find((h) => h.name === 'look')).toMatchObject({kind: 'tensor', replaced: false});
    expect(hooks.filter((h) => h.name === '<lambda>').map((h) => h.kind)).toEqual(['post', 'post']);
    expect(hooks.find((h) => h.name === 'module_hook')).toMatchObject({
      kind: 'post',
      via: 'register_full_backward_hook',
    });
  });

  it('names a custom Function and what its ctx saved; PyTorch’s own BackwardHookFunction is not the script’s', () => {
    const fn = trace.gradFns.find((f) => f.name === 'LegendrePolynomial3Backward');
    expect(fn?.function).toBe('LegendrePolynomial3');
    const saved = trace.tensors.find((t) => t.id === fn?.saved?.[0]?.tensorId);
    expect(fn?.saved?.map((s) => s.name)).toEqual(['saved_tensors[0]']);
    expect(saved?.names).toContain('u');
    const bhf = trace.gradFns.filter((f) => f.name === 'BackwardHookFunctionBackward');
    expect(bhf).toHaveLength(2);
    expect(bhf.every((f) => f.function === undefined)).toBe(true);
  });
});

describe('a hook is marked where it acts', () => {
  it('in the dataflow view: on the tensor whose gradient it sees, on the op of a grad_fn hook', () => {
    const {graph} = picture('dataflow');
    const marked = Object.fromEntries(
      graph.nodes.filter((n) => n.hooks).map((n) => [n.label, n.hooks]),
    );
    expect(marked.y).toEqual(['double']);
    expect(marked.x).toEqual(['look']);
    expect(marked['×']).toEqual(['<lambda>']);
    // Named as the script wrote it (the function and the call), not as PyTorch's closure `hook`.
    expect(marked.BackwardHookFunction).toEqual(['module_hook (register_full_backward_hook)']);
  });

  it('in the autograd view: on the grad_fn (a leaf’s on its AccumulateGrad)', () => {
    const {graph} = picture('autograd');
    const marked = graph.nodes.filter((n) => n.hooks).map((n) => [n.label, n.hooks]);
    expect(marked).toContainEqual(['LegendrePolynomial3Backward', ['double']]);
    expect(marked).toContainEqual(['MulBackward0', ['<lambda>']]);
    expect(marked).toContainEqual(['AccumulateGrad', ['look']]);
    expect(marked.filter(([l]) => l === 'BackwardHookFunctionBackward')).toHaveLength(2);
  });

  it('a module’s hook marks its group when the group is collapsed', () => {
    const annotated = buildGraph(trace, {groupThreshold: 0, collapse: []});
    const module = annotated.groups?.find((g) => g.kind === 'module');
    expect(module).toBeDefined();
    const collapsed = buildGraph(trace, {groupThreshold: 0, collapse: [module?.id ?? '']});
    const node = collapsed.nodes.find((n) => n.id === module?.id);
    expect(node?.hooks).toEqual(['module_hook (register_full_backward_hook)']);
  });

  it('draws the mark, titled with the hook’s name', () => {
    const svg = (view: ViewKind, lang: 'en' | 'zh') => {
      const {graph, timeline} = picture(view);
      return renderSVG(graph, layoutGraph(graph), stateAt(timeline, 0), {lang});
    };
    expect(svg('dataflow', 'en')).toContain('<title>hook double</title>');
    expect(svg('autograd', 'zh')).toContain('<title>钩子 look</title>');
    expect(svg('autograd', 'en')).toContain(
      '<title>hook module_hook (register_full_backward_hook)</title>',
    );
  });
});

describe('the step where a hook fires shows the gradient before and after it', () => {
  for (const view of ['dataflow', 'autograd'] as const) {
    it(`tells it and shows it at the node (${view})`, () => {
      const {step, timeline, graph} = stepOf(view, 'LegendrePolynomial3Backward');
      const before = printed('double sees ');
      const after = printed('backward got ');
      expect(step.hooks).toHaveLength(1);
      expect(step.hooks?.[0]?.before?.text).toBe(before);
      expect(step.hooks?.[0]?.after?.text).toBe(after);
      const hook = trace.backwardPasses[0]?.steps.find((s) => s.hooks)?.hooks?.[0];
      const change = `${quantity(hook?.before)} → ${quantity(hook?.after)}`;
      expect(step.narration.en).toContain(
        `First the hook double on y (y.register_hook) runs: it returns a new gradient, ${change}.`,
      );
      expect(step.narration.zh).toContain(
        `首先运行 y 上的钩子 double（y.register_hook）：它返回新的梯度，${change}。`,
      );
      const state = stateAt(timeline, step.index);
      const nodeId = step.hooks?.[0]?.nodeId ?? '';
      expect(state.nodes[nodeId]?.hooks?.[0]).toMatchObject({name: 'double', replaced: true});
      // Only at that step.
      expect(stateAt(timeline, step.index + 1).nodes[nodeId]?.hooks).toBeUndefined();
      const node = graph.nodes.find((n) => n.id === nodeId);
      const rows = node ? detailRows(node, state.nodes[nodeId], trace) : [];
      expect(rows).toContainEqual(['register_hook double', 'returned a new gradient']);
      expect(rows).toContainEqual(['gradient before', before]);
      expect(rows).toContainEqual(['gradient after', after]);
    });
  }

  it('the step before the hook shows the gradient as it arrived, not as the hook made it', () => {
    const {step, timeline} = stepOf('dataflow', 'SumBackward0');
    const y = step.changes?.find((c) => !c.link && c.grad);
    expect(y?.grad?.text).toBe(printed('double sees '));
    expect(stateAt(timeline, step.index).nodes[y?.id ?? '']?.grad?.text).toBe(
      printed('double sees '),
    );
  });

  it('a hook that returns None is said to leave the gradient as it was', () => {
    const {step} = stepOf('autograd', 'AccumulateGrad', 1);
    expect(step.narration.en).toMatch(
      /^First the hook look on x \(x\.register_hook\) runs: it returns None/,
    );
    expect(step.narration.zh).toMatch(/^首先运行 x 上的钩子 look（x\.register_hook）：它返回 None/);
    expect(step.hooks?.[0]?.before?.text).toBe(printed('look sees '));
  });

  it('a grad_fn hook is told after what the node computed, with each gradient it saw', () => {
    const {step} = stepOf('dataflow', 'MulBackward0');
    expect(step.narration.en).toMatch(
      /^MulBackward0 .*\. Then the hook <lambda> on MulBackward0 \(grad_fn\.register_hook\) sees what it computed: it returns None/,
    );
    expect(step.hooks?.map((h) => h.before?.text)).toEqual([
      printed('post sees ', 0),
      printed('post sees ', 1),
    ]);
  });

  it('a module’s full backward hook is told at the edge of its module, with grad_input before and after', () => {
    const {step} = stepOf('dataflow', 'BackwardHookFunctionBackward', 1);
    expect(step.narration.en).toContain(
      "Here, at the edge of lin: Linear, PyTorch hands the module's backward hook module_hook (register_full_backward_hook) its gradients",
    );
    expect(step.narration.zh).toContain(
      '这里是 lin: Linear 的边界，PyTorch 把梯度交给该模块的反向钩子 module_hook（register_full_backward_hook）',
    );
    const {graph, timeline} = picture('dataflow');
    const nodeId = step.hooks?.[0]?.nodeId ?? '';
    const node = graph.nodes.find((n) => n.id === nodeId);
    const rows = node ? detailRows(node, stateAt(timeline, step.index).nodes[nodeId], trace) : [];
    expect(rows).toContainEqual([
      'register_full_backward_hook module_hook',
      'returned a new gradient',
    ]);
    expect(step.hooks?.[0]?.before?.text).toBe(printed('module hook ', 0));
    // Nothing else reaches v: the hook's result is v.grad, the last line printed.
    expect(step.hooks?.[0]?.after?.text).toBe(printedLast());
  });
});

/** The last line Python printed (`v.grad`), inside `tensor(…)`. */
function printedLast(): string {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return /tensor\((.*)\)/.exec(last)?.[1] ?? '';
}

describe('a custom Function’s backward step', () => {
  for (const view of ['dataflow', 'autograd'] as const) {
    it(`says the script’s own backward ran and what it returned (${view})`, () => {
      const {step} = stepOf(view, 'LegendrePolynomial3Backward');
      const fnStep = trace.backwardPasses[0]?.steps.find(
        (s) => s.name === 'LegendrePolynomial3Backward',
      );
      const returned = quantity(fnStep?.gradsOut[0]);
      expect(
        displayTensor(fnStep?.gradsOut[0] ?? {shape: [], dtype: 'float32', values: []}).text,
      ).toBe(printed('backward got ', 1));
      expect(step.narration.en).toContain(
        `The script's own LegendrePolynomial3.backward(ctx, ${quantity(fnStep?.gradsIn[0])}) ran and returned ${returned}.`,
      );
      expect(step.narration.zh).toContain(
        `脚本自己写的 LegendrePolynomial3.backward(ctx, ${quantity(fnStep?.gradsIn[0])}) 运行了，返回 ${returned}。`,
      );
    });
  }

  it('shows its saved tensors in the inspector', () => {
    const {graph, timeline} = picture('autograd');
    const node = graph.nodes.find((n) => n.label === 'LegendrePolynomial3Backward');
    if (!node) throw new Error('no node');
    const rows = detailRows(
      node,
      stateAt(timeline, timeline.steps.length - 1).nodes[node.id],
      trace,
    );
    expect(rows).toContainEqual(['autograd.Function', 'LegendrePolynomial3']);
    const u = rows.find(([k]) => k === 'saved_tensors[0]');
    expect(u?.[1]).toMatch(/^u = \[/);
  });
});
