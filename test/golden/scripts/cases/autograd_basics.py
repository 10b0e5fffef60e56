import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x.requires_grad, x.is_leaf, x.grad, x.grad_fn)
y = x * 2
print(y.requires_grad, y.is_leaf, y.grad_fn.name())
z = (y ** 2).sum()
print(z, z.grad_fn.next_functions)
z.backward()
print(x.grad)
w = (x * 3).sum()
w.backward()
print(x.grad)
x.grad.zero_()
print(x.grad)
a = torch.ones(2, 2, requires_grad=True)
b = a + 2
b.retain_grad()
c = (b * b).mean()
c.backward(retain_graph=True)
print(a.grad, b.grad)
c.backward()
print(a.grad)
d = torch.ones(3, requires_grad=True)
e = d * 2
e.backward(torch.tensor([1.0, 0.1, 0.01]))
print(d.grad)
with torch.no_grad():
    f = d * 2
    print(f.requires_grad, torch.is_grad_enabled())
    with torch.enable_grad():
        g = d * 2
        print(g.requires_grad)
print(torch.is_grad_enabled())
h = d.detach()
print(h.requires_grad, h)
k = torch.tensor([2.0], requires_grad=True)
(grad_k,) = torch.autograd.grad(k ** 3, k)
print(grad_k)
m = torch.tensor(1.5)
m.requires_grad = True
m.requires_grad_(False)
print(m.requires_grad)
n = torch.tensor(3.0, requires_grad=True)
out = n * n + 2 * n + 1
out.backward()
print(n.grad, out.grad_fn, out.grad_fn.next_functions[0][0].next_functions)
p = torch.ones(2, requires_grad=True)
q = p.sum()
print(q.grad_fn.next_functions[0][0], q.grad_fn.next_functions[0][0].variable is p)
