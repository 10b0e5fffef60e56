# torch.Size + tuple and Size * n stay torch.Size, as PyTorch's Size does; its item check.
import torch
s = torch.Size([2])
print(torch.Size([2]) + torch.Size([3]), torch.Size([2]) + (4,), (1,) + torch.Size([2]))
print(s * 2, 2 * s, s + (True,), torch.zeros(2, 3).size() + (5,), torch.zeros(2, 3).shape[1:] + s)
for f in [lambda: s + (1.5,), lambda: s + [1]]:
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)
