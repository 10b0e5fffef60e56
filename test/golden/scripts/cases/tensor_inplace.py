import torch
x = torch.ones(3)
before = x
x += 1
print(x, x is before)
x *= 3
x -= torch.tensor([1.0, 2.0, 3.0])
x /= 2
print(x, x is before)
y = x + 0
y.add_(1).mul_(2)
print(y, y.sub_(1), y.div_(4), y.zero_(), y.fill_(7))
lst = [1]
alias = lst
lst += [2]
print(lst is alias, alias)
t = (1,)
t += (2,)
print(t)
w = torch.ones(2, requires_grad=True)
with torch.no_grad():
    w.add_(1)
print(w, w.requires_grad, w.is_leaf)
