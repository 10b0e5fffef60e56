# PyTorch's "Learning PyTorch with Examples", "PyTorch: Tensors and autograd": a two-layer net on a
# 64×1000 batch. Seeded, 30 steps instead of 500 (the trace test runs it several times; the shapes
# and each step are the tutorial's). The last lines print the batch as PyTorch prints it and some
# of its values exactly: what the inspector shows of a tensor too large to copy.
import torch

torch.manual_seed(0)
dtype = torch.float
device = torch.device("cpu")

N, D_in, H, D_out = 64, 1000, 100, 10

x = torch.randn(N, D_in, device=device, dtype=dtype)
y = torch.randn(N, D_out, device=device, dtype=dtype)

w1 = torch.randn(D_in, H, device=device, dtype=dtype, requires_grad=True)
w2 = torch.randn(H, D_out, device=device, dtype=dtype, requires_grad=True)

learning_rate = 1e-6
for t in range(30):
    y_pred = x.mm(w1).clamp(min=0).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    if t % 10 == 9:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        w1 -= learning_rate * w1.grad
        w2 -= learning_rate * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()

print(x)
print(x[0, :4].tolist(), x[63, -4:].tolist())
