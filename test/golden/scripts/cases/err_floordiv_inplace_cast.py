import torch
n = torch.tensor([5, 7])
n //= 2
print(n)
n //= 2.5
