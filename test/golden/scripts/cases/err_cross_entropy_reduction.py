import torch
import torch.nn.functional as F
x = torch.randn(3, 4)
t = torch.tensor([0, 1, 2])
loss = F.cross_entropy(x, t, reduction="sum ")
