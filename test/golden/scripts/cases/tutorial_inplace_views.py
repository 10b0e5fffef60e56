import torch
a = torch.ones(2, 3, requires_grad=True)
b = a * 1
v = b[0]
v.mul_(2)
print(v.grad_fn.name(), b.grad_fn, b.grad_fn.next_functions[1])
w = b.t()
w.add_(1)
print(w)
print(b)
c = b[:, 1]
c *= 3
print(b, c)
b.sum().backward()
print(a.grad)
x = torch.ones(2, 2, requires_grad=True)
y = x * 2
y[0] = 5.0
y[:, 1] *= 3
print(y)
y.sum().backward()
print(x.grad)
p = torch.ones(3, requires_grad=True)
q = p + 0
q[1:].mul_(4)
q[0:1].zero_()
print(q)
q.sum().backward()
print(p.grad)
s = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
t = torch.zeros(3)
t[1:] += s[1:] * 2
print(t)
t.sum().backward()
print(s.grad)
