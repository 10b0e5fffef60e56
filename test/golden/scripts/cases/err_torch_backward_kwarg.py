import torch
x = torch.ones(1, requires_grad=True)
x.sum().backward(foo=1)
