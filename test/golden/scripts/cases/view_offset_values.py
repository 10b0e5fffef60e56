import torch
x = torch.arange(6.).view(2, 3)
print(torch.tensor(x[1]))
y = torch.tensor([[1., -2.], [3., 4.]])
print(torch.tensor([2, 3]) ** torch.tensor([[1, -1], [2, 3]])[1])
w = torch.ones(2, 3, requires_grad=True)
z = w * 1
v = z[1]
v.retain_grad()
(v * 2).sum().backward()
print(v.grad)
a = torch.randn(2, 3, requires_grad=True)
r = torch.ones(3, requires_grad=True)
b = (a * 1)[1]
b.mul_(r)
b.sum().backward()
print(r.grad == a[1])
