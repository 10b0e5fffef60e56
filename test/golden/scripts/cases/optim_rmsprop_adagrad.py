# torch.optim.RMSprop (momentum, centered, weight decay) and Adagrad (lr_decay, initial accumulator).
import torch

torch.manual_seed(2)
w = torch.randn(21, 5, requires_grad=True)
b = torch.randn(5, requires_grad=True)
x = torch.randn(6, 21)


def run(opt, steps=5):
    for i in range(steps):
        opt.zero_grad()
        loss = torch.sigmoid(x @ w + b).sum()
        loss.backward()
        opt.step()
        print(i, loss.item())
    print(w[3].tolist())
    print(w[20].tolist())
    print(b.tolist())


opt = torch.optim.RMSprop([w, b])
print(opt)
run(opt)
run(torch.optim.RMSprop([w, b], lr=0.001, alpha=0.9, momentum=0.9))
run(torch.optim.RMSprop([w, b], lr=0.001, centered=True, weight_decay=0.1, maximize=True))
run(torch.optim.RMSprop([w, b], lr=0.002, centered=True, momentum=0.5, eps=1e-4))
opt = torch.optim.Adagrad([w, b])
print(opt)
run(opt)
run(torch.optim.Adagrad([w, b], lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.2))
print(opt.state[b]['step'], opt.state[b]['sum'])
