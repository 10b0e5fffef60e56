import torch
torch.onse(2)
