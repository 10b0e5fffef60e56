# torch.autograd.Function: PyTorch's errors for what backward returns, and the legacy style
import torch
def tryit(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
class F1(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x * y
    @staticmethod
    def backward(ctx, g):
        return g
x = torch.tensor([1.0, 2.0], requires_grad=True)
tryit(lambda: F1.apply(x, x).sum().backward())
class F2(F1):
    @staticmethod
    def backward(ctx, g):
        return g, g, g
tryit(lambda: F2.apply(x, x).sum().backward())
class F3(F1):
    @staticmethod
    def backward(ctx, g):
        return g, g, None
F3.apply(x, x).sum().backward(); print(x.grad)
class F4(F1):
    @staticmethod
    def backward(ctx, g):
        return g[:1], g
tryit(lambda: F4.apply(x, x).sum().backward())
class F5(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        return x * k
    @staticmethod
    def backward(ctx, g):
        return g, g
tryit(lambda: F5.apply(x, 2.0).sum().backward())
class F6(F5):
    @staticmethod
    def backward(ctx, g):
        return g, 3
tryit(lambda: F6.apply(x, 2.0).sum().backward())
class F7(F5):
    @staticmethod
    def backward(ctx, g):
        return 1.0, None
tryit(lambda: F7.apply(x, 2.0).sum().backward())
class F8(F5):
    @staticmethod
    def backward(ctx, g):
        return [g], None
tryit(lambda: F8.apply(x, 2.0).sum().backward())
class F9(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return 3
tryit(lambda: print(F9.apply(x)))
class F10(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone(), 3, x * 2
    @staticmethod
    def backward(ctx, a, b, c):
        print("grads", a, b, c)
        return a + c
r = F10.apply(x); print(r)
(r[0].sum()).backward(); print(x.grad)
class F11(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x
    @staticmethod
    def backward(ctx, g):
        return g
r = F11.apply(x); print(r, r is x, r.grad_fn)
tryit(lambda: F11.apply(x, kk=1))
tryit(lambda: F11())
tryit(lambda: F11.forward(None, 1))
class Old(torch.autograd.Function):
    def forward(self, x):
        return x
tryit(lambda: Old()(x))
tryit(lambda: Old.apply(x))
class NoBack(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
tryit(lambda: NoBack.apply(x).sum().backward())
class Raise(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        raise ValueError("boom")
tryit(lambda: Raise.apply(x).sum().backward())
