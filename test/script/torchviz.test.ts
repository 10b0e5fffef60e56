/**
 * torchviz's make_dot. torchviz is not installed beside /usr/bin/python3 (no goldens can come from
 * it), so these check its documented behaviour (torchviz/dot.py, graphviz's Digraph): the DOT it
 * builds from the graph, render() returning the path, nothing printed, and the run's figure.
 */
import {describe, expect, it} from 'vitest';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {main} from '../../src/cli.js';
import {buildGraph, buildTimeline, lastFigureStep} from '../../src/graph/index.js';
import {traceSource} from '../../src/run/index.js';
import {validateTrace} from '../../src/trace/index.js';

const script = (lines: readonly string[]) => [...lines, ''].join('\n');

async function run(args: readonly string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(stdin),
  });
  return {stdout, stderr, code};
}

const tutorial = script([
  'import torch',
  'import torch.nn as nn',
  'from torchviz import make_dot',
  'torch.manual_seed(0)',
  'model = nn.Sequential()',
  "model.add_module('W0', nn.Linear(3, 4))",
  "model.add_module('tanh', nn.Tanh())",
  "model.add_module('W1', nn.Linear(4, 1))",
  'x = torch.randn(1, 3)',
  'y = model(x)',
  'dot = make_dot(y.mean(), params=dict(model.named_parameters()), show_attrs=True, show_saved=True)',
  'dot',
  "path = dot.render('graph', format='png')",
  'y.mean().backward()',
  'print(path, type(dot).__name__, dot.format)',
]);

