import torch
torch.optim.RMSprop([torch.ones(1, requires_grad=True)], alpha=-0.1)
