import torch

# y = (2x + 1)^2 at x = 3: dy/dx = 4(2x + 1) = 28
x = torch.tensor(3.0, requires_grad=True)
u = 2 * x + 1
y = u ** 2
print("u =", u)
print("y =", y)
y.backward()
print("dy/dx =", x.grad)
print("x.grad.item() =", x.grad.item())
print(f"grad_fn of y: {y.grad_fn}")
print("is leaf:", x.is_leaf, u.is_leaf, y.is_leaf)

# gradients accumulate
for i in range(3):
    z = x * x
    z.backward()
    print(i, x.grad)
x.grad.zero_()
print("after zero_:", x.grad)

# vector-valued outputs need a gradient argument
v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = v * v
w.backward(torch.ones(3))
print(v.grad)
print(v.grad is None)
