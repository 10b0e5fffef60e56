import torch
print(..., Ellipsis, type(...), ... is Ellipsis, repr(...), str(Ellipsis))
x = torch.arange(24.).reshape(2, 3, 4)
print(x[..., -1])
print(x[..., 1:3].shape, x[0, ...], x[..., 0, :].shape, x[None, ..., None].shape)
print(x[...].shape, x[..., ...].shape)
w = torch.ones(2, 3, requires_grad=True)
y = w[...]
print(y.grad_fn, w[..., 0].grad_fn)
a = [1, 2, 3]
print(a[...] if False else "skip", [..., 1])
def f(x: int) -> int: ...
print(f(1))
