import torch

N = torch.zeros((3, 3), dtype=torch.int32)
N[0, 1] += 1
print(N)
print(N.mean())
