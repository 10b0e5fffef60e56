/**
 * torchviz's make_dot. torchviz is not installed beside /usr/bin/python3 (no goldens can come from
 * it), so these check its documented behaviour (torchviz/dot.py, graphviz's Digraph): the DOT it
 * builds from the graph, render() returning the path, nothing printed, and the run's figure.
 */
import {describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
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
