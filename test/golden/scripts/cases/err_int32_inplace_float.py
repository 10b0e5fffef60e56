import torch

N = torch.zeros((2, 2), dtype=torch.int32)
N += 1
print(N)
N /= N.sum(1, keepdim=True)
