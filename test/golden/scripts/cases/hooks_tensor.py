# Tensor hooks (register_hook), retain_grad, grad_fn pre/post hooks, handles
import torch
def tryit(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.retain_grad()
h1 = y.register_hook(lambda g: print("h1", g))
h2 = y.register_hook(lambda g: g * 10)
h3 = y.register_hook(lambda g: print("h3", g))
print(h1, type(h1))
z = y.sum()
z.backward()
print(y.grad, x.grad)
h2.remove()
x.grad = None
y = x * 2
def hk(g):
    print("leaf hook", g)
    return g + 1
hx = x.register_hook(hk)
(x * 3).sum().backward()
print(x.grad)
hx.remove()
hx.remove()
tryit(lambda: torch.ones(2).register_hook(print))
w = x * 2
w.register_hook(lambda g: torch.ones(3))
tryit(lambda: w.sum().backward())
w = x * 2
w.register_hook(lambda g: 3)
tryit(lambda: w.sum().backward())
w = x * 2
w.register_hook(lambda g: g.double())
tryit(lambda: w.sum().backward())
x.grad = None
x.register_hook(lambda g: torch.ones(3))
tryit(lambda: (x*2).sum().backward())
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * a
print(b.grad_fn.register_hook(lambda gi, go: print("post", gi, go)))
b.grad_fn.register_prehook(lambda go: print("pre", go))
b.sum().backward()
c = a * 3
c.grad_fn.register_hook(lambda gi, go: (gi[0] * 0,))
tryit(lambda: c.sum().backward())
x = torch.tensor([1.0, 2.0], requires_grad=True)
with x.register_hook(lambda g: print("in with", g)) as h:
    (x * 1).sum().backward()
(x * 1).sum().backward()
print(h.id >= 0)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g * 10)
y.retain_grad()
y.sum().backward()
print(y.grad, x.grad)
x.grad = None
y = x * 2
y.retain_grad()
y.retain_grad()
y.register_hook(lambda g: g * 10)
y.sum().backward()
print(y.grad, x.grad)
x.grad=None
h = x.register_hook(lambda g: g * 2)
x.retain_grad()
(x*1).sum().backward()
print(x.grad)
h.remove()
y = x * 2
z = y * 3
z.register_hook(lambda g: print("z hook", g))
y.register_hook(lambda g: print("y hook", g))
x.register_hook(lambda g: print("x hook", g))
z.grad_fn.register_hook(lambda gi, go: print("z post", gi, go))
z.grad_fn.register_prehook(lambda go: print("z pre", go))
z.sum().backward()
c = x * 3
c.grad_fn.register_prehook(lambda go: (go[0]*0, go[0]))
tryit(lambda: c.sum().backward())
c = x * 3
c.grad_fn.register_prehook(lambda go: 5)
tryit(lambda: c.sum().backward())
c = x * torch.ones(2)
c.grad_fn.register_hook(lambda gi, go: (gi[0]*100, None))
c.sum().backward(); print(x.grad)
u = x.exp()
u.register_hook(lambda g: g * 2)
g, = torch.autograd.grad(u.sum(), x)
print(g)
t = torch.tensor([1.0, 2.0], requires_grad=True)
t.register_hook(lambda g: g * 2)
g, = torch.autograd.grad((t*1).sum(), t)
print(g, t.grad)
