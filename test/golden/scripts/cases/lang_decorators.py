import torch
def twice(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs) * 2
    return wrapper
@twice
def three():
    return 3
print(three(), three.__name__)
x = torch.tensor([1.0, 2.0], requires_grad=True)
@torch.no_grad()
def update(t):
    return t * 3
y = update(x)
print(y, y.requires_grad, torch.is_grad_enabled())
def with_grad(t):
    return (t * t).sum()
s = with_grad(x)
s.backward()
print(s, x.grad)
def loss_fn(w):
    return ((w - 1) ** 2).sum()
w = torch.tensor([0.0, 3.0], requires_grad=True)
for step in range(3):
    loss = loss_fn(w)
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
    print(step, round(loss.item(), 4))
print(w)
