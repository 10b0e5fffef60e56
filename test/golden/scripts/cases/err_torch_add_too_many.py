import torch
torch.ones(2).add(1, 2, 3)
