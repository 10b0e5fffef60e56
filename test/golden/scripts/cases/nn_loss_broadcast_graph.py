import torch
import torch.nn as nn
import torch.nn.functional as F
# F.mse_loss / F.l1_loss broadcast through torch.broadcast_tensors: ExpandBackward0 appears
# only for the operand whose shape changes.
x = torch.tensor([[1.0], [2.0], [4.0]], requires_grad=True)
t = torch.tensor([0.5, 1.5, 3.0])
loss = F.mse_loss(x, t)
print(loss, [None if n is None else n.name() for n, _ in loss.grad_fn.next_functions])
loss.backward()
print(x.grad)
x.grad = None
loss = F.l1_loss(t, x, reduction='sum')
sub = loss.grad_fn.next_functions[0][0].next_functions[0][0]
print(loss, sub.name(), [None if n is None else n.name() for n, _ in sub.next_functions])
loss.backward()
print(x.grad)
same = torch.ones(3, 1, requires_grad=True)
loss = F.mse_loss(x, same)
print([n.name() for n, _ in loss.grad_fn.next_functions])
a, b = torch.broadcast_tensors(x, same)
print(a is x, b is same)
a, b = torch.broadcast_tensors(x, t)
print(a.grad_fn.name(), b.grad_fn, a.shape, b.shape)
print(nn.MSELoss(reduction='none')(x, t))
print(F.mse_loss(x, t, size_average=False))
