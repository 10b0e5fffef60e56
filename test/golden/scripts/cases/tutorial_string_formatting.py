import torch
loss = torch.tensor(0.123456)
n = torch.tensor(3)
print("loss: " + str(loss), "%.3f" % loss, "%d items" % n, "{} and {:.2f}".format(loss, loss))
print("%s" % loss, "%r" % [loss], "%5.1f|%-6.2f|" % (loss, loss))
for i, v in enumerate(torch.tensor([1.0, 2.0])):
    print(i, v)
for a, b in zip([1, 2], torch.tensor([3, 4])):
    print(a, b, a * b)
print(str(torch.float32), str(torch.Size([2])), str([torch.ones(1)]), str((1, torch.zeros(1))))
print(torch.ones(2, 3).shape[1:], torch.ones(2, 3).shape[::-1], len(torch.ones(2, 3).shape))
s = torch.ones(2, 3).shape
a, b = s
print(a, b, a * b, s == torch.Size([2, 3]), s == [2, 3], s[0] == 2, tuple(s) == (2, 3))
print(torch.tensor(1.5) * 2 == 3, float(torch.tensor(1) / 3))
t = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(t[0, :], t[:, 1], t[1][0], t[-1][-1].item(), t[0:1, 0:1], t[1:, :].shape, t[:1].shape)
print(t.sum(0)[1], t.mean(), t.mean(dim=0), t.sum(dim=(0, 1)), t.sum(dim=[0]))
x = torch.tensor(2.0, requires_grad=True)
y = x ** 2 + 3 * x + 1
y.backward()
print(f"y = {y.item()}, dy/dx = {x.grad.item()}")
