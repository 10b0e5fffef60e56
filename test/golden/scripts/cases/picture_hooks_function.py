# The picture of autograd's extension points: a custom Function (saved tensors, the user's
# backward), a tensor hook that replaces a gradient, a leaf hook that returns None, a grad_fn
# post-hook, and a module's full backward hook. Each prints what it sees, so the values the
# picture shows before and after each hook are the ones PyTorch printed.
import torch


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad = grad_output * 1.5 * (5 * input ** 2 - 1)
        print("backward got", grad_output, "returns", grad)
        return grad


def double(g):
    print("double sees", g)
    return g * 2


def look(g):
    print("look sees", g)


x = torch.tensor([0.5, -0.25], requires_grad=True)
a = torch.tensor(2.0, requires_grad=True)
P3 = LegendrePolynomial3.apply
u = a * x
y = P3(u)
print(y.grad_fn, y.grad_fn.saved_tensors[0] is u)
y.register_hook(double)
x.register_hook(look)
u.grad_fn.register_hook(lambda gi, go: print("post sees", gi, go))
loss = y.sum()
loss.backward()
print(x.grad, a.grad)

lin = torch.nn.Linear(2, 1)
torch.nn.init.constant_(lin.weight, 0.5)
torch.nn.init.constant_(lin.bias, 0.0)


def module_hook(module, grad_input, grad_output):
    print("module hook", module, grad_input, grad_output)
    return (grad_input[0] * 10,)


lin.register_full_backward_hook(module_hook)
v = torch.tensor([[1.0, 2.0]], requires_grad=True)
out = lin(v).sum()
out.backward()
print(v.grad)
