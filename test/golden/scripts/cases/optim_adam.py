# torch.optim.Adam and AdamW (amsgrad, weight decay, maximize) on tensors long enough for PyTorch's
# vectorised kernels and their scalar tails, in float32 and float64.
import torch

torch.manual_seed(1)
w = torch.randn(37, 19, requires_grad=True)
b = torch.randn(19, requires_grad=True)
x = torch.randn(8, 37)
d = torch.linspace(-1.5, 2.5, 5, dtype=torch.float64).requires_grad_()


def run(opt, steps=5):
    for i in range(steps):
        opt.zero_grad()
        loss = torch.tanh(x @ w + b).pow(2).mean() + (d * d).sum()
        loss.backward()
        opt.step()
        print(i, loss.item())
    print(w[0].tolist())
    print(w[36].tolist())
    print(b.tolist())
    print(d.tolist())


opt = torch.optim.Adam([w, b, d])
print(opt)
run(opt)
run(torch.optim.Adam([w, b, d], lr=0.01, betas=(0.8, 0.99), eps=1e-6))
run(torch.optim.Adam([w, b, d], lr=0.02, amsgrad=True, weight_decay=0.1))
run(torch.optim.Adam([w, b, d], lr=0.02, maximize=True))
opt = torch.optim.AdamW([w, b, d], lr=0.01)
print(opt)
run(opt)
run(torch.optim.AdamW([w, b, d], lr=0.01, amsgrad=True, weight_decay=0.5))
s = opt.state[b]
print(list(s.keys()), s['step'])
print(s['exp_avg'])
print(s['exp_avg_sq'])
