import torch
x = torch.tensor([3.0, 4.0], requires_grad=True)
y = x // 2
print(y)
print(y.grad_fn)
y.sum().backward()
print("unreachable")
