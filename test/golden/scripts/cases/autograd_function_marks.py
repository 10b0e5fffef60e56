# torch.autograd.Function: mark_dirty, mark_non_differentiable, set_materialize_grads, save_for_backward
import torch
def tryit(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
class AddOne(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return g
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 1
c = AddOne.apply(b)
print(c, c is b, b.grad_fn, b._version)
c.sum().backward(); print(a.grad)
tryit(lambda: AddOne.apply(a))
class NoDirty(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.add_(1)
        return x
    @staticmethod
    def backward(ctx, g):
        return g
b = a * 1
tryit(lambda: print(NoDirty.apply(b)))
class Sort(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        idx = torch.tensor([1, 0])
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(idx)
        return x * 2, idx
    @staticmethod
    def backward(ctx, g, gi):
        print("gi", gi)
        idx, = ctx.saved_tensors
        return g * 2
v, i = Sort.apply(a)
print(v, i, i.requires_grad)
v.sum().backward(); print(a.grad)
class Mat(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x.clone(), x.clone()
    @staticmethod
    def backward(ctx, g1, g2):
        print("mat", g1, g2)
        return g1
p, q = Mat.apply(a)
p.sum().backward()
class ND(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out = x * 2
        ctx.mark_non_differentiable(out)
        return out
    @staticmethod
    def backward(ctx, g):
        return g
o = ND.apply(a)
print(o, o.requires_grad, o.grad_fn)
tryit(lambda: o.sum().backward())
class SaveInter(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        t = x * 2
        ctx.save_for_backward(t)
        return t + 1
    @staticmethod
    def backward(ctx, g):
        t, = ctx.saved_tensors
        return g * t
o = SaveInter.apply(a)
o.sum().backward(); print(a.grad)
class Ver(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x
b = a * 1
o = Ver.apply(b)
b.add_(1)
tryit(lambda: o.sum().backward())
tryit(lambda: print(o.grad_fn.saved_tensors))
class Saveint(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x, 3)
        return x * 2
tryit(lambda: Saveint.apply(a))
class SaveNone(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x, None)
        return x * 2
    @staticmethod
    def backward(ctx, g):
        print(ctx.saved_tensors)
        return g
SaveNone.apply(a).sum().backward()
print(None)
class Needs(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, z):
        return x * y
    @staticmethod
    def backward(ctx, g):
        print(ctx.needs_input_grad)
        return g, None, None
Needs.apply(a, torch.ones(2), 1).sum().backward()
