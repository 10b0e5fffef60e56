import torch
# Assigning into a tensor through an index: scalars, broadcast tensors, dtype casts.
x = torch.zeros(2, 3)
x[0] = 1
print(x, x._version)
x[0, 1] = 5
x[:, 2] = torch.tensor([7.0, 8.0])
x[1:2] = torch.tensor([1, 2, 3])
print(x, x._version)
x[-1, -1] = -4.5
x[0] = torch.ones(1, 3) * 9
print(x)
x[:, :2] = torch.tensor([[0.5], [0.25]])
print(x)
x[:] = 3
print(x)
v = torch.zeros(6)
v[::2] = 1
v[1::3] = torch.tensor(2.0)
v[-1] = 7
print(v)
v[1] = torch.tensor([9.0])
print(v)
n = torch.zeros(3, dtype=torch.long)
n[0] = 2.7
n[1] = True
n[2] = -3.9
print(n)
m = torch.zeros(3, dtype=torch.bool)
m[0] = 2.7
m[1:] = torch.tensor([0, 1])
print(m)
f = torch.zeros(3)
f[0] = torch.tensor(2, dtype=torch.long)
f[1:] = torch.tensor([1.5, 2.5], dtype=torch.float64)
print(f, f.dtype)
row = x[0]
row[1] = 100
print(x, x._version, row._version)
grid = torch.arange(12).reshape(3, 4)
grid[1] = grid[1] * 10
grid[:, 0] = -1
print(grid)
acc = torch.zeros(3)
for i in range(3):
    acc[i] = i * i + 0.5
print(acc)
acc[1] += 10
print(acc, acc._version)
d = torch.ones(2, 2)
d.data[0, 0] = 42
print(d, d._version)
w = torch.zeros(2, 2, requires_grad=True)
with torch.no_grad():
    w[0, 1] = 1
print(w, w._version, w.is_leaf)
