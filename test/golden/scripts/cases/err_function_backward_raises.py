# A custom Function whose backward raises: the error at the user's line, after a loop long
# enough that the element runs the script in its worker (test/components/function-errors)
import torch

total = 0
for i in range(100_000):
    total += i
print(total)


class Clamp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        raise ValueError("Clamp.backward is not written yet")


x = torch.tensor([1.0, -2.0], requires_grad=True)
y = Clamp.apply(x).sum()
y.backward()
