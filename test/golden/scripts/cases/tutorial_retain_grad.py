import torch
a = torch.tensor(2.0, requires_grad=True)
b = a * 3
c = b ** 2
b.retain_grad()
c.retain_grad()
c.backward()
print(a.grad, b.grad, c.grad, b.retains_grad, a.retains_grad)
print(b.grad_fn.next_functions, c.grad_fn)
d = torch.tensor([1.0, -1.0], requires_grad=True)
e = d.abs()
f = e.max()
f.backward()
print(d.grad, f, e.grad_fn)
