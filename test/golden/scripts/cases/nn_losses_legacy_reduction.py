# The deprecated size_average= and reduce= of every loss, module and functional: the reduction
# they mean (_Reduction.legacy_get_string) and its UserWarning at _reduction.py's line.
import torch
import torch.nn as nn
import torch.nn.functional as F
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([0.5, 2.5, 1.0])
print(nn.MSELoss(size_average=False)(a, b))
print(nn.MSELoss(reduce=False)(a, b))
print(nn.L1Loss(size_average=True, reduce=True)(a, b))
print(F.mse_loss(a, b, size_average=False))
print(F.l1_loss(a, b, reduce=False))
x = torch.tensor([[0.2, 0.3, -1.0], [1.0, 0.0, 0.5]])
t = torch.tensor([2, 0])
print(nn.CrossEntropyLoss(size_average=False)(x, t))
print(F.cross_entropy(x, t, reduce=False))
print(nn.NLLLoss(reduce=False)(x, t))
print(F.nll_loss(x, t, size_average=False, reduce=True))
p = torch.tensor([0.2, 0.7, 0.9])
print(nn.BCELoss(size_average=False)(p, torch.tensor([0.0, 1.0, 1.0])))
print(F.binary_cross_entropy(p, torch.tensor([0.0, 1.0, 1.0]), reduce=False))
print(nn.BCEWithLogitsLoss(reduce=False)(x[0], torch.tensor([0.0, 1.0, 1.0])))
print(F.binary_cross_entropy_with_logits(x[0], torch.tensor([0.0, 1.0, 1.0]), size_average=False))
print(nn.MSELoss(size_average=False).reduction)
print(nn.MSELoss(reduction='sum', size_average=True).reduction)
