import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.detach_()
print(y, y.requires_grad, y.is_leaf, y.grad_fn)
z = x * 3
w = torch.zeros(2)
w.requires_grad_()
print(w, w.requires_grad)
w.requires_grad = False
print(w.requires_grad)
v = x.clone()
print(v, v.grad_fn, v.is_leaf)
u = x.detach().requires_grad_(True)
print(u, u.is_leaf, u is x)
(x * x).sum().backward()
print(z.requires_grad_(False))
