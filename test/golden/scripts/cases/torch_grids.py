# Tensors made from other tensors' shapes: meshgrid (both indexings, the warning without one),
# cartesian_prod, broadcast_tensors / broadcast_to, tril/triu_indices, as_tensor, Tensor.new,
# from_numpy refused; values, grad_fns, gradients and errors.
import torch

a = torch.tensor([1., 2., 3.], requires_grad=True)
b = torch.tensor([4., 5.])
x, y = torch.meshgrid(a, b, indexing='ij')
print(x, y)
print(x.grad_fn, y.grad_fn, x.is_contiguous(), x.stride())
x2, y2 = torch.meshgrid(a, b, indexing='xy')
print(x2, y2, x2.shape)
print(torch.meshgrid([a, b], indexing='xy')[0].shape)
print(type(torch.meshgrid(a, b, indexing='ij')))
(x + y2.t()).sum().backward()
print(a.grad)
g = torch.meshgrid(torch.arange(2), torch.arange(3))
print(g)
xs = torch.linspace(-1, 1, 3)
gx, gy = torch.meshgrid(xs, xs, indexing='xy')
print((gx ** 2 + gy ** 2).sqrt())
print(torch.cartesian_prod(a, b), torch.cartesian_prod(a, b).grad_fn)
print(torch.cartesian_prod(b), torch.cartesian_prod(b) is b)
print(torch.cartesian_prod(torch.arange(2), torch.arange(2), torch.arange(2)))
print(torch.broadcast_tensors(torch.ones(2, 1), torch.arange(3)))
p, q = torch.broadcast_tensors(a, torch.zeros(2, 1))
print(p.grad_fn, p.shape, q.grad_fn)
print(torch.broadcast_to(a, (2, 3)), a.broadcast_to((2, 3)).grad_fn, torch.broadcast_to(a, [-1]).shape)
print(torch.tril_indices(3, 3), torch.tril_indices(4, 3, 1), torch.tril_indices(3, 4, -1))
print(torch.triu_indices(3, 3), torch.triu_indices(4, 3, 1), torch.triu_indices(3, 4, -1))
print(torch.triu_indices(3, 3, dtype=torch.int32), torch.tril_indices(0, 3), torch.triu_indices(2, 0))
m = torch.arange(9.).view(3, 3)
r, c = torch.tril_indices(3, 3, -1)
print(m[r, c])
print(torch.as_tensor([1, 2], dtype=torch.float64), torch.as_tensor([[1.5, 2]]), torch.as_tensor(3))
t = torch.ones(2)
print(torch.as_tensor(t) is t, torch.as_tensor(t, dtype=torch.float32) is t, torch.as_tensor(t, dtype=torch.int64))
print(torch.as_tensor((1, 2.5), device='cpu'))
print(torch.ones(2, 3).new(2).shape, torch.ones(2, dtype=torch.long).new([1, 2]), torch.ones(2).new())
print(torch.ones(2).new(torch.Size([1, 2])).shape, torch.ones(2, dtype=torch.float64).new(2, 2).dtype)
for f in [lambda: torch.broadcast_tensors(torch.ones(2), torch.ones(3)),
          lambda: torch.broadcast_to(torch.ones(2), (3,)),
          lambda: torch.meshgrid(torch.ones(2), torch.ones(2), indexing='ab'),
          lambda: torch.meshgrid(torch.ones(2), torch.ones(2, dtype=torch.long), indexing='ij'),
          lambda: torch.meshgrid(),
          lambda: torch.cartesian_prod(torch.ones(2, 2), torch.ones(2)),
          lambda: torch.tril_indices(-1, 3),
          lambda: torch.triu_indices(3, -2),
          lambda: torch.as_tensor('a'),
          lambda: torch.ones(2).new('x'),
          ]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
torch.from_numpy([1, 2])
