import torch
v = torch.tensor([0.5, 2.0])
print(0 < v)
print(0 < v < 1)
