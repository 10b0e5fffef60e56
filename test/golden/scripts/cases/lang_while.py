import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
steps = 0
while y.data.norm() < 1000:
    y = y * 2
    steps += 1
print(steps, y)
n = 0
while True:
    n += 1
    if n % 2:
        continue
    if n > 7:
        break
else:
    print("never")
print(n)
k = 3
while k:
    k -= 1
else:
    print("else ran", k)
for i in range(3):
    if i == 5:
        break
else:
    print("for else")
for a, (b, *c) in [(1, (2, 3, 4)), (5, (6,))]:
    print(a, b, c)
*head, tail = [1, 2, 3]
print(head, tail)
for row in torch.tensor([[1, 2], [3, 4]]):
    print(row)
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for ch in "ab":
    print(ch)
for i, (p, q) in enumerate(zip([1, 2], "xy")):
    print(i, p, q)
for v in reversed(sorted([3, 1, 2])):
    print(v)
