import torch
import torch.nn as nn
torch.manual_seed(1)
c1 = nn.Conv1d(2, 4, 3, stride=2, padding=1, bias=False)
c2 = nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding='same' if False else 1, dilation=2, groups=2)
c3 = nn.Conv2d(3, 3, 3, padding='same')
c4 = nn.Conv2d(3, 5, [1, 3], padding='valid', padding_mode='zeros')
for m in [c1, c2, c3, c4]:
    print(m, m.weight.shape, None if m.bias is None else m.bias.shape)
    print(m.kernel_size, m.stride, m.padding, m.dilation, m.groups, m.padding_mode, m.in_channels, m.out_channels)
print(c1.weight)
x = torch.randn(1, 2, 7, requires_grad=True)
y = c1(x)
print(y, y.grad_fn)
y.sum().backward()
print(x.grad)
x2 = torch.randn(2, 4, 6, 5)
print(c2(x2).shape, c3(torch.randn(3, 4, 4)).shape, c4(torch.randn(1, 3, 4, 4)).shape)
print(c2.state_dict().keys())
p = nn.MaxPool2d(2)
q = nn.MaxPool2d((3, 2), stride=1, padding=1, dilation=1, ceil_mode=True)
r = nn.AvgPool2d(2, stride=1, padding=1, count_include_pad=False)
s = nn.AdaptiveAvgPool2d((2, 3))
t = nn.AdaptiveAvgPool2d(1)
u = nn.MaxPool2d(2, return_indices=True)
print(p, q, r, s, t, sep='\n')
z = torch.randn(1, 2, 5, 6, requires_grad=True)
for m in [p, q, r, s, t]:
    o = m(z)
    print(o.shape, o.grad_fn.name())
print(p(z))
print(r(z).sum(), s(z))
o, i = u(z)
print(i)
seq = nn.Sequential(nn.Conv2d(2, 3, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(6, 2))
print(seq)
print(seq(z))
for bad in [lambda: nn.Conv2d(3, 4, 3, groups=2), lambda: nn.Conv2d(4, 3, 3, groups=2),
            lambda: nn.Conv2d(4, 4, 3, groups=0), lambda: nn.Conv2d(4, 4, 3, stride=2, padding='same'),
            lambda: nn.Conv2d(3, 3, 3)(torch.randn(1, 2, 5, 5)),
            lambda: nn.Conv2d(1, 1, 5)(torch.randn(1, 1, 3, 3)),
            lambda: nn.MaxPool2d(3, padding=2)(torch.randn(1, 1, 5, 5)),
            lambda: nn.Conv2d(1, 1, 3, padding='full')]:
    try:
        bad()
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
