import torch
from torch import nn
import torch.nn.functional as F
x = torch.arange(12., requires_grad=True)
y = x.unflatten(0, (3, 4))
print(y, y.shape)
print(torch.ones(2, 6).unflatten(1, (2, -1)).shape, torch.unflatten(torch.ones(6), 0, (2, 3)).shape)
u = nn.Unflatten(1, (2, 5))
print(u, u(torch.ones(3, 10)).shape)
print(nn.Sequential(nn.Linear(4, 6), nn.Unflatten(1, torch.Size([2, 3]))))
s = nn.Softmin(dim=1)
print(s)
z = s(torch.tensor([[1., 2., 3.], [0., 0., 1.]], requires_grad=True))
print(z, z.grad_fn.next_functions)
print(F.softmin(torch.tensor([1., 2.]), dim=0))
try:
    torch.ones(2, 6).unflatten(1, (4, 2))
except RuntimeError as e:
    print(e)
print(F.softmin(torch.tensor([[1., 2.]])))
