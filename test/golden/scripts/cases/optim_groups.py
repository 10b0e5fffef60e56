# Parameter groups, add_param_group, changing lr between steps, zero_grad(set_to_none=True), a
# parameter without a gradient skipped, step(closure), state_dict and a subclass of an optimizer.
import torch

torch.manual_seed(3)
a = torch.randn(2, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
c = torch.randn(3, requires_grad=True)
opt = torch.optim.SGD([{'params': [a]}, {'params': b, 'lr': 0.5, 'momentum': 0.9}], lr=0.1)
print(opt)
print(opt.param_groups[1]['params'][0] is b)
opt.add_param_group({'params': [c], 'weight_decay': 0.1})
print(opt)
print(len(opt.param_groups))


def closure():
    opt.zero_grad()
    loss = (a.sum(0) * b).sum() ** 2
    loss.backward()
    return loss


for i in range(3):
    print(opt.step(closure).item())
    opt.param_groups[0]['lr'] *= 0.5
print(a.tolist(), b.tolist(), c.tolist())
print(c.grad)
opt.zero_grad(set_to_none=True)
print(a.grad, b.grad)
opt.step()
print(a.tolist())
print(opt.state_dict()['param_groups'])
print(sorted(opt.state_dict()['state'].keys()))


class Scaled(torch.optim.SGD):
    def __init__(self, params, lr):
        super().__init__(params, lr=lr)
        self.calls = 0

    def step(self, closure=None):
        self.calls += 1
        return super().step(closure)


opt2 = Scaled([a], lr=0.25)
print(opt2)
(a * a).sum().backward()
opt2.step()
print(opt2.calls, a.tolist())
print(isinstance(opt2, torch.optim.Optimizer), isinstance(opt2, torch.optim.SGD))
opt3 = torch.optim.Adam(iter([a, b]), lr=0.1)
print(len(opt3.param_groups[0]['params']))
