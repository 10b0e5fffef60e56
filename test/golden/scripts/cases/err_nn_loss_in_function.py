# CrossEntropyLoss called from a user's training step inside a loop: the user's frames, then
# module.py, loss.py and functional.py's cross_entropy.
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(4, 3)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def compute_loss(logits, labels):
    return loss_fn(logits, labels)


def train_step(x, y):
    optimizer.zero_grad()
    loss = compute_loss(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()


x = torch.randn(4, 4)
for labels in ([0, 1, 2, 1], [0, 1, 2, 3]):
    print(train_step(x, torch.tensor(labels)))
