import torch
import torch.nn.functional as F
from torch import tensor, ones
from torch.nn import functional as F2
import torch.nn as nn
from torch import autograd
x = tensor([-1.0, 0.5, 2.0])
print(F.relu(x), F2.relu(x), nn.functional.relu(x), ones(2))
print(torch.float32, torch.float, torch.float64, torch.double, torch.int64, torch.long, torch.bool)
print(torch.float == torch.float32, torch.long is torch.int64)
w = torch.ones(3, requires_grad=True)
(w * x).sum().backward()
print(w.grad)
print(autograd.grad((w * w).sum(), w))
print(__name__)
