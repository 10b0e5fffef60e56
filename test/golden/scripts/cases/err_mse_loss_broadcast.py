import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.ones(3, 2, requires_grad=True)
t = torch.zeros(4)
print(F.mse_loss(x, t))
