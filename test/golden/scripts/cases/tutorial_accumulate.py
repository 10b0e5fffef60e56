import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
for i in range(3):
    y = (x * (i + 1)).sum()
    y.backward()
    print(i, x.grad)
x.grad = None
print(x.grad)
z = x.sum() * 2
z.backward(retain_graph=True)
z.backward()
print(x.grad, x.grad.grad_fn, x.grad.requires_grad, x.grad.is_leaf)
g = x.grad
x.grad.zero_()
print(g is x.grad, g)
