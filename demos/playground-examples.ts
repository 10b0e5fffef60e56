/** Scripts the playground offers to start from. */
import seedScript from './assets/seed.py?raw';

/** An example: its name in both languages and its code. */
export interface Example {
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  readonly code: string;
}

/** The examples, the first being the default. */
export const examples: readonly Example[] = [
  {
    id: 'seed',
    en: 'The seed tutorial',
    zh: '种子教程',
    code: seedScript,
  },
  {
    id: 'neuron',
    en: 'A single neuron',
    zh: '单个神经元',
    code: `import torch
x = torch.tensor([2.0, 0.0])
w = torch.tensor([-3.0, 1.0], requires_grad=True)
b = torch.tensor(6.8814, requires_grad=True)
o = torch.tanh(w @ x + b)
o.backward()
print(o, w.grad, b.grad)
`,
  },
  {
    id: 'vjp',
    en: 'backward(gradient)',
    zh: 'backward(gradient)',
    code: `import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
y.backward(torch.tensor([1.0, 0.1, 0.01]))
print(x.grad)
`,
  },
  {
    id: 'softmax',
    en: 'Cross-entropy of a softmax',
    zh: 'softmax 的交叉熵',
    code: `import torch
import torch.nn.functional as F
logits = torch.tensor([[2.0, 1.0, 0.1]], requires_grad=True)
target = torch.tensor([0])
loss = F.cross_entropy(logits, target)
loss.backward()
print(loss, logits.grad)
`,
  },
];
