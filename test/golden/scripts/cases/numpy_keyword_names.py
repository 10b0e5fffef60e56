# PyTorch's argument parser takes NumPy's names for dim, keepdim, input and other (makemore: sum(1, keepdims=True))
import torch
c = torch.arange(6.).reshape(2, 3)
print(c.sum(1, keepdims=True))
print(c.sum(axis=0))
print(torch.mean(c, axis=1, keepdims=True))
print(c.max(axis=1))
