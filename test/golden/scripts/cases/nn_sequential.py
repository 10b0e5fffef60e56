# nn.Sequential: positional and OrderedDict children, forward, len, indexing, slicing, iteration, append
from collections import OrderedDict
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
print(model)
x = torch.randn(5, 3)
print(model(x))
print(len(model), model[0], model[-1], type(model[1]).__name__)
for m in model:
    print(m)
print([n for n, _ in model.named_parameters()])
net = nn.Sequential(OrderedDict([("fc1", nn.Linear(4, 8)), ("act", nn.ReLU()), ("fc2", nn.Linear(8, 2))]))
print(net)
print(net.fc1, net[2].bias)
head = net[:2]
print(type(head).__name__, head)
print(net[::-1])
y = net(torch.randn(2, 4))
print(y)
y.sum().backward()
print(net.fc2.weight.grad)
model.append(nn.Tanh())
print(model, len(model))
print(model.append(nn.Identity())[3])
print(nn.Sequential())
print(nn.Sequential()(x) is x)
try:
    model[7]
except IndexError as e:
    print("IndexError:", e)
try:
    model["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    nn.Sequential(nn.ReLU(), 3)
except TypeError as e:
    print("TypeError:", e)
seq = nn.Sequential(OrderedDict([("a", nn.ReLU()), ("b", nn.Tanh()), ("c", nn.Sigmoid()), ("d", nn.Identity())]))
seq[1] = nn.Linear(2, 2)
print(seq)
del seq[0]
print(seq)
del seq[1:]
print(seq, len(seq))
seq.insert(0, nn.ReLU())
seq.insert(-1, nn.Tanh())
print(seq.insert(3, nn.Sigmoid()))
try:
    seq.insert(9, nn.ReLU())
except IndexError as e:
    print("IndexError:", e)
try:
    seq.insert(0, 3)
except AssertionError as e:
    print("AssertionError:", e)
try:
    seq[4] = nn.ReLU()
except IndexError as e:
    print("IndexError:", e)
print(seq.extend(nn.Sequential(nn.ReLU(), nn.Linear(1, 1))), len(seq.extend([nn.Tanh()])))
