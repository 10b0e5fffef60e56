import torch
torch.optim.Adam([torch.ones(2, requires_grad=True) * 2])
