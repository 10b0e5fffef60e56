import torch
import torch.nn as nn
import torch.nn.functional as F
p = torch.tensor([0.2, 0.7, 0.9])
t = torch.tensor([0.0, 1.0, 1.0])
print(F.binary_cross_entropy(p, t, weight=torch.tensor([1.0, 2.0, 3.0])))
print(F.binary_cross_entropy(p, t, weight=torch.tensor([2.0, 1.0])))
