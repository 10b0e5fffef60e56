import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
small = torch.randn(2, 5) * 3
big = torch.linspace(-6, 6, 37).reshape(1, 37)
mods = [
    nn.LeakyReLU(), nn.LeakyReLU(0.2), nn.ELU(), nn.ELU(alpha=0.5), nn.GELU(), nn.GELU(approximate="tanh"),
    nn.Softplus(), nn.Softplus(beta=2, threshold=5), nn.SiLU(), nn.Mish(), nn.Hardtanh(), nn.Hardtanh(-2, 2),
    nn.ReLU6(), nn.Softsign(), nn.LogSigmoid(), nn.PReLU(), nn.Threshold(0.1, 20),
]
for m in mods:
    print(m)
    for x in (small, big):
        x = x.clone().requires_grad_()
        y = m(x)
        print(y.grad_fn.name(), y)
        y.backward(torch.linspace(-1, 2, x.numel()).reshape(x.shape))
        print(x.grad)
print(nn.Sequential(nn.Linear(2, 3), nn.GELU(), nn.Linear(3, 1), nn.Softplus()))
print(nn.Hardtanh(-2, 2, True), nn.ReLU6(True), nn.SiLU(True), nn.Mish(inplace=True), nn.Threshold(1, 2, True), nn.ELU(inplace=True))
p = nn.PReLU(3, 0.1)
print(p, p.state_dict(), list(p.named_parameters()))
x = torch.randn(4, 3, 2, requires_grad=True)
y = p(x)
y.sum().backward()
print(y, x.grad, p.weight.grad)
for f in [F.elu, F.silu, F.mish, F.relu6, F.hardtanh, lambda t, **k: F.leaky_relu(t, 0.1, **k), lambda t, **k: F.threshold(t, 0.5, -1.0, **k)]:
    a = torch.randn(6, requires_grad=True)
    t = a * 2
    out = f(t, inplace=True)
    print(out is t, out.grad_fn.name(), out)
    out.sum().backward()
    print(a.grad)
d = torch.randn(5, dtype=torch.float64, requires_grad=True)
for f in [F.elu, F.gelu, F.softplus, F.silu, F.mish, F.logsigmoid, lambda t: F.gelu(t, approximate="tanh")]:
    print(torch.autograd.gradcheck(f, (d,)))
print(F.hardtanh(torch.tensor([-3, 0, 3])), F.relu6(torch.tensor([-3, 0, 9])), F.threshold(torch.tensor([-3, 0, 9]), 1, 7))
print(F.softsign(torch.tensor([-3, 0, 9])), torch.prelu(torch.tensor([-1.0, 2.0]), torch.tensor([0.5])))
print(F.gelu(torch.tensor([-20.0])), F.gelu(torch.tensor([-0.3, 0.7])), F.elu(torch.tensor(-1.5)))
for bad in [lambda: F.gelu(small, approximate="foo"), lambda: F.prelu(torch.ones(2, 3), torch.ones(2)),
            lambda: F.elu(torch.ones(2, dtype=torch.long)), lambda: F.gelu(torch.ones(2, dtype=torch.int32)),
            lambda: F.leaky_relu(small, "a"), lambda: F.softplus(small, beta="a"),
            lambda: F.leaky_relu(small * 1, -0.1, inplace=True).sum().backward()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
