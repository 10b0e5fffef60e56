import torch
import torch.nn.functional as F

print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([[1], [0]]), 3))
print(F.one_hot(torch.tensor([], dtype=torch.long), 4).shape)
print(torch.nn.functional.one_hot(torch.tensor(2), num_classes=4))
xs = torch.tensor([0, 5, 13, 13, 1])
xenc = F.one_hot(xs, num_classes=27).float()
print(xenc.shape, xenc.dtype, xenc[1:3, :8])
W = torch.ones((27, 3))
print((xenc @ W)[:2])
for bad in [lambda: F.one_hot(torch.tensor([0., 1.])), lambda: F.one_hot(torch.tensor([-1, 1])),
            lambda: F.one_hot(torch.tensor([3, 1]), 2),
            lambda: F.one_hot(torch.tensor([], dtype=torch.long)),
            lambda: F.one_hot(torch.tensor([1, 2], dtype=torch.int32)),
            lambda: F.one_hot(torch.tensor([1]), num_classes=0)]:
    try:
        bad()
    except RuntimeError as err:
        print(err)
try:
    F.one_hot([1, 2])
except TypeError as err:
    print(err)
