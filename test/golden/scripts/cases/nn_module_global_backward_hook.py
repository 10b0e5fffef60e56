# The deprecated global backward hook (register_module_backward_hook): a post-hook of each module's
# last node, with its warnings; then a module's own full hook cannot join it
import torch
import torch.nn as nn
from torch.nn.modules.module import register_module_backward_hook
torch.manual_seed(0)
lin = nn.Linear(3, 2)
def bw(m, gin, gout):
    print("old", type(m).__name__, [None if g is None else tuple(g.shape) for g in gin], [tuple(g.shape) for g in gout])
h = register_module_backward_hook(bw)
x = torch.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
lin(x).sum().backward()
print(x.grad)
try:
    lin.register_full_backward_hook(bw)
    lin(x).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
h.remove()
print(lin(x))
