import torch
import torch.nn as nn
import torch.nn.functional as F
p = torch.tensor([0.2, 0.7])
print(F.binary_cross_entropy_with_logits(p, p, reduction='avg'))
