# dir(grad_fn) as PyTorch 1.13 lists it (built-in nodes, a custom Function's node, AccumulateGrad)
# and the AttributeError for a missing attribute
import torch
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
class F(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a * 2
    @staticmethod
    def backward(ctx, g):
        return g * 2
for t in [x + w, x * w, x ** 2, F.apply(x), x.exp()]:
    print(t.grad_fn.name(), dir(t.grad_fn))
a = (x*w).grad_fn.next_functions[0][0]
print(dir(a))
g = (x*w).grad_fn
for n in ['foo', '_saved_foo', '_raw_saved_foo', '_saved_result']:
    try:
        getattr(g, n)
    except Exception as e:
        print(type(e).__name__, e)
try:
    a.foo
except Exception as e:
    print(type(e).__name__, e)
f = F.apply(x).grad_fn
try:
    f.foo
except Exception as e:
    print(type(e).__name__, e)
try:
    g.foo = 1
except Exception as e:
    print(type(e).__name__, e)
