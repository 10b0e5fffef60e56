import torch
x = torch.ones(2, requires_grad=True)
with torch.set_grad_enabled(False):
    y = x * 2
print(y.requires_grad, torch.is_grad_enabled())
with torch.no_grad() as ng:
    print(ng)
    z = x + 1
print(z.requires_grad)
with torch.no_grad(), torch.enable_grad():
    q = x * 3
print(q.requires_grad)
prev = torch.is_grad_enabled()
torch.set_grad_enabled(False)
r = x * 4
torch.set_grad_enabled(True)
print(prev, r.requires_grad, (x * 5).requires_grad)
with torch.no_grad():
    pass
print(torch.no_grad, type(torch.no_grad()))
