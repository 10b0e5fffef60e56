import torch
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print(dy, dy.requires_grad, dy.grad_fn)
(d2y,) = torch.autograd.grad(dy, x)
print(d2y)
z = x * x
g = torch.autograd.grad(z, x, retain_graph=True)
print(g, type(g), len(g))
z.backward()
print(x.grad)
a = torch.tensor([1.0, 2.0], requires_grad=True)
out = a * 3
out.backward(torch.ones_like(out))
print(a.grad, torch.zeros_like(a), torch.ones_like(a, dtype=torch.int64))
print(x.grad is None, a.grad is not None)
if a.grad is not None:
    print("have grad", a.grad.sum().item())
