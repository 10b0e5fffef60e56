import torch
x = torch.tensor(1.0, requires_grad=True)
y = x * 2
z = y + 3
w = z ** 2
print("x:", x)
print("y:", y)
print("z:", z)
print("w:", w)
w.backward()
print("dw/dx =", x.grad)
print("expected", 2 * (2 * 1.0 + 3) * 2)
print(w.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
print(type(x), type(x.grad_fn), w.grad_fn.name())
print(isinstance(x, torch.Tensor), isinstance(3, int), isinstance(x.item(), float))
