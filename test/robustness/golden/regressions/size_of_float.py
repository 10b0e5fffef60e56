import torch
print(torch.Size([1.5]))
