import torch
import torch.nn as nn
import torch.nn.functional as F
a, b = torch.broadcast_tensors(torch.ones(2, 3), torch.ones(3))
print(a.shape, b.shape)
torch.broadcast_tensors(torch.ones(2), torch.ones(3))
