import torch
import torch.nn as nn
import torch.nn.functional as F
p = torch.tensor([0.2, 0.7, 0.9])
print(F.binary_cross_entropy(p, p, weight=2.0))
