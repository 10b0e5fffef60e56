import torch

# the 60-minute blitz: an output tensor as an argument
x = torch.ones(5, 3)
y = torch.full((5, 3), 0.25)
result = torch.empty(5, 3)
r = torch.add(x, y, out=result)
print(result, r is result)

# the tensors tutorial: matrix products and elementwise products into existing tensors
tensor = torch.arange(12.).reshape(4, 3)
y3 = torch.rand_like(tensor @ tensor.T)
torch.matmul(tensor, tensor.T, out=y3)
z3 = torch.rand_like(tensor)
torch.mul(tensor, tensor, out=z3)
print(y3, z3)

# a zero-element out is resized quietly; one with elements is resized with a UserWarning
e = torch.empty(0)
torch.mm(tensor, tensor.T, out=e)
print(e.shape)
small = torch.zeros(2, 2)
torch.add(x, y, out=small)
print(small.shape, small.sum())

# dtype: cast when the result may be cast, refused otherwise (each op's rule)
d = torch.empty(5, 3, dtype=torch.float64)
torch.mul(y, 2, out=d)
print(d.dtype, d[0])
i = torch.zeros(5, 3, dtype=torch.int64)
torch.sum(y * 10, 1, out=i[:, 0])
print(i)
print(torch.cat([y, y], out=torch.empty(1)).shape, torch.stack([y, y], out=torch.empty(0)).shape)
for f in [lambda: torch.add(x, y, out=torch.empty(5, 3, dtype=torch.long)),
          lambda: torch.matmul(x, y.T, out=torch.empty(5, 5, dtype=torch.long)),
          lambda: torch.mm(x, y.T, out=torch.empty(5, 5, dtype=torch.float64)),
          lambda: torch.pow(y, 2, out=torch.empty(0, dtype=torch.float64)),
          lambda: torch.neg(y, out=torch.empty(0, dtype=torch.float64)),
          lambda: torch.cat([y, y], out=torch.empty(1, dtype=torch.long)),
          lambda: torch.exp(y, out=torch.empty(1, dtype=torch.int32)),
          lambda: torch.add(x.clone().requires_grad_(), y, out=torch.empty(5, 3)),
          lambda: torch.add(y, y, out=torch.empty(5, 3, requires_grad=True)),
          lambda: torch.add(y, y, out=[1])]:
    try:
        f()
    except (RuntimeError, TypeError) as err:
        print(type(err).__name__, err)

# strided out keeps its layout; no_grad allows inputs that require grad; version moves
w = torch.ones(2, requires_grad=True)
with torch.no_grad():
    o = torch.empty(2)
    print(torch.mul(w, 3, out=o), o.requires_grad, o._version)
t = torch.zeros(4)[::2]
torch.add(torch.ones(2), 1, out=t)
print(t, t.stride(), torch.sqrt(torch.tensor([4., 9.]), out=torch.empty(2)), torch.maximum(y[0], x[0], out=torch.empty(3)))
