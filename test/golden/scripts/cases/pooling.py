import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(1, 2, 7, 7, requires_grad=True)
a = F.max_pool2d(x, 2)
b, i = F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, return_indices=True)
c = F.avg_pool2d(x, (2, 3), stride=2, padding=1, count_include_pad=False)
d = F.adaptive_avg_pool2d(x, (3, 2))
e = F.adaptive_avg_pool2d(x, 1)
f = F.max_pool2d(x, (2, 2))
print(a, b, i, c, d, e.grad_fn.name(), f.shape)
(a.sum() + b.sum() * 2 + c.sum() * 3 + d.sum() * 4 + e.sum()).backward()
print(x.grad)
print(F.avg_pool2d(x, 2, ceil_mode=True).shape, F.max_pool2d(x[0], 2).grad_fn.name())
