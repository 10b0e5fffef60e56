import torch
w = torch.zeros(3, requires_grad=True)
print(w)
w[0] = 1.0
