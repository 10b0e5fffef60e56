In [1]:
import torch

In [2]:
x = torch.tensor([1.0, 2.0], requires_grad=True)
x

In [3]:
y = x * 3
y.sum()
x.requires_grad
1 + 1

In [ ]:
print(y)
