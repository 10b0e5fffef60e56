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
