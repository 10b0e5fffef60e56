# Tensor.type_as: the other tensor's dtype (ToCopyBackward0), itself when equal; a non-tensor is a TypeError.
import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.type_as(torch.zeros(1, dtype=torch.float64))
print(y, x.type_as(torch.zeros(1)) is x, x.type_as(torch.zeros(1, dtype=torch.int64)))
y.sum().backward()
print(x.grad)
try:
    x.type_as(3)
except TypeError as e:
    print('TypeError:', e)
