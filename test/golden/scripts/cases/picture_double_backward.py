# Double backward, drawn: the first grad() runs under create_graph=True, so the ops of
# PowBackward0's formula are recorded as the gradient's own graph, which the second grad() walks.
# A custom Function whose backward calls another Function records that Function's node too.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
g, = torch.autograd.grad(y, x, create_graph=True)
print(g)
print(g.grad_fn, g.grad_fn.next_functions)
print(g.grad_fn.next_functions[1][0].next_functions)
print(g.grad_fn.next_functions[1][0].next_functions[0][0].next_functions)
g2, = torch.autograd.grad(g, x)
print(g2)


class CubeBackward(torch.autograd.Function):
    @staticmethod
    def forward(ctx, grad_out, x):
        ctx.save_for_backward(x, grad_out)
        return grad_out * 3 * x ** 2

    @staticmethod
    def backward(ctx, grad_out):
        x, grad_out_saved = ctx.saved_tensors
        return grad_out * 3 * x ** 2, grad_out * 6 * x * grad_out_saved


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_out):
        x, = ctx.saved_tensors
        return CubeBackward.apply(grad_out, x)


u = torch.tensor([1.0, -2.0], dtype=torch.double, requires_grad=True)
c = Cube.apply(u)
gu, = torch.autograd.grad(c.sum(), u, create_graph=True)
print(gu)
print(gu.grad_fn)
print(gu.grad_fn.next_functions)
gu.sum().backward()
print(u.grad)
