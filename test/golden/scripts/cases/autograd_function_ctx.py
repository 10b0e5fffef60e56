# torch.autograd.Function: ctx, saved tensors, needs_input_grad, grad mode, double backward
import torch
class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        print("fwd grad enabled", torch.is_grad_enabled(), ctx.needs_input_grad)
        ctx.save_for_backward(x)
        ctx.k = k
        return x ** 3 * k
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        print("bwd grad enabled", torch.is_grad_enabled(), type(ctx).__name__, type(ctx).__mro__)
        return g * 3 * x ** 2 * ctx.k, None
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Cube.apply(x, 2.0)
print(y)
print(y.grad_fn)
print(y.grad_fn.name(), type(y.grad_fn), y.grad_fn.next_functions)
print(y.grad_fn.k, y.grad_fn.saved_tensors, y.grad_fn.needs_input_grad)
print(y.grad_fn.metadata)
g, = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g, g.grad_fn, g.grad_fn.next_functions)
g.sum().backward()
print(x.grad)
try:
    print(y.grad_fn.saved_tensors)
except Exception as e:
    print(type(e).__name__, e)
y2 = Cube.apply(x, 2.0)
y2.sum().backward()
try:
    print(y2.grad_fn.saved_tensors)
except Exception as e:
    print(type(e).__name__, e)
print(y2.grad_fn.k)
with torch.no_grad():
    z = Cube.apply(x, 1.0)
print(z, z.grad_fn, z.requires_grad)
w = Cube.apply(torch.tensor([1.0]), 1.0)
print(w, w.grad_fn, w.requires_grad)
print(y.grad_fn is y.grad_fn, y.grad_fn == y.grad_fn)
