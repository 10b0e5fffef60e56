import torch
torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=-1)
