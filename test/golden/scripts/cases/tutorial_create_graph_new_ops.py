import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
for name in ["cat", "stack", "setitem", "remainder", "fmod", "round"]:
    x.grad = None
    y = x ** 3
    if name == "cat":
        z = torch.cat([y, y * 2])
    elif name == "stack":
        z = torch.stack([y, y * 2])
    elif name == "setitem":
        z = y * 1
        z[0] = y[1] * 5
    elif name == "remainder":
        z = y % 5.0
    elif name == "fmod":
        z = y.fmod(torch.tensor([5.0, 5.0]))
    else:
        z = y.round() + y
    (g,) = torch.autograd.grad(z.sum(), x, create_graph=True)
    print(name, g, g.grad_fn is not None)
    g.sum().backward()
    print(x.grad)
