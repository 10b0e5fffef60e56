import torch
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
c = a * b
d = c + a
e = d.exp() / 10
print(e)
print(e.grad_fn)
print(e.grad_fn.next_functions)
print(e.grad_fn.next_functions[0][0].next_functions)
print(d.grad_fn.name(), c.grad_fn.name(), e.grad_fn.name())
e.backward()
print(a.grad, b.grad, c.grad, c.is_leaf, a.is_leaf)
f = torch.ones(2, 2, requires_grad=True)
g = (f.t() @ f).sum() + f.norm() + f.max() + f.mean(dim=0).sum()
g.backward()
print(g, f.grad)
h = torch.tensor([1.0, 2.0], requires_grad=True)
k = h ** 2
k.backward(gradient=torch.tensor([1.0, 1.0]))
print(h.grad)
m = torch.tensor([0.5, -0.5], requires_grad=True)
n = torch.sigmoid(m) * torch.tanh(m) + m.relu() + m.abs() + m.clamp(-0.1, 0.1) + torch.sqrt(m * m + 1) + torch.log(m + 2) + m.sin() - m.cos()
n.sum().backward()
print(n, m.grad)
