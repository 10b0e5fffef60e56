# nll_loss and cross_entropy on (N, C, d1, ...) inputs: NllLoss2DBackward0 for 4-D, the view to
# (N, C, 1, -1) for 3-D and 5-D, every reduction with weight and ignore_index; softmax and
# log_softmax along a dim that is not the last, forward and backward.
import torch
import torch.nn.functional as F
torch.manual_seed(0)
for shape in [(2, 3, 4), (2, 3, 2, 2), (1, 4, 2, 3, 2)]:
    x = torch.randn(*shape, requires_grad=True)
    t = torch.randint(0, shape[1], (shape[0],) + shape[2:])
    for red in ['mean', 'sum', 'none']:
        loss = F.cross_entropy(x, t, reduction=red)
        print(shape, red, loss.grad_fn.name(), loss)
        loss.sum().backward()
        print(x.grad)
        x.grad = None
    w = torch.rand(shape[1])
    lp = F.log_softmax(x, dim=1)
    l2 = F.nll_loss(lp, t, weight=w, ignore_index=1)
    print(l2, l2.grad_fn.name(), lp.grad_fn.name())
    l2.backward()
    print(x.grad)
y = torch.randn(3, 4, 5, requires_grad=True)
for d in [0, 1, -1]:
    s = torch.softmax(y, dim=d)
    print(s.sum(), s[0, 0])
    (s * torch.arange(60.).reshape(3, 4, 5)).sum().backward()
    print(y.grad[0])
    y.grad = None
try:
    F.nll_loss(torch.randn(2, 3, 4), torch.zeros(2, 5, dtype=torch.long))
except Exception as e:
    print(type(e).__name__, e)
