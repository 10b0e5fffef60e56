import torch
m = torch.arange(6).reshape(2, 3)
for row in m:
    print(row, row.sum(), row.shape)
for i, x in [(0, "a"), (1, "b")]:
    print(i, x)
for v in torch.tensor([1.5, -2.0]):
    print(v, v.item(), float(v) > 0)
total = 0
for row in m:
    for v in row:
        total += v.item()
print(total)
vals = [m[0], m[1]]
print(sum(vals), len(vals))
cols = []
for j in range(m.shape[1]):
    cols.append(m[:, j])
print(cols)
print(m[-1], m[-1, -1], m[:, -2], m[::2], m[:, ::2], m[1, 1:], m[0, :-1])
print(m[0][1], m[1][-1].item())
x = torch.linspace(0, 1, 5)
print(x, x[1:4], x[-2:])
