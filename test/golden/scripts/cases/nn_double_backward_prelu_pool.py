# create_graph=True through prelu (shared and per-channel weight, whose gradient is an output of
# the same PreluBackwardBackward0), max_pool2d, avg_pool2d and adaptive_avg_pool2d, and the
# DivBackward1 of mean's gradient: the gradient's node, the gradient of a function of the
# gradient, and a float64 gradgradcheck.
import torch
import torch.nn.functional as F
from torch.autograd import gradgradcheck

torch.manual_seed(0)
x = torch.randn(2, 3, 4, 4, dtype=torch.float64, requires_grad=True)
w1 = torch.tensor([0.25], dtype=torch.float64, requires_grad=True)
w3 = torch.tensor([0.1, -0.3, 0.5], dtype=torch.float64, requires_grad=True)
fs = [
    ("prelu", lambda x, w: F.prelu(x, w), w1),
    ("prelu_channels", lambda x, w: F.prelu(x, w), w3),
    ("max_pool2d", lambda x, w: F.max_pool2d(x, 2), None),
    ("max_pool2d_stride", lambda x, w: F.max_pool2d(x, 3, stride=1, padding=1), None),
    ("avg_pool2d", lambda x, w: F.avg_pool2d(x, 2), None),
    ("avg_pool2d_pad", lambda x, w: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False), None),
    ("adaptive_avg_pool2d", lambda x, w: F.adaptive_avg_pool2d(x, (2, 3)), None),
    ("adaptive_avg_pool2d_1", lambda x, w: F.adaptive_avg_pool2d(x, 1), None),
    ("mean", lambda x, w: x.mean(), None),
    ("mean_dim", lambda x, w: x.mean(1), None),
]
for name, f, w in fs:
    x.grad = None
    inputs = (x,) if w is None else (x, w)
    if w is not None:
        w.grad = None
    y = f(x, w)
    grads = torch.autograd.grad((y * y).sum(), inputs, create_graph=True)
    print(name, [g.grad_fn.name() for g in grads])
    sum(((g * g).sum() for g in grads)).backward()
    print(x.grad.sum(dim=(2, 3)))
    if w is not None:
        print(w.grad)
    print(gradgradcheck(lambda *v: f(v[0], v[1] if len(v) > 1 else None), tuple(t.detach().clone().requires_grad_() for t in inputs)))

# float32, as a model would: a PReLU layer's gradient penalty.
torch.manual_seed(1)
act = torch.nn.PReLU(3)
inp = torch.randn(2, 3, 5, requires_grad=True)
out = act(inp)
(grad,) = torch.autograd.grad(out.sum(), inp, create_graph=True)
penalty = (grad ** 2).sum()
penalty.backward()
print(grad.grad_fn.name(), penalty)
print(act.weight.grad)
print(inp.grad)
