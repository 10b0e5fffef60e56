"""The demo page pytorch.html plays this file's run, recorded from real PyTorch by the exporter.
Regenerate the trace (demos/assets/pytorch-model.trace.json) from the checkout's root with
    PYTHONPATH=python /usr/bin/python3 demos/assets/pytorch-model.py
"""
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import grad_graph  # noqa: E402


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.Tanh()
        self.fc2 = nn.Linear(3, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


torch.manual_seed(0)
model = Net()
x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([[1.0], [1.0], [0.0], [0.0]])

with grad_graph.record():
    pred = model(x)
    loss = nn.functional.mse_loss(pred, y)
    loss.backward()

here = os.path.dirname(os.path.abspath(__file__))
grad_graph.save(os.path.join(here, "pytorch-model.trace.json"))
print(f"{torch.__version__}: loss {loss.item():.4f}")
