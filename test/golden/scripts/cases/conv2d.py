import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(1, 1, 8, 8, requires_grad=True)
w = torch.randn(2, 1, 3, 3, requires_grad=True)
b = torch.randn(2, requires_grad=True)
y = F.conv2d(x, w, b, padding=1, stride=2)
print(y)
y.sum().backward()
print(x.grad, w.grad, b.grad)
print(y.grad_fn.name(), [n[0].name() if n[0] else None for n in y.grad_fn.next_functions])
z = F.conv2d(torch.randn(1, 6, 6), torch.randn(2, 1, 3, 3), padding='same')
print(z.shape, z.grad_fn, F.conv1d(torch.randn(1, 2, 7), torch.randn(3, 2, 3), stride=2).shape)
lenet = F.max_pool2d(F.relu(F.conv2d(torch.randn(1, 1, 32, 32), torch.randn(6, 1, 5, 5))), (2, 2))
print(lenet.shape, F.conv2d(torch.randn(1, 4, 5, 5), torch.randn(4, 2, 3, 3), groups=2, dilation=2).shape)
for call in [lambda: F.conv2d(torch.randn(1, 2, 5, 5), torch.randn(3, 1, 3, 3)),
             lambda: F.conv2d(torch.randn(1, 1, 2, 2), torch.randn(3, 1, 3, 3)),
             lambda: F.conv2d(torch.randn(5, 5), torch.randn(3, 1, 3, 3)),
             lambda: F.conv2d(torch.randn(1, 1, 5, 5), torch.randn(3, 1, 3, 3), torch.randn(2)),
             lambda: F.conv2d(torch.randn(1, 1, 5, 5), torch.randn(3, 1, 3, 3), stride=2, padding='same'),
             lambda: F.conv2d(torch.randn(1, 4, 5, 5), torch.randn(3, 2, 3, 3), groups=2),
             lambda: F.conv2d(torch.randn(1, 1, 5, 5), torch.randn(3, 1, 3, 3), padding='foo'),
             lambda: F.conv2d(torch.randn(1, 1, 5, 5, dtype=torch.float64), torch.randn(3, 1, 3, 3)),
             lambda: F.max_pool2d(torch.randn(1, 1, 5, 5), 2, padding=2),
             lambda: F.max_pool2d(torch.randn(1, 1, 1, 1), 2)]:
    try:
        call()
    except RuntimeError as e:
        print(e)
