# The rest of lr_scheduler's common schedulers, printed at every epoch as tutorials do.
import torch
from torch import nn
from torch.optim import lr_scheduler

torch.manual_seed(0)
model = nn.Linear(3, 1)


def run(make, epochs=12, lr=0.1):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    sched = make(opt)
    rates = []
    for epoch in range(epochs):
        opt.zero_grad()
        loss = model(torch.ones(2, 3)).pow(2).mean()
        loss.backward()
        opt.step()
        sched.step()
        rates.append(sched.get_last_lr()[0])
    print(type(sched).__name__, rates)
    return opt, sched


run(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=5))
run(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.01), epochs=20)
run(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 10), lr=3e-4)
run(lambda o: lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=4))
run(lambda o: lr_scheduler.LinearLR(o))
run(lambda o: lr_scheduler.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=7))
run(lambda o: lr_scheduler.ConstantLR(o, factor=0.5, total_iters=4))
run(lambda o: lr_scheduler.ConstantLR(o))
run(lambda o: lr_scheduler.MultiplicativeLR(o, lr_lambda=lambda epoch: 0.95))
run(lambda o: lr_scheduler.MultiplicativeLR(o, [lambda e: 0.9 ** e]))
run(lambda o: lr_scheduler.PolynomialLR(o, total_iters=4, power=1.0))
run(lambda o: lr_scheduler.PolynomialLR(o, total_iters=6, power=2))
run(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.9))

opt, sched = run(lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=3), epochs=4)
print(sched.get_lr())
print(sched.state_dict())
print(opt.param_groups[0]['lr'], opt.param_groups[0]['initial_lr'])

# The closed form, through the deprecated epoch argument.
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for cls, kw in [(lr_scheduler.CosineAnnealingLR, dict(T_max=5)),
                (lr_scheduler.LinearLR, dict(start_factor=0.25, total_iters=3)),
                (lr_scheduler.ConstantLR, dict(factor=0.2, total_iters=2)),
                (lr_scheduler.PolynomialLR, dict(total_iters=3, power=0.5))]:
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    s = cls(opt, **kw)
    opt.step()
    for e in [1, 2, 4, 7]:
        s.step(e)
        print(cls.__name__, e, s.get_last_lr())

for bad in [lambda o: lr_scheduler.ConstantLR(o, factor=1.5),
            lambda o: lr_scheduler.LinearLR(o, start_factor=-0.1),
            lambda o: lr_scheduler.LinearLR(o, end_factor=2),
            lambda o: lr_scheduler.MultiplicativeLR(o, [lambda e: 1, lambda e: 2])]:
    try:
        bad(torch.optim.SGD(model.parameters(), lr=0.1))
    except ValueError as e:
        print('ValueError:', e)

opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = lr_scheduler.LinearLR(opt, start_factor=2.0)
