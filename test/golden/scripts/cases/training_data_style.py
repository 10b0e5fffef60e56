import torch
x = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 0.5], [0.0, 1.0]])
y = torch.tensor([[5.0], [4.0], [4.0], [2.0]])
w = torch.tensor([[0.1], [0.1]], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)
lr = 0.02
for step in range(25):
    y_hat = x.mm(w) + b
    loss = (y_hat - y).pow(2).sum()
    loss.backward()
    w.data -= lr * w.grad.data
    b.data = b.data - lr * b.grad
    w.grad.data.zero_()
    b.grad.zero_()
    if step % 8 == 0:
        print('step', step, 'loss', loss.item(), f'{loss:.3f}')
print(w, b)
print(w.data, w.data.requires_grad, w.requires_grad)
