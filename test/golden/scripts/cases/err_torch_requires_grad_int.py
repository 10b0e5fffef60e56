import torch
torch.ones(2).requires_grad_(5)
