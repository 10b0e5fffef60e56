import torch
t = torch.arange(4)
i = len(t) / 2
print(t[i])