describe('torchviz.make_dot', () => {
  it('runs as written, prints nothing of its own, and render() returns the path', async () => {
    const {stdout, stderr, code} = await run(['run', '-'], tutorial);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('graph.png Digraph pdf\n');
  });

  it("builds torchviz's DOT: named leaves, grad_fn attribute tables, saved tensors", async () => {
    const source = script([
      'import torch',
      'from torchviz import make_dot',
      'a = torch.tensor([1.0, 2.0], requires_grad=True)',
      'b = (a * a).sum()',
      "print(make_dot(b, params={'a': a}, show_attrs=True, show_saved=True).source)",
      "print(make_dot(b).source.count('->'), str(make_dot(b)) == make_dot(b).source)",
    ]);
    const {stdout, code} = await run(['run', '-'], source);
    expect(code).toBe(0);
    const [dot = '', last = ''] = stdout.split('}\n');
    expect(dot.startsWith('digraph {\n\tgraph [size="12,12"]\n')).toBe(true);
    expect(dot).toContain(
      '\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n',
    );
    expect(dot).toContain('[label="a\n (2)" fillcolor=lightblue]');
    expect(dot).toContain('[label="self\n (2)" fillcolor=orange]');
    expect(dot).toContain('[label="other\n (2)" fillcolor=orange]');
    expect(dot).toContain('[label="\n ()" fillcolor=darkolivegreen1]');
    expect(dot).toContain(
      '[label="MulBackward0\n---------------------\nother: [saved tensor]\nself : [saved tensor]"]',
    );
    expect(dot).toContain('[label="SumBackward0\n--------------------\nself_sym_sizes: (2,)"]');
    expect(dot).toContain('[label=AccumulateGrad]');
    // Without saved tensors: b ← SumBackward0 ← MulBackward0 ⇇ AccumulateGrad ← a: an edge for
    // each of MulBackward0's two next_functions, both to a's AccumulateGrad (5 edges).
    expect(last.trim()).toBe('5 True');
  });

  it('records a figure, and render draws the autograd picture at that point', async () => {
    const trace = traceSource(tutorial, {filename: 'viz.py'});
    expect(trace.error).toBeNull();
    expect(trace.figures).toHaveLength(1);
    const figure = trace.figures?.[0];
    expect(figure?.span?.line).toBe(11);
    expect(trace.tensors.some((t) => t.id === figure?.roots[0])).toBe(true);
    expect(validateTrace(JSON.parse(JSON.stringify(trace))).figures).toEqual(trace.figures);
    const {stdout, code} = await run(['render', '-'], tutorial);
    expect(code).toBe(0);
    expect(stdout).toContain('AccumulateGrad');
    expect(stdout).toContain('MeanBackward0');
  });

  it('is a step of the timeline where the picture opens, lighting the graph make_dot drew', () => {
    const trace = traceSource(tutorial, {filename: 'viz.py'});
    for (const view of ['dataflow', 'autograd'] as const) {
      const graph = buildGraph(trace, {view});
      const timeline = buildTimeline(trace, graph);
      const step = lastFigureStep(timeline);
      expect(step?.kind).toBe('figure');
      expect(step?.span?.line).toBe(11);
      // Before the backward pass (line 14), after every op of the forward.
      expect(timeline.steps[(step?.index ?? 0) + 1]?.kind).toBe('op');
      expect(timeline.steps.slice(0, step?.index).every((s) => s.phase === 'forward')).toBe(true);
      const lit = new Set(step?.nodeIds);
      const fns = trace.gradFns.filter((f) => f.seq < (trace.figures?.[0]?.seq ?? 0));
      if (view === 'autograd') expect(fns.filter((f) => !lit.has(`f${f.id}`))).toEqual([]);
      else {
        // Every op up to the one that made make_dot's root: the whole forward before it.
        const root = trace.figures?.[0]?.roots[0];
        const made = trace.ops.findIndex((o) => o.outputs.includes(root ?? -1));
        const ops = graph.nodes.filter((n) => n.kind === 'op' && (n.opIndex ?? Infinity) <= made);
        expect(ops.map((n) => n.label)).toContain('mean');
        expect(
          ops
            .filter((n) => trace.ops[n.opIndex ?? 0]?.gradFnId !== null)
            .every((n) => lit.has(n.id)),
        ).toBe(true);
      }
      expect(step?.narration.en).toMatch(/^make_dot\(y\.mean\(\), params=dict\(model\./);
      expect(step?.narration.en).toContain(
        `: torchviz's make_dot draws the autograd graph of (y.mean()) here: this is that graph (${fns.length} autograd nodes), to step through and inspect.`,
      );
      expect(step?.narration.zh).toContain(
        `torchviz 的 make_dot 在这里画出 (y.mean()) 的 autograd 计算图`,
      );
    }
  });

  it('render -o writes the SVG of the autograd picture at the make_dot step, where -o says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gg-torchviz-'));
    const out = join(dir, 'figures', 'graph.svg');
    mkdirSync(join(dir, 'figures'));
    const {stdout, stderr, code} = await run(['render', '-', '-o', out], tutorial);
    expect([code, stderr, stdout]).toEqual([0, '', '']);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain("torchviz's make_dot draws the autograd graph of (y.mean()) here");
    expect(svg).toContain('MeanBackward0');
    expect(svg).toContain('AddmmBackward0');
    // The autograd picture at that point: no engine has run yet, so no gradient is shown.
    expect(svg).not.toContain('backward()');
    rmSync(dir, {recursive: true});
  });

  it("gives torchviz's errors for what it cannot draw", async () => {
    const source = script([
      'import torch',
      'from torchviz import make_dot, make_dot_from_trace',
      'a = torch.ones(2, requires_grad=True)',
      'try:',
      "    make_dot(a * 2, params={'a': 1})",
      'except AssertionError as e:',
      "    print('AssertionError', repr(e))",
      'make_dot_from_trace(None)',
    ]);
    const {stdout, stderr, code} = await run(['run', '-'], source);
    expect(stdout).toBe('AssertionError AssertionError()\n');
    expect(stderr.trim().split('\n').at(-1)).toBe(
      'NotImplementedError: This function has been moved to pytorch core and can be found here: https://pytorch.org/docs/stable/tensorboard.html',
    );
    expect(code).toBe(1);
  });
});
