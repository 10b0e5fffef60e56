# A Sequential whose layers do not fit: container.py's forward calls each module.
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(5, 1))
print(model(torch.ones(2, 3)))
