import torch
x = torch.zeros(2, 3)
x[1, 2] = 1
print(x)
x[2] = 1
