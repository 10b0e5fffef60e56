import torch
t = torch.tensor(2.5)
print(round(t.item()))
print(round(t))
