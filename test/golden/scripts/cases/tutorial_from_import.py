from torch import tensor, ones, zeros
import torch.nn.functional as F
import torch
In [1]:
a = tensor([1.0, -2.0], requires_grad=True)
b = ones(2) + zeros(2)
In [2]:
c = F.relu(a * b).sum()
c.backward()
print(c, a.grad)
print('single', "double", 'it\'s', "tab\tsep", 'new\nline', r'raw\n')
print(1, 2, 3, sep=', ', end='!\n')
print()
print('a', end='')
print('b')
print([1.5, [2, (3,)], None, True, 'x', -0.0, 1e-7, 12345678912345.0])
