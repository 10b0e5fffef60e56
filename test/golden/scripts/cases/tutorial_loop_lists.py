import torch
history = []
w = torch.tensor(1.0, requires_grad=True)
for step in range(4):
    loss = (w - 3) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.25 * w.grad
    history.append(loss.item())
    w.grad = None
print(history)
print(len(history), min(history), max(history), sum(history) / len(history))
print("ok")
pairs = []
for name in ["a", "b"]:
    for k in range(2):
        pairs.append((name, k))
print(pairs, pairs[1][0], tuple(pairs[0]))
params = [torch.ones(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
total = 0
for p in params:
    total += p.numel()
print("parameters:", total)
for i in range(len(params)):
    print(i, params[i].shape, params[i].requires_grad)
