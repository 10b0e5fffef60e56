import torch
import torch.nn as nn
import torch.nn.functional as F
p = torch.sigmoid(torch.ones(3, 1))
print(F.binary_cross_entropy(p, torch.zeros(3)))
