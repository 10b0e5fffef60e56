import torch
import torch.nn as nn
from collections import OrderedDict


class MyModule(nn.Module):
    def __init__(self):
        super(MyModule, self).__init__()
        self.linears = nn.ModuleList([nn.Linear(3, 3) for i in range(3)])
        self.choices = nn.ModuleDict({'conv': nn.Conv2d(1, 2, 3), 'pool': nn.MaxPool2d(3)})
        self.activations = nn.ModuleDict([['lrelu', nn.ReLU()], ['tanh', nn.Tanh()]])

    def forward(self, x, act):
        for i, l in enumerate(self.linears):
            x = self.linears[i // 2](x) + l(x)
        return self.activations[act](x)


torch.manual_seed(0)
m = MyModule()
print(m)
print(len(list(m.parameters())), [n for n, _ in m.named_parameters()])
y = m(torch.ones(2, 3), 'tanh')
print(y)
y.sum().backward()
print(m.linears[0].bias.grad, m.linears[-1].weight.grad)
ml = m.linears
print(len(ml), ml[-1] is ml[2], type(ml[1:]).__name__, len(ml[::2]))
ml.append(nn.Identity())
ml.extend([nn.ReLU(), nn.Sigmoid()])
ml.insert(1, nn.Tanh())
print(ml)
del ml[0]
del ml[1:3]
print(ml, [k for k in ml._modules])
ml[0] = nn.Flatten()
ml += [nn.Softmax(dim=1)]
print(ml.pop(1), len(ml))
both = ml + nn.ModuleList([nn.Identity()])
print(type(both).__name__, len(both), [type(x).__name__ for x in both])
md = m.choices
print(len(md), 'conv' in md, 'x' in md, list(md), list(md.keys()), [type(v).__name__ for v in md.values()])
for k, v in md.items():
    print(k, v)
md['flat'] = nn.Flatten()
md.update([('id', nn.Identity())])
md.update(OrderedDict(z=nn.ReLU()))
print(md.pop('pool'))
del md['flat']
print(md)
md.clear()
print(md, len(md))
print(nn.ModuleList(), nn.ModuleDict())
for bad in [lambda: ml[10], lambda: ml['a'], lambda: md['nope'], lambda: nn.ModuleList(3),
            lambda: nn.ModuleDict(5), lambda: nn.ModuleDict([3]), lambda: nn.ModuleDict([(1, 2, 3)]),
            lambda: ml.append(3), lambda: nn.ModuleList([nn.ReLU()])(torch.ones(1))]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(m.state_dict().keys())
