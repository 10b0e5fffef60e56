import torch
t = torch.tensor([4, 6, 8])
print(t % 5)
print(t % 0)
