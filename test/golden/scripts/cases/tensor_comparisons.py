import torch
x = torch.tensor([[1.0, -2.0], [3.0, 0.5]], requires_grad=True)
print(x > 0, x >= 1, x < 0.5, x <= -2, x == 3, x != 1)
print(0 < x, 1 == x, x.gt(0), torch.lt(x, 1), x.eq(x), (x > 0).float().mean())
print(x.argmax(), x.argmax(dim=1), torch.argmax(x, dim=0, keepdim=True))
pred = torch.tensor([0, 2, 1])
y = torch.tensor([0, 1, 1])
print((pred == y).sum().item(), (pred == y).float().mean().item())
print(3.0 in x, 7 in x, x == None)
if (x > 2).sum() > 0:
    print('some above 2')
print(torch.ones(2) == torch.ones(2), torch.tensor(1.0) < 2)
