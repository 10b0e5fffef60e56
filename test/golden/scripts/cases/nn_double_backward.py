# create_graph=True through every activation and loss of torch.nn that PyTorch 1.13 can
# differentiate twice: the node of the gradient (PyTorch's XBackwardBackward0), the gradient of a
# function of the gradient, and a float64 gradgradcheck.
import torch
import torch.nn.functional as F
from torch.autograd import gradgradcheck

torch.manual_seed(0)
x = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
t = torch.rand(2, 3, dtype=torch.float64)
c = torch.tensor([2, 0])
w = torch.rand(2, 3, dtype=torch.float64)
fs = [
    ("relu", lambda x: F.relu(x)),
    ("sigmoid", lambda x: torch.sigmoid(x)),
    ("tanh", lambda x: torch.tanh(x)),
    ("elu", lambda x: F.elu(x, 0.7)),
    ("gelu", lambda x: F.gelu(x)),
    ("gelu_tanh", lambda x: F.gelu(x, approximate="tanh")),
    ("silu", lambda x: F.silu(x)),
    ("mish", lambda x: F.mish(x)),
    ("softplus", lambda x: F.softplus(x, beta=2.0, threshold=1.0)),
    ("hardtanh", lambda x: F.hardtanh(x, -0.5, 0.5)),
    ("relu6", lambda x: F.relu6(x * 4)),
    ("leaky_relu", lambda x: F.leaky_relu(x, 0.1)),
    ("logsigmoid", lambda x: F.logsigmoid(x)),
    ("softsign", lambda x: F.softsign(x)),
    ("threshold", lambda x: F.threshold(x, 0.1, 20.0)),
    ("softmax", lambda x: F.softmax(x, dim=1) * w),
    ("softmax0", lambda x: F.softmax(x, dim=0) * w),
    ("log_softmax", lambda x: F.log_softmax(x, dim=1) * w),
    ("mse", lambda x: F.mse_loss(x, t)),
    ("mse_sum", lambda x: F.mse_loss(x, t, reduction="sum")),
    ("mse_none", lambda x: F.mse_loss(x, t, reduction="none") * w),
    ("bce", lambda x: F.binary_cross_entropy(torch.sigmoid(x), t)),
    ("bce_weight_sum", lambda x: F.binary_cross_entropy(torch.sigmoid(x), t, weight=w, reduction="sum")),
    ("bce_logits", lambda x: F.binary_cross_entropy_with_logits(x, t)),
    ("nll", lambda x: F.nll_loss(x, c)),
    ("cross_entropy", lambda x: F.cross_entropy(x, c)),
    ("cross_entropy_sum", lambda x: F.cross_entropy(x, c, reduction="sum")),
    ("cross_entropy_view", lambda x: F.cross_entropy(x.view(1, 6)[:, :3], torch.tensor([1]))),
]
for name, f in fs:
    x.grad = None
    (g,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    print(name, g.grad_fn.name())
    (g * g).sum().backward()
    print(x.grad)
    print(gradgradcheck(lambda v: f(v), (x.detach().clone().requires_grad_(),)))

# A module's gradient penalty, as WGAN-GP tutorials write it.
torch.manual_seed(1)
net = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
inp = torch.randn(3, 5, requires_grad=True)
out = net(inp)
(grad,) = torch.autograd.grad(out, inp, grad_outputs=torch.ones_like(out), create_graph=True)
penalty = ((grad.norm(2, dim=1) - 1) ** 2).mean()
penalty.backward()
print(penalty)
print(net[0].weight.grad)
print(net[2].bias.grad)

# Third order through tanh and sigmoid.
y = torch.tensor([0.3, -1.2], dtype=torch.float64, requires_grad=True)
(d1,) = torch.autograd.grad(torch.tanh(y).sum(), y, create_graph=True)
(d2,) = torch.autograd.grad(d1.sum(), y, create_graph=True)
(d3,) = torch.autograd.grad(d2.sum(), y)
print(d1, d2, d3)
