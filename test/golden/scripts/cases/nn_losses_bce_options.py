import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(4, 3, requires_grad=True)
t = torch.tensor([0, 2, 1, 2])
w = torch.tensor([1., 2., 0.5])

# Class losses with weight, ignore_index, label_smoothing and every reduction.
for kw in [dict(weight=w), dict(ignore_index=1), dict(ignore_index=1, weight=w),
           dict(label_smoothing=0.1), dict(label_smoothing=0.1, weight=w),
           dict(label_smoothing=0.25, ignore_index=2), dict(label_smoothing=0.2, reduction='sum'),
           dict(label_smoothing=0.2, reduction='none', weight=w), dict(reduction='none', weight=w)]:
    x.grad = None
    loss = F.cross_entropy(x, t, **kw)
    loss.sum().backward()
    print(kw, loss, loss.grad_fn.name())
    print(x.grad)
nll = nn.NLLLoss(weight=w, reduction='sum')
print(nll, nll.weight, nll(F.log_softmax(x, 1), t))
ce = nn.CrossEntropyLoss(weight=w, ignore_index=0, label_smoothing=0.05)
print(ce, ce.label_smoothing, ce.ignore_index, ce.state_dict())
print(ce(x, t))
# Class probabilities as the target.
p = torch.softmax(torch.randn(4, 3), 1)
for kw in [{}, dict(label_smoothing=0.1), dict(reduction='sum'), dict(reduction='none', weight=w)]:
    x.grad = None
    loss = F.cross_entropy(x, p, **kw)
    loss.sum().backward()
    print(kw, loss, loss.grad_fn.name(), x.grad[0])
print(F.cross_entropy(torch.randn(3), torch.tensor(1)), F.cross_entropy(torch.randn(3), torch.tensor(1), label_smoothing=0.3))

# Binary cross entropy, with and without logits.
s = torch.sigmoid(x)
y = torch.rand(4, 3)
bce = nn.BCELoss()
print(bce, bce.weight)
for kw in [{}, dict(weight=torch.tensor([1., 2., 3.])), dict(reduction='sum'), dict(reduction='none')]:
    x.grad = None
    s = torch.sigmoid(x)
    loss = F.binary_cross_entropy(s, y, **kw)
    loss.sum().backward()
    print(kw, loss, loss.grad_fn.name(), x.grad[1])
print(F.binary_cross_entropy(torch.tensor([0., 1., 0.5]), torch.tensor([1., 0., 0.5])))
logits = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1., 2., 3.]))
print(logits, logits.pos_weight, list(logits.state_dict()))
for kw in [{}, dict(pos_weight=torch.tensor([1., 2., 3.])), dict(weight=torch.tensor([0.5, 1., 2.]), reduction='sum'),
           dict(reduction='none', pos_weight=torch.tensor(2.))]:
    x.grad = None
    loss = F.binary_cross_entropy_with_logits(x, y, **kw)
    loss.sum().backward()
    print(kw, loss, loss.grad_fn.name(), x.grad[2])
print(logits(torch.tensor([[100., -100., 0.]]), torch.tensor([[0., 1., 1.]])))
yt = y.clone().requires_grad_()
F.binary_cross_entropy(s.detach(), yt).backward()
print(yt.grad)
yt.grad = None
F.binary_cross_entropy_with_logits(x, yt, pos_weight=torch.tensor([1., 2., 3.])).backward()
print(yt.grad)
# Classify with BCE: a tiny model trained a few steps.
torch.manual_seed(1)
model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())
opt = torch.optim.SGD(model.parameters(), lr=0.5)
data = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
labels = torch.tensor([[0.], [1.], [1.], [0.]])
for step in range(5):
    opt.zero_grad()
    loss = bce(model(data), labels)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))

for bad in [lambda: F.binary_cross_entropy(x, y), lambda: F.binary_cross_entropy(s, y[0]),
            lambda: F.binary_cross_entropy_with_logits(x, y[0]), lambda: F.binary_cross_entropy(s, y.long()),
            lambda: F.nll_loss(x, t, weight=torch.ones(2)), lambda: F.cross_entropy(x, t, label_smoothing=1.5),
            lambda: F.cross_entropy(x, p, ignore_index=1), lambda: F.cross_entropy(x, p.long()),
            lambda: F.binary_cross_entropy(s, y, reduction='avg'), lambda: nn.BCELoss()(s, y.double())]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
