# An error raised inside a forward hook: module.py's _call_impl calls the hook (line 1215).
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU())
seen = []


def record(module, inputs, output):
    seen.append(tuple(output.shape))
    return output.view(5)


model[0].register_forward_hook(record)
model(torch.ones(1, 3))
