import torch
import torch.nn.functional as F

a = torch.tensor([[1.5, -2.0], [0.5, 3.0]], requires_grad=True)
t = torch.tensor([[1.0, 0.0], [2.0, 2.0]])
for reduction in ["mean", "sum", "none"]:
    y = F.l1_loss(a, t, reduction=reduction)
    print(y)
loss = F.l1_loss(a, torch.ones(2))
print(loss)
loss.backward()
print(a.grad)
F.l1_loss(a, t, reduction="max")
