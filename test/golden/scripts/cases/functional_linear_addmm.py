import torch
import torch.nn.functional as F

x = torch.tensor([[1.5, -2.0, 0.5], [3.0, 0.25, -1.0]], requires_grad=True)
w = torch.tensor([[0.3, -1.2, 2.5], [1.7, 0.1, -0.6]], requires_grad=True)
b = torch.tensor([0.1, -0.7], requires_grad=True)
y = F.linear(x, w, b)
print(y)
print(y.grad_fn, y.grad_fn.next_functions[2][0])
y.sum().backward()
print(x.grad)
print(w.grad)
print(b.grad)
print(F.linear(x, w))
print(F.linear(torch.tensor([1.0, 2.0, 3.0]), w, b))
z = torch.addmm(b, x, w.t(), beta=0.5, alpha=2)
print(z)
print(x.addmm(w.t(), torch.ones(2, 2)))
F.linear(torch.ones(1, 3), torch.ones(1, 2))
