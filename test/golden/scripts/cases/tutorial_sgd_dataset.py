import torch
w = torch.tensor([0.0, 0.0], requires_grad=True)
data = [(torch.tensor([1.0, 2.0]), torch.tensor(5.0)), (torch.tensor([2.0, 0.5]), torch.tensor(3.0))]
for epoch in range(3):
    total = 0.0
    for x, y in data:
        pred = (w * x).sum()
        loss = (pred - y) ** 2
        loss.backward()
        total += loss.item()
    with torch.no_grad():
        w -= 0.05 * w.grad
        w.grad.zero_()
    print("epoch %d: loss %.4f" % (epoch, total), w)
print(w.grad, w.requires_grad, w.is_leaf)
