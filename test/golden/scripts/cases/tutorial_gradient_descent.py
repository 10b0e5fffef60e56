import torch
# minimise f(x) = (x - 3)^2 by gradient descent
x = torch.tensor(0.0, requires_grad=True)
learning_rate = 0.1
history = []
for step in range(1, 31):
    f = (x - 3) ** 2
    f.backward()
    with torch.no_grad():
        x -= learning_rate * x.grad
    x.grad.zero_()
    history.append(round(x.item(), 4))
    if step % 10 == 0:
        print(f"step {step:2d}: x = {x.item():.6f}, f = {f.item():.6f}")
print(history[:5], len(history))
print("final:", x)
