import torch
t = torch.ones(2, 2, requires_grad=True)
torch.autograd.backward((2, 3))
