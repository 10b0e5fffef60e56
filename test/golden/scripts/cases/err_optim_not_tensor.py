import torch
torch.optim.SGD([1.0, 2.0], lr=0.1)
