import torch
x = torch.ones(2, requires_grad=True)
y = x * 2
print(type(1), type(1.0), type('a'), type([]), type(()), type(None), type(True), type(range(1)))
print(type(x), type(x.shape), type(torch.float32), type(y.grad_fn))
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance(x, torch.Tensor), isinstance(2, (float, int)))
print(type(x) is torch.Tensor, type(3) == int, type(x.item) if False else 'ok')
