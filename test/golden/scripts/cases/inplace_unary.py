import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([-1.0, 0.5, 2.0], requires_grad=True)
y = x * 3
z = F.relu(y, inplace=True)
print(z is y, y, y.grad_fn.name(), y._version)
z.sum().backward()
print(x.grad)

x.grad = None
h = x * 2
h.sin_()
h.exp_()
print(h, h.grad_fn.name())
h.sum().backward(retain_graph=True)
print(x.grad)
h.sqrt_()
try:
    h.sum().backward()
except RuntimeError as err:
    print(err)

x.grad = None
a = x + 1
a.retain_grad()
a.clamp_(min=0.5, max=2.5)
a.tanh_()
a.sum().backward()
print(a, x.grad, a.grad)

net = nn.Sequential(nn.Linear(3, 2), nn.ReLU(inplace=True), nn.Linear(2, 1))
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.ReLU(inplace=True), nn.Linear(2, 1))
out = net(torch.tensor([[1.0, -2.0, 0.5]]))
out.backward()
print(net, out, net[0].weight.grad)

t = torch.tensor([0.25, 4.0])
print(t.log2_(), t.neg_(), t.abs_(), t.reciprocal_(), t.rsqrt_(), t.square_())
print(torch.sigmoid_(torch.tensor([0.0, 1.0])), torch.relu_(torch.tensor([-1.0, 1.0])))
u = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
u[0].exp_()
u[:, 1].neg_()
print(u)
with torch.no_grad():
    w = torch.ones(2, requires_grad=True)
    w.mul_(2).sigmoid_()
print(w)
for bad in [lambda: torch.tensor([1, 2]).exp_(), lambda: torch.ones(2, requires_grad=True).relu_(),
            lambda: torch.tensor([1, 2]).sqrt_(), lambda: torch.tensor([True]).neg_()]:
    try:
        bad()
    except RuntimeError as err:
        print(err)
k = torch.tensor([1.0, 2.0], requires_grad=True)
m = k.exp()
m.exp_()
try:
    m.sum().backward()
    print(k.grad)
except RuntimeError as err:
    print(err)
