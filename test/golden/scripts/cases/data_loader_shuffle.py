# DataLoader(shuffle=True): PyTorch's order under the seed, a new order every epoch, and a training
# loop over the batches.
import torch
from torch.utils import data

torch.manual_seed(0)
X = torch.randn(12, 2)
y = X @ torch.tensor([2.0, -3.4]) + 4.2
loader = data.DataLoader(data.TensorDataset(X, y), batch_size=5, shuffle=True)
for epoch in range(2):
    for xb, yb in loader:
        print(epoch, yb)
w = torch.zeros(2, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.03)
for xb, yb in loader:
    loss = ((xb @ w - yb) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(w)
