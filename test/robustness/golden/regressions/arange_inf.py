import torch
print(torch.arange(2, float("inf"), 0.5))
