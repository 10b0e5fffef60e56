import math
import torch

x = torch.tensor([0.25, -0.5, 0.75], requires_grad=True)
for name in ['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'expm1', 'exp2', 'erf', 'erfc',
             'arcsin', 'arccos', 'arctan']:
    y = getattr(torch, name)(x)
    g, = torch.autograd.grad(y.sum(), x)
    print(name, y, g, getattr(x, name)().grad_fn.name())
p = torch.tensor([0.5, 2.0, 10.0], requires_grad=True)
for name in ['log2', 'log10', 'log1p']:
    y = getattr(p, name)()
    y.sum().backward()
    print(name, y, p.grad)
    p.grad = None
d = torch.tensor([[1.0, -2.0], [0.0, -0.0]], dtype=torch.float64, requires_grad=True)
e = torch.tensor([3.0, -1.5], dtype=torch.float64, requires_grad=True)
a = torch.atan2(d, e)
a.sum().backward()
print(a, d.grad, e.grad, a.grad_fn.name())
print(torch.arctan2(torch.tensor([1, -1]), torch.tensor([0, 0])), torch.tan(torch.tensor([1, 2])))
print(torch.asin(torch.tensor([2.0, -1.0, 1.0])), torch.log1p(torch.tensor([-1.0, -2.0])))
print(torch.erf(torch.tensor([True, False])), torch.exp2(torch.tensor([10, -3])))
angles = torch.tensor([0, math.pi / 4, math.pi / 2, 3 * math.pi / 4])
sines = torch.sin(angles)
inverses = torch.asin(sines)
print(angles, sines, inverses, sep='\n')
w = torch.tensor(0.3, requires_grad=True)
gg, = torch.autograd.grad(torch.tan(w), w, create_graph=True)
gg.backward()
print(gg, w.grad)
try:
    torch.atan2(x, 2.0)
except TypeError as err:
    print(err)
h = torch.tensor([0.5, 0.25], dtype=torch.half)
print(torch.exp2(h))
for name in ['tan', 'arcsin', 'sinh', 'log1p', 'erfc']:
    try:
        getattr(torch, name)(h)
    except RuntimeError as err:
        print(err)
try:
    torch.atan2(h, h)
except RuntimeError as err:
    print(err)
