import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.ones(3)
print(F.mse_loss(x, x, reduction='average'))
