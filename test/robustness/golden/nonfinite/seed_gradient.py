import torch
x = torch.ones(2, 2, requires_grad=True)
y = x * 3
y.backward(torch.tensor([[float('nan'), 1.], [float('inf'), -float('inf')]]))
print(x.grad)
print(x.grad.sum(), x.grad.mean())
