# Dropout under the seed: F.dropout and nn.Dropout give PyTorch's mask and 1/(1-p) scaling in
# train mode, the input itself in eval mode; MulBackward0 in the graph; Dropout2d drops channels.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.ones(2, 8, requires_grad=True)
y = F.dropout(x, 0.5)
print(y)
print(y.grad_fn, y.grad_fn.next_functions[0][0].variable is x, y.grad_fn.next_functions[1])
y.sum().backward()
print(x.grad)
print(F.dropout(x, 0.2).tolist())
print(F.dropout(x, p=0.3, training=False) is x, F.dropout(x, 0.0) is x)
print(F.dropout(x, 1.0), F.dropout(torch.ones(3), 1.0, inplace=True))
z = torch.arange(6.0)
print(F.dropout(z, 0.5, True, True) is z, z)
print(torch.dropout(torch.ones(5), 0.4, True), torch.dropout(torch.ones(5), 0.4, False))

drop = nn.Dropout(0.25)
print(drop, drop.p, drop.inplace, drop.training)
h = torch.arange(1.0, 21.0).reshape(4, 5)
print(drop(h))
drop.eval()
print(drop(h) is h, drop.training)
drop.train()
print(drop(h).tolist())
print(nn.Dropout(), nn.Dropout(p=0.1, inplace=True))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 1))
print(model)
out = model(torch.ones(3, 4))
print(out.tolist(), out.grad_fn)
model.eval()
print(model(torch.ones(3, 4)).tolist())

d2 = nn.Dropout2d(0.5)
print(d2)
img = torch.ones(2, 3, 2, 2)
print(d2(img))
print(F.dropout2d(img, 0.5, training=False) is img)
print(F.dropout1d(torch.ones(2, 3, 4), 0.5))
for n in [1, 15, 16, 17, 100]:
    print(n, F.dropout(torch.ones(n), 0.5).tolist())
print(F.dropout(torch.ones(3, dtype=torch.float64), 0.3).tolist())
g = torch.Generator().manual_seed(5)
print(torch.rand(3).tolist())
print(F.dropout2d(torch.ones(1, 2, 3), 0.5), F.dropout1d(torch.ones(2, 3), 0.5))
