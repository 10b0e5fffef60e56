import torch
a = torch.randn if False else None
x = torch.ones(3, requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad, y.grad_fn)
z = x.detach()
print(z.requires_grad, z.is_leaf)
z += 1
print(x)
with torch.enable_grad():
    w = x * 3
print(w.requires_grad)
torch.set_grad_enabled(False)
q = x + 1
print(q.requires_grad)
torch.set_grad_enabled(True)
q = x + 1
print(q.requires_grad)
with torch.set_grad_enabled(False):
    r = x * 1
print(r.requires_grad, torch.is_grad_enabled())
