# A tensor hook that returns a gradient of another shape: PyTorch's error at the backward() line,
# after a loop long enough that the element runs the script in its worker
import torch

total = 0
for i in range(100_000):
    total += i
print(total)


def flatten_grad(grad):
    print("hook sees", grad)
    return grad.sum()


w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
h = w * 3
h.register_hook(flatten_grad)
loss = h.sum()
loss.backward()
