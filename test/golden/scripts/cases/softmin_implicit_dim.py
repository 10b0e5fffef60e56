import torch
from torch import nn
m = nn.Softmin()
print(m(torch.tensor([[1., 2.]])))
n = nn.Softmax()
print(n(torch.tensor([[1., 2.]])))
