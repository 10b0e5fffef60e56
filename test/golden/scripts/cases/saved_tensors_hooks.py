# torch.autograd.graph.saved_tensors_hooks: pack when an op saves (PyTorch's order: arguments, then
# outputs; a wrapped number too), unpack at backward and at _saved_* (a new tensor with the saved
# one's grad_fn or leaf), nested pairs (only the innermost applies), a custom Function's saved tensors
import torch
def pk(t):
    print("pack", t,)
    return t
def up(t):
    print("unpack", t)
    return t
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
print("--- mul")
with torch.autograd.graph.saved_tensors_hooks(pk, up):
    y = x * w
print("--- access")
s = y.grad_fn._saved_self
print(s is x, s, s.grad_fn, s.requires_grad, s.is_leaf)
print("--- exp")
saved = []
def pk2(t):
    saved.append(t)
    print("pack2", t)
    return t
with torch.autograd.graph.saved_tensors_hooks(pk2, up):
    e = x.exp()
print(saved[0] is e)
r = e.grad_fn._saved_result
print(r is e, r.grad_fn, r)
print("--- mul scalar")
with torch.autograd.graph.saved_tensors_hooks(pk, up):
    z = x * 2
    z2 = x * torch.tensor(2.)
print("--- add")
with torch.autograd.graph.saved_tensors_hooks(pk, up):
    q = x + w
print("--- pow, div, mm")
with torch.autograd.graph.saved_tensors_hooks(pk, up):
    p = x ** 2
    p = x ** w
    d = x / w
    m = x.view(1,2) @ w.view(2,1)
print("--- nested")
def outer(t):
    print("outer pack"); return ("o", t)
def outer_u(t):
    print("outer unpack"); return t[1]
with torch.autograd.graph.saved_tensors_hooks(outer, outer_u):
    a1 = x * w
    with torch.autograd.graph.saved_tensors_hooks(pk, up):
        a2 = x * w
    a3 = x.sin()
(a1.sum() + a2.sum() + a3.sum()).backward()
print(x.grad)
print("--- custom function")
class F(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        print("fwd")
        out = a * b
        ctx.save_for_backward(a, out)
        return out
    @staticmethod
    def backward(ctx, g):
        print("bwd")
        a, out = ctx.saved_tensors
        print("got", a, out)
        return g * out / a, g * a
with torch.autograd.graph.saved_tensors_hooks(pk, up):
    o = F.apply(x, w)
print("after apply")
o.sum().backward()
print(x.grad)
