import torch
x = torch.ones(3, requires_grad=True)
y = x * x
x.data.mul_(2)
print(x, x._version, x.data._version)
y.sum().backward()
print(x.grad)
d = x.data
print(d.requires_grad, d.is_leaf, d.grad_fn, d)
d[0] = 10
print(x)
x.data = torch.zeros(3)
print(x, x.requires_grad)
w = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(3):
    loss = (w ** 2).sum()
    loss.backward()
    w.data -= 0.1 * w.grad.data
    w.grad.data.zero_()
print(w, w.grad, w.is_leaf)
det = w.detach()
det[0] = 7
print(w, w._version)
