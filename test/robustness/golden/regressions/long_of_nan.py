import torch
print(torch.tensor([float("nan"), 1.0]).long())
print(torch.tensor([float("inf"), 1e30, 2.7, -2.7]).long())
x = torch.tensor([float("nan"), 2.5])
print(x.to(torch.int64), x.long() * 1)
