import torch
torch.optim.Adam([torch.ones(1, requires_grad=True)], lr=-0.5)
