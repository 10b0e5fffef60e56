import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
print(bn, bn.weight, bn.bias, bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(list(bn.state_dict().keys()))
x = torch.randn(5, 3, requires_grad=True) * 2 + 1
y = bn(x)
print(y, y.grad_fn.name())
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
(y * torch.arange(15.).view(5, 3)).sum().backward()
print(bn.weight.grad, bn.bias.grad)
y = bn(torch.randn(4, 3, 2))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(torch.randn(2, 3)))
bn2 = nn.BatchNorm2d(2, eps=1e-3, momentum=None, affine=False)
print(bn2, bn2.weight, list(bn2.state_dict()))
z = torch.randn(2, 2, 3, 3, requires_grad=True)
out = bn2(z)
print(out[0, 0], bn2.running_mean, bn2.running_var)
bn2(torch.randn(2, 2, 3, 3))
print(bn2.running_mean, bn2.running_var, bn2.num_batches_tracked)
out.pow(2).sum().backward()
print(z.grad[1, 1])
bn3 = nn.BatchNorm2d(2, track_running_stats=False)
print(bn3, bn3.running_mean, list(bn3.state_dict()))
bn3.eval()
print(bn3(torch.ones(1, 2, 2, 2) * torch.arange(2.).view(1, 2, 1, 1) + torch.arange(4.).view(1, 1, 2, 2)))
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU())
print(net)
print(net(torch.randn(2, 1, 5, 5)).sum(), net[1].running_mean)
print(F.batch_norm(torch.randn(4, 2), torch.zeros(2), torch.ones(2), training=True, momentum=0.5))
for bad in [lambda: nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 5)), lambda: nn.BatchNorm2d(3)(torch.randn(2, 3)),
            lambda: nn.BatchNorm1d(3)(torch.randn(1, 3)), lambda: nn.BatchNorm1d(3)(torch.randn(4, 2)),
            lambda: F.batch_norm(torch.randn(4, 2), None, None)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
