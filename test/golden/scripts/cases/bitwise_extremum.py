import torch


def show(label, f):
    try:
        print(label, '->', f())
    except Exception as e:
        print(label, '!!', type(e).__name__, e)


a = torch.tensor([1., 2., 3., float('nan')], requires_grad=True)
b = torch.tensor([3., 2., 1., 0.], requires_grad=True)
for f in [torch.maximum, torch.minimum, torch.fmax, torch.fmin, torch.max, torch.min]:
    y = f(a, b)
    print(y, y.grad_fn.name())
    y.sum().backward()
    print(a.grad, b.grad)
    a.grad = None
    b.grad = None
print(a.max(b), a.min(other=b))
x = torch.tensor(2., requires_grad=True)
y = torch.maximum(x, torch.tensor(2.))
g, = torch.autograd.grad(y, x, create_graph=True)
print(g)
print(torch.fmax(torch.tensor([1, 2]), torch.tensor([True, False])))
print(torch.maximum(torch.tensor([1, 5]), torch.tensor([[2.5], [1.]])))

a = torch.tensor([True, False])
b = torch.tensor([1, -2])
f = torch.tensor([1.5, 0.])
show('a|b', lambda: a|b)
show('b|a', lambda: b|a)
show('a^True', lambda: a^True)
show('True^a', lambda: True^a)
show('3&b', lambda: 3&b)
show('b<<1', lambda: b<<1)
show('1<<b', lambda: 1<<b)
show('b>>1', lambda: b>>1)
show('a<<1', lambda: a<<1)
show('f<<1', lambda: f<<1)
show('~a', lambda: ~a)
show('~b', lambda: ~b)
show('torch.logical_and(f,b)', lambda: torch.logical_and(f,b))
show('torch.logical_not(f)', lambda: torch.logical_not(f))
show('f.logical_or(0.)', lambda: f.logical_or(0.))
show('torch.logical_xor(f,f)', lambda: torch.logical_xor(f,f))
show('b|2.5', lambda: b|2.5)
show('f&f', lambda: f&f)
show('a.logical_not_()', lambda: a.logical_not_())
show('b.bitwise_not()', lambda: b.bitwise_not())
show('torch.bitwise_xor(b,5)', lambda: torch.bitwise_xor(b,5))
show('torch.bitwise_xor(5,b)', lambda: torch.bitwise_xor(5,b))
show('f.logical_and_(b)', lambda: f.logical_and_(b))
show('~f', lambda: ~f)
show('torch.bitwise_and(a)', lambda: torch.bitwise_and(a))
show('torch.logical_not(a, b)', lambda: torch.logical_not(a, b))
show('b.bitwise_and(b=1)', lambda: b.bitwise_and(b=1))
show('torch.tensor([2**40])<<20', lambda: torch.tensor([2**40])<<20)
show('torch.tensor(3)^torch.tensor([1,2])', lambda: torch.tensor(3)^torch.tensor([1,2]))
show('torch.tensor([1,2],dtype=torch.float64) | torch.tensor(1)', lambda: torch.tensor([1,2],dtype=torch.float64) | torch.tensor(1))
show('torch.maximum(f, 2.)', lambda: torch.maximum(f, 2.))
show('f.maximum(2)', lambda: f.maximum(2))
show('torch.maximum(f)', lambda: torch.maximum(f))
show('a.max(t(1))', lambda: a.max(torch.tensor(1)))
show('max keepdim', lambda: f.max(torch.tensor([2., 2.]), True))
show('max float', lambda: torch.max(f, 2.))
b |= 1
print(b)
try:
    a &= b
except RuntimeError as e:
    print(e)
m = torch.tensor([[0.5, -1.], [2., 0.]])
mask = (m > 0) & ~(m > 1)
print(mask, m[mask], m[~mask])
print(torch.max(m, torch.zeros(2)), m.clamp(min=0).max(dim=1))
