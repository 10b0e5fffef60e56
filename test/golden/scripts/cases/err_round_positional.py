import torch
print(torch.tensor([1.25]).round(decimals=1))
print(torch.tensor([1.25]).round(1))
