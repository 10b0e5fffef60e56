import torch
import torch.nn.functional as F
x = torch.randn(3, 4)
t = torch.tensor([0, 1, 2])
F.nll_loss(F.log_softmax(x, 1), t, reduction="bad")
