import torch
x = torch.tensor([3.0, 4.0], requires_grad=True)
y = 10 % x
print(y, y.grad_fn)
y.sum().backward()
