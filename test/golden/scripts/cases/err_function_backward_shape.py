# A custom Function whose backward returns a gradient of the wrong shape: PyTorch's error at the
# backward() line, after a loop long enough that the element runs the script in its worker
import torch

total = 0
for i in range(100_000):
    total += i
print(total)


class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output[:1] * 2


x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
y = Double.apply(x).sum()
y.backward()
