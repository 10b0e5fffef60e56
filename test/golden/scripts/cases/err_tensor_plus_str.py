import torch
torch.ones(2) + 'a'
