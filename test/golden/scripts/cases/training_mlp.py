import torch
import torch.nn.functional as F
x = torch.linspace(-1, 1, 8).reshape(8, 1)
target = x * x
w1 = torch.full((1, 6), 0.5, requires_grad=True)
b1 = torch.linspace(-0.5, 0.5, 6).requires_grad_()
w2 = torch.linspace(-1, 1, 6).reshape(6, 1).requires_grad_()
b2 = torch.zeros(1, requires_grad=True)
params = [w1, b1, w2, b2]
losses = []
for step in range(20):
    h = F.relu(x @ w1 + b1)
    out = h @ w2 + b2
    loss = F.mse_loss(out, target)
    for p in params:
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.1 * p.grad
    losses.append(round(loss.item(), 5))
    if step % 5 == 4:
        print(step, loss)
print(losses)
print(w2.grad)
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
labels = torch.tensor([0, 2])
ce = F.cross_entropy(logits, labels)
ce.backward()
print(ce, logits.grad)
print(F.softmax(logits, dim=1), F.log_softmax(logits, dim=1), F.sigmoid(logits) if False else torch.sigmoid(logits))
