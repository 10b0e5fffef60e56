import torch
x = torch.tensor([3.0, 4.0], requires_grad=True)
y = x * 3
y //= 2
print(y)
y.sum().backward()
