import torch
m = torch.tensor([True, False])
print(m % 2)
print(m % True)
