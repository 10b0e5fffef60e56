import torch
t = torch.ones(2, 2, requires_grad=True)
print(torch.norm(t, dim=torch.tensor(1.5)))
