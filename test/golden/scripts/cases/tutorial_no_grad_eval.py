import torch
w = torch.tensor([0.5, -0.5], requires_grad=True)
x = torch.tensor([1.0, 2.0])
with torch.no_grad():
    y = (w * x).sum()
    print(y, y.requires_grad, torch.is_grad_enabled())
print(torch.is_grad_enabled())
z = (w * x).sum()
print(z.requires_grad)
with torch.no_grad():
    w.add_(1.0)
    w.mul_(2)
print(w, w.is_leaf, w.grad_fn)
d = w.detach()
print(d.requires_grad, d is w)
e = w.detach().clone()
e += 1
print(w, e)
with torch.enable_grad():
    q = w * 2
print(q.requires_grad)
