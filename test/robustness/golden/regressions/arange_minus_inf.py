import torch
print(torch.arange(float("-inf"), 3))
