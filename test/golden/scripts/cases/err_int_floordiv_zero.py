import torch
t = torch.tensor([4, 6, 8])
print(t // 2)
print(t // torch.tensor([1, 0, 2]))
