# ReduceLROnPlateau as tutorials use it: step(val_loss) after each epoch.
import torch
from torch import nn
from torch.optim.lr_scheduler import ReduceLROnPlateau

torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
sched = ReduceLROnPlateau(opt, mode='min', factor=0.5, patience=2)
losses = [1.0, 0.9, 0.95, 0.91, 0.92, 0.89, 0.9, 0.9, 0.9, 0.9, 0.5, 0.6, 0.7, 0.8]
for epoch, val in enumerate(losses):
    sched.step(val)
    print(epoch, opt.param_groups[0]['lr'], sched.num_bad_epochs, sched.best, sched.in_cooldown)
print(sched._last_lr)
print(sched.state_dict())

opt = torch.optim.SGD(model.parameters(), lr=1.0)
sched = ReduceLROnPlateau(opt, 'max', factor=0.1, patience=0, threshold=0.1,
                          threshold_mode='abs', cooldown=1, min_lr=0.002)
for acc in [0.5, 0.55, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]:
    sched.step(torch.tensor(acc))
    print(opt.param_groups[0]['lr'], sched.cooldown_counter, sched.is_better(0.9, sched.best))

opt = torch.optim.SGD([{'params': [model.weight]}, {'params': [model.bias], 'lr': 0.5}], lr=0.1)
sched = ReduceLROnPlateau(opt, patience=1, min_lr=[0.01, 0.2], eps=0.05)
for v in [3, 3, 3, 3, 3, 3, 3, 3]:
    sched.step(v)
    print([g['lr'] for g in opt.param_groups])
sched.step(1.0, epoch=20)
print(sched.last_epoch)

for bad in [dict(factor=1.0), dict(mode='avg'), dict(threshold_mode='pct'), dict(min_lr=[0.1, 0.2])]:
    try:
        ReduceLROnPlateau(torch.optim.SGD(model.parameters(), lr=0.1), **bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    ReduceLROnPlateau(model)
except TypeError as e:
    print('TypeError:', e)
ReduceLROnPlateau(torch.optim.SGD(model.parameters(), lr=0.1), mode='avg')
