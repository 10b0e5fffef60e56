import torch
torch.ones(2).add('a')
