import torch
from torch import nn
loss = nn.CrossEntropyLoss(reduction="avg")
print(loss)
loss(torch.randn(2, 3), torch.tensor([0, 2]))
