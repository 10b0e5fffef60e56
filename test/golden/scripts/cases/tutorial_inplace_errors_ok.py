import torch
a = torch.ones(2, 2)
a += 1
a *= 3
a -= torch.ones(2, 2)
a /= 2
print(a, a._version)
b = a
b += 1
print(a is b, a)
c = a + 0
c[0, 0] = -1
print(a[0, 0], c[0, 0])
n = torch.tensor([7, 8, 9])
n[1] = n[0] // 2
n[2] = n[2] % 4
print(n)
v = torch.zeros(5)
v[1:4] = torch.arange(3)
v[0] = v[1:].sum()
print(v)
