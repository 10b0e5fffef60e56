import torch
# x[i] = v on tensors in the graph: PyTorch rewrites grad_fn to CopySlices.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y[0] = 5
print(y, y.grad_fn, y.grad_fn.name())
print(y.grad_fn.next_functions, y.is_leaf, y._version)
y.sum().backward()
print(x.grad)
w = torch.tensor([1.0, 2.0], requires_grad=True)
z = torch.zeros(3)
z[1:] = w * 3
print(z, z.is_leaf, z.requires_grad, z.grad_fn.next_functions)
(z * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(w.grad)
s = torch.tensor(2.0, requires_grad=True)
m = torch.zeros(2, 3)
m[:, 1] = s
print(m, m.grad_fn.next_functions)
m.sum().backward()
print(s.grad)
u = torch.tensor([2.0], requires_grad=True)
k = torch.ones(2, 3) * u
k[0] = u * 10
print(k)
print(k.grad_fn.next_functions)
print(k.grad_fn.next_functions[1][0].next_functions)
k.sum().backward()
print(u.grad)
p = torch.ones(2, requires_grad=True)
q = p * 1
q[0] = q[1] * 3
print(q)
q.sum().backward()
print(p.grad)
r = torch.ones(3, requires_grad=True)
h = r * 2
h.retain_grad()
h[1] = 0
(h * h).sum().backward()
print(h.grad, r.grad)
d = torch.zeros(2, 2, dtype=torch.float64)
v = torch.ones(2, requires_grad=True)
d[0] = v
d.sum().backward()
print(d.dtype, v.grad, v.grad.dtype)
e = torch.ones(3, requires_grad=True) * 1
e[:] = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(e.grad_fn.next_functions[0][0], e.grad_fn.next_functions[1][0])
