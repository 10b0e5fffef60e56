import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.ones(3, requires_grad=True)
print(F.l1_loss(x, 1.0))
