import torch
torch.tensor([1.0], foo=3)
