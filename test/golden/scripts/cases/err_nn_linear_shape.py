# A shape mismatch in a Linear called from the script's own Module: the traceback goes through
# module.py's _call_impl and linear.py's forward, as PyTorch's Python code runs them.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc1(x)


net = Net()
print(net(torch.ones(4, 5)))
