import torch
x = torch.ones(2)
x.grad = 5
