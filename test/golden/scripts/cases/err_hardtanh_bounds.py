import torch.nn as nn

print(nn.Hardtanh(-2, 2))
nn.Hardtanh(2, 1)
