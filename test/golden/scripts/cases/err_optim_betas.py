import torch
torch.optim.Adam([torch.ones(1, requires_grad=True)], betas=(0.9, 1.0))
