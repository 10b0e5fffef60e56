import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
s = torch.stack([a * 2, b * 3], dim=1)
print(s, s.grad_fn, s.grad_fn.next_functions)
(s * torch.tensor([[1.0, 2.0], [3.0, 4.0]])).sum().backward()
print(a.grad, b.grad)
c = torch.cat([a, b, torch.ones(2)])
print(c, c.grad_fn.next_functions)
c.sum().backward()
print(a.grad, b.grad)
print(torch.cat([a.view(1, 2), b.view(1, 2)], dim=1), torch.cat((a.view(1, 2), b.view(1, 2))), torch.stack((a, b), -1))
print(torch.cat([torch.tensor([1, 2]), torch.tensor([True])]), torch.cat([a, torch.tensor([1, 2])]), torch.stack([torch.tensor(1.0), torch.tensor(2.0)]))
print(torch.cat([a, torch.zeros(0)]), torch.cat([torch.ones(2, 2), torch.zeros(0)]))
losses = []
for i in range(3):
    losses.append((a * i).sum())
print(torch.stack(losses), torch.stack(losses).mean())
rows = [torch.arange(3), torch.arange(3) * 2]
print(torch.stack(rows), torch.cat(rows), torch.stack(rows, dim=1).shape)
