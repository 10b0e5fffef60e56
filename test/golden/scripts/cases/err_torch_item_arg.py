import torch
torch.ones(1).item(1)
