# torch.optim.SGD in each of its forms: parameters equal PyTorch's bit for bit after several steps.
import torch

torch.manual_seed(0)
w = torch.randn(3, 4, requires_grad=True)
b = torch.randn(4, requires_grad=True)
x = torch.randn(5, 3)


def run(opt, steps=6):
    for i in range(steps):
        opt.zero_grad()
        loss = ((x @ w + b) ** 2).mean()
        loss.backward()
        opt.step()
        print(i, loss.item())
    print(w.tolist())
    print(b.tolist())


opt = torch.optim.SGD([w, b], lr=0.1)
print(opt)
run(opt)
run(torch.optim.SGD([w, b], lr=0.05, momentum=0.9))
run(torch.optim.SGD([w, b], lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01))
run(torch.optim.SGD([w, b], lr=0.05, momentum=0.5, dampening=0.3, maximize=True))
opt = torch.optim.SGD([w, b], lr=0.01, momentum=0.9)
print(opt)
run(opt, 2)
print(opt.state[w]['momentum_buffer'])
print(opt.state_dict())
print(opt.param_groups[0]['lr'], len(opt.param_groups[0]['params']))
