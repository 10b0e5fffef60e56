import torch
x = torch.ones(3, requires_grad=True)
y = x * 2
z = y ** 2
y[0] = 0
print(y)
z.sum().backward()
