import torch

# Fit y = 2x + 1 with plain gradient descent.
xs = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
ys = 2 * xs + 1
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.05
for epoch in range(60):
    pred = xs * w + b
    loss = ((pred - ys) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 10 == 0:
        print("epoch", epoch, "loss", round(loss.item(), 4))
    if loss.item() < 0.01:
        print("converged at epoch", epoch)
        break
print("w =", w.item(), "b =", b.item())
print(w, b)
print(w.grad, b.grad)
