import torch
a = torch.tensor([1.0, 5.0, 3.0])
b = torch.tensor([2.0, 5.0, 1.0])
print(a > b, a == b, a != b, a <= 3, 3 < a, a >= b)
print((a > 2).sum(), (a > 2).float().mean(), (a == b).sum().item())
print(max(a[0], a[1]), min(torch.tensor(3), torch.tensor(-1)), max([a[2], a[0]]))
mask = a > 2
print(mask.dtype, mask, mask.long())
loss = torch.tensor(0.05)
if loss.item() < 0.1:
    print("small loss")
if loss < 0.1:
    print("tensor comparison is truthy too")
if a[0] == 1:
    print("first is one")
print(a.max(), a.argmax(), a.max().item() == 5.0)
best = None
for i in range(3):
    if best is None or a[i] > best:
        best = a[i]
print(best)
print(torch.tensor(2) == 2, 2.0 == torch.tensor(2.0), a.eq(b), torch.eq(a, 5))
print(1 if a.sum() > 8 else 0, not (a.sum() > 100))
