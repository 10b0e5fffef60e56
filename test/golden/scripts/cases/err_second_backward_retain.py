import torch
x = torch.ones(2, requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
print(x.grad)
z = x * 2
z.sum().backward()
z.sum().backward()
