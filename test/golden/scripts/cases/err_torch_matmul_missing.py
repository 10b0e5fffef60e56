import torch
torch.matmul(torch.ones(2))
