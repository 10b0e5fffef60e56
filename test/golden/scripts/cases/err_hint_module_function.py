import torch
import torch.nn.functional as F


def f(x):
    return F.rel(x)


def g(): pass


try:
    g.__nam__
except AttributeError as e:
    print(e)
print(f(torch.ones(2)))
