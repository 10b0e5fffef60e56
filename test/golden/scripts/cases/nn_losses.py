# nn's loss modules: MSELoss, L1Loss, NLLLoss, CrossEntropyLoss over their functional forms
import torch
import torch.nn as nn

torch.manual_seed(0)
pred = torch.randn(4, 3, requires_grad=True)
target = torch.randn(4, 3)
for reduction in ["mean", "sum", "none"]:
    mse = nn.MSELoss(reduction=reduction)
    l1 = nn.L1Loss(reduction=reduction)
    print(mse, mse.reduction, mse(pred, target))
    print(l1, l1(pred, target))
criterion = nn.MSELoss(reduction="sum")
loss = criterion(pred, target)
loss.backward()
print(loss, pred.grad)
labels = torch.tensor([0, 2, 1, 2])
logp = torch.log_softmax(pred, dim=1)
nll = nn.NLLLoss()
print(nll, nll.ignore_index, nll.weight, nll(logp, labels))
print(nn.NLLLoss(reduction="none")(logp, labels))
print(nn.NLLLoss(ignore_index=2)(logp, labels))
ce = nn.CrossEntropyLoss()
print(ce, ce.label_smoothing, ce(pred, labels))
print(nn.CrossEntropyLoss(reduction="sum", ignore_index=0)(pred, labels))
print(list(ce.parameters()), list(ce.buffers()), ce.training)
try:
    criterion(pred)
except TypeError as e:
    print("TypeError:", e)
try:
    nn.L1Loss(reduction="avg")(pred, target)
except ValueError as e:
    print("ValueError:", e)
