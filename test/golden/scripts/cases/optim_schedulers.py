# torch.optim.lr_scheduler: StepLR, MultiStepLR, ExponentialLR and LambdaLR, the learning rates they
# set and the parameters trained with them.
import torch
from torch.optim.lr_scheduler import StepLR, MultiStepLR, ExponentialLR, LambdaLR

torch.manual_seed(4)
w = torch.randn(4, requires_grad=True)


def train(opt, sched, epochs=7):
    for epoch in range(epochs):
        opt.zero_grad()
        loss = (w ** 2).sum()
        loss.backward()
        opt.step()
        sched.step()
        print(epoch, sched.get_last_lr(), opt.param_groups[0]['lr'])
    print(w.tolist())


opt = torch.optim.SGD([w], lr=0.1)
train(opt, StepLR(opt, step_size=2, gamma=0.5))
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
train(opt, MultiStepLR(opt, milestones=[2, 5, 5], gamma=0.1))
opt = torch.optim.Adam([w], lr=0.05)
sched = ExponentialLR(opt, gamma=0.9)
print(sched.base_lrs, sched.last_epoch)
train(opt, sched)
opt = torch.optim.SGD([w], lr=1)
train(opt, LambdaLR(opt, lr_lambda=lambda epoch: 0.95 ** epoch))
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, 3)
print(sched.state_dict())
print(opt.param_groups[0]['initial_lr'])
