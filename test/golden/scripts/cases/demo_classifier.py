import torch
from torch import nn

torch.manual_seed(0)

# Two classes of 2-D points in four clouds, as in XOR: class 0 around (-1, -1) and (1, 1),
# class 1 around (-1, 1) and (1, -1). No straight line separates them; a hidden layer does.
centres = torch.tensor([[-1.0, -1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, -1.0]])
X = (torch.randn(40, 2) * 0.35 + centres.repeat(10, 1)).round(decimals=2)
y = torch.tensor([0, 0, 1, 1]).repeat(10)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 6)
        self.act = nn.ReLU()
        self.out = nn.Linear(6, 2)

    def forward(self, x):
        return self.out(self.act(self.hidden(x)))


model = Classifier()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

for step in range(80):
    optimizer.zero_grad()
    logits = model(X)
    loss = loss_fn(logits, y)
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 4))

accuracy = (model(X).argmax(dim=1) == y).float().mean()
print('accuracy', accuracy.item())
