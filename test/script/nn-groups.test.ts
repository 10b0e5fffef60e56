import {describe, expect, it} from 'vitest';
import {traceSource} from '../../src/run/index.js';

/** The model of the exporter's module test (test/exporter), traced by grad-graph itself. */
const model = [
  'import torch',
  'import torch.nn as nn',
  'torch.manual_seed(0)',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc1 = nn.Linear(4, 8)',
  '        self.act = nn.ReLU()',
  '        self.fc2 = nn.Linear(8, 3)',
  '    def forward(self, x):',
  '        return self.fc2(self.act(self.fc1(x)))',
  'model = Net()',
  'x = torch.randn(5, 4)',
  'loss = nn.functional.cross_entropy(model(x), torch.tensor([0, 1, 2, 0, 1]))',
  'loss.backward()',
  '',
].join('\n');

describe('nn.Module calls in the trace', () => {
  it('are module groups named as the exporter names them, nested, with their parameters', () => {
    const trace = traceSource(model, {filename: 'modules.py'});
    expect(trace.error).toBeNull();
    // `Net()` runs `Net.__init__` (a call: the Linear layers draw their weights in it).
    expect(trace.groups?.map((g) => [g.name, g.kind, g.parent])).toEqual([
      ['Net.__init__', 'call', null],
      ['model: Net', 'module', null],
      ['fc1: Linear', 'module', 1],
      ['act: ReLU', 'module', 1],
      ['fc2: Linear', 'module', 1],
    ]);
    const fc2 = trace.groups?.[4];
    const names = (id: number) => trace.tensors.find((t) => t.id === id)?.names;
    expect(fc2?.className).toBe('Linear');
    expect(fc2?.parameters?.map((p) => [p.name, names(p.tensorId)])).toEqual([
      ['weight', ['fc2.weight']],
      ['bias', ['fc2.bias']],
    ]);
    const inside = (g: NonNullable<typeof fc2>) =>
      trace.ops.filter((o) => g.startSeq < o.seq && o.seq < g.endSeq).map((o) => o.op);
    expect(inside(fc2 as NonNullable<typeof fc2>)).toContain('addmm');
    expect(trace.groups?.[1]?.span?.line).toBe(14);
    expect(trace.ops.find((o) => o.op === 'relu')?.span?.line).toBe(11);
    expect(trace.backwardPasses[0]?.steps.map((s) => s.name)).toContain('AddmmBackward0');
    expect(trace.backwardPasses[0]?.accumulations).toHaveLength(4);
  });

  it('a module called from a function gets its path from the outermost module', () => {
    const trace = traceSource(
      [
        'import torch',
        'from torch import nn',
        'class Pair(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.first = nn.Linear(2, 2)',
        '        self.second = nn.Tanh()',
        '    def forward(self, x):',
        '        return self.second(self.first(x))',
        'seq = Pair()',
        'def run(m):',
        '    return m(torch.ones(1, 2)).sum()',
        'run(seq).backward()',
        '',
      ].join('\n'),
    );
    expect(trace.error).toBeNull();
    expect(trace.groups?.map((g) => [g.name, g.kind])).toEqual([
      ['Pair.__init__', 'call'],
      ['run', 'call'],
      ['m: Pair', 'module'],
      ['first: Linear', 'module'],
      ['second: Tanh', 'module'],
    ]);
    const linear = trace.groups?.[3];
    const names = (id: number) => trace.tensors.find((t) => t.id === id)?.names;
    expect(linear?.parameters?.map((p) => names(p.tensorId))).toEqual([
      ['first.weight'],
      ['first.bias'],
    ]);
  });

  it('conv and pooling layers, and modules held in a ModuleList, are module groups too', () => {
    const trace = traceSource(
      [
        'import torch',
        'from torch import nn',
        'class Net(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.conv1 = nn.Conv2d(1, 2, 3)',
        '        self.pool = nn.MaxPool2d(2)',
        '        self.heads = nn.ModuleList([nn.Linear(2, 1), nn.Linear(2, 1)])',
        '    def forward(self, x):',
        '        x = self.pool(self.conv1(x)).flatten(1)',
        '        return sum(h(x) for h in self.heads)',
        'net = Net()',
        'net(torch.ones(1, 1, 4, 4)).sum().backward()',
        '',
      ].join('\n'),
    );
    expect(trace.error).toBeNull();
    expect(trace.groups?.filter((g) => g.kind === 'module').map((g) => g.name)).toEqual([
      'net: Net',
      'conv1: Conv2d',
      'pool: MaxPool2d',
      '0: Linear',
      '1: Linear',
    ]);
    const conv = trace.groups?.find((g) => g.name === 'conv1: Conv2d');
    const names = (id: number) => trace.tensors.find((t) => t.id === id)?.names;
    expect(conv?.parameters?.map((p) => names(p.tensorId))).toEqual([
      ['conv1.weight'],
      ['conv1.bias'],
    ]);
    const head = trace.groups?.find((g) => g.name === '1: Linear');
    expect(head?.parameters?.map((p) => names(p.tensorId))).toEqual([
      ['heads.1.weight'],
      ['heads.1.bias'],
    ]);
    const inside = (name: string) => {
      const g = trace.groups?.find((x) => x.name === name);
      return trace.ops.filter((o) => g && g.startSeq < o.seq && o.seq < g.endSeq).map((o) => o.op);
    };
    expect(inside('conv1: Conv2d')).toContain('conv2d');
    expect(inside('pool: MaxPool2d')).toContain('max_pool2d');
  });
});
