# A forward pre-hook that validates its input and raises: module.py's _call_impl calls it (line 1201).
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 2), nn.Tanh())


def check(module, inputs):
    if inputs[0].shape[1] != 3:
        raise ValueError(f"bad input {tuple(inputs[0].shape)}")


model[0].register_forward_pre_hook(check)
print(model(torch.ones(1, 3)).shape)
model(torch.ones(2, 4))
