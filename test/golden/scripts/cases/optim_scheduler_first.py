# A scheduler stepped before its optimizer: PyTorch's warning, then the schedule goes on.
import torch

w = torch.ones(2, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
sched.step()
print(opt.param_groups[0]['lr'])
(w * 3).sum().backward()
opt.step()
print(w)
