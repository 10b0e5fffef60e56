import torch
def inner(t):
    return t @ torch.ones(3, 2)
def outer(t):
    return inner(t) + 1
print("start")
outer(torch.ones(2, 2))
