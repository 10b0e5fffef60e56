import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
ln = nn.LayerNorm(5)
print(ln, ln.weight, ln.bias, nn.LayerNorm([2, 3], eps=1e-6, elementwise_affine=False))
x = torch.randn(3, 5, requires_grad=True)
y = ln(x)
print(y, y.grad_fn, y.grad_fn.next_functions)
(y * torch.arange(15.).reshape(3, 5)).sum().backward()
print(x.grad, ln.weight.grad, ln.bias.grad)

# rows of many lengths (the vector lanes, the Welford chunks, the tails), with and without affine
for n in [3, 8, 13, 37, 130, 300]:
    for dtype in [torch.float32, torch.float64]:
        x = (torch.randn(4, n) * 3 + 1).to(dtype).requires_grad_()
        w = torch.randn(n).to(dtype).requires_grad_()
        b = torch.randn(n).to(dtype).requires_grad_()
        g = torch.randn(4, n).to(dtype)
        y = F.layer_norm(x, (n,), w, b)
        (y * g).sum().backward()
        y0 = F.layer_norm(x, [n], eps=1e-3)
        gx = torch.autograd.grad((y0 * g).sum(), x)[0]
        print(n, dtype, y.sum().item(), y[1, :3].tolist(), x.grad.sum().item(), x.grad[2, -3:].tolist(),
              w.grad.sum().item(), b.grad[:2].tolist(), y0.sum().item(), y0[3, :2].tolist(), gx[0, :3].tolist())

x3 = torch.randn(2, 3, 4)
print(F.layer_norm(x3, (3, 4)), torch.layer_norm(x3, [4]))
model = nn.Sequential(nn.Linear(4, 6), nn.LayerNorm(6), nn.ReLU(), nn.Linear(6, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(3):
    opt.zero_grad()
    loss = model(x3.reshape(6, 4)).pow(2).mean()
    loss.backward()
    opt.step()
    print(step, loss.item())
print(model[1].weight, model[1].state_dict().keys())

for bad in [lambda: F.layer_norm(x, []), lambda: F.layer_norm(torch.randn(2, 3), [4]),
            lambda: F.layer_norm(torch.randn(2, 3), (3,), torch.ones(4)),
            lambda: F.layer_norm(torch.randn(2, 3), (3,), None, torch.ones(2)),
            lambda: F.layer_norm(torch.randn(2, 3).half(), (3,)),
            lambda: F.layer_norm(torch.ones(2, 3, dtype=torch.long), (3,)),
            lambda: F.layer_norm(torch.randn(2, 3), (2, 3, 4)), lambda: F.layer_norm(torch.randn(2, 3), 3),
            lambda: F.layer_norm(torch.randn(2, 3), (3,), eps='a'),
            lambda: F.layer_norm(torch.randn(2, 3), (3,), torch.ones(3, dtype=torch.float64)),
            lambda: nn.LayerNorm(3)(torch.randn(2, 4))]:
    try:
        bad()
    except (RuntimeError, TypeError) as e:
        print(type(e).__name__, e)
print(F.layer_norm(torch.randn(0, 3), (3,)))
